package gather.net;

import gather.result.ErrorKind;
import gather.result.FetchException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * Host names to addresses: --resolve overrides first, literal addresses as they are, then one
 * DNS lookup per host per run (concurrent askers wait for the same lookup). The result is
 * filtered by -4/-6 and ordered for happy eyeballs (RFC 8305: families interleaved, IPv6 first).
 */
public final class Resolver {
    public enum Family { ANY, V4, V6 }

    private static final java.util.regex.Pattern IPV4 = java.util.regex.Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");

    private final Map<String, String> overrides; // "host:port" (lower case) -> address
    private final Family family;
    private final Map<String, CompletableFuture<InetAddress[]>> cache = new ConcurrentHashMap<>();

    public Resolver(Map<String, String> overrides, Family family) {
        this.overrides = Map.copyOf(overrides);
        this.family = family;
    }

    /** Addresses to try, in order; {@code lookedUp[0]} is set true when DNS was asked. */
    public List<InetAddress> resolve(String host, int port, boolean[] lookedUp) throws FetchException {
        String override = overrides.get(host + ":" + port);
        if (override == null) {
            override = overrides.get(host + ":*");
        }
        String name = override != null ? override : host;
        InetAddress[] all;
        if (isLiteral(name)) {
            try {
                all = new InetAddress[] {InetAddress.getByName(name)};
            } catch (UnknownHostException e) {
                throw new FetchException(ErrorKind.INVALID_URL, "invalid address " + name);
            }
        } else {
            lookedUp[0] = true;
            all = lookup(name);
        }
        List<InetAddress> v6 = new ArrayList<>();
        List<InetAddress> v4 = new ArrayList<>();
        for (InetAddress a : all) {
            if (a instanceof Inet6Address && family != Family.V4) {
                v6.add(a);
            } else if (a instanceof Inet4Address && family != Family.V6) {
                v4.add(a);
            }
        }
        if (v6.isEmpty() && v4.isEmpty()) {
            throw new FetchException(ErrorKind.DNS, "host " + host + " has no "
                    + (family == Family.V4 ? "IPv4 " : family == Family.V6 ? "IPv6 " : "") + "address");
        }
        List<InetAddress> ordered = new ArrayList<>(v6.size() + v4.size());
        for (int i = 0; i < Math.max(v6.size(), v4.size()); i++) {
            if (i < v6.size()) {
                ordered.add(v6.get(i));
            }
            if (i < v4.size()) {
                ordered.add(v4.get(i));
            }
        }
        return ordered;
    }

    private InetAddress[] lookup(String name) throws FetchException {
        CompletableFuture<InetAddress[]> mine = new CompletableFuture<>();
        CompletableFuture<InetAddress[]> f = cache.putIfAbsent(name, mine);
        if (f == null) {
            f = mine;
            try {
                mine.complete(InetAddress.getAllByName(name));
            } catch (UnknownHostException | RuntimeException e) {
                mine.completeExceptionally(e);
            }
        }
        try {
            return f.get();
        } catch (ExecutionException e) {
            throw new FetchException(ErrorKind.DNS, "could not resolve host " + name);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FetchException(ErrorKind.CANCELLED, "interrupted while resolving " + name);
        }
    }

    static boolean isLiteral(String name) {
        return name.indexOf(':') >= 0 || IPV4.matcher(name).matches();
    }
}
