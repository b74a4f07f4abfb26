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


    private final Map<String, String> overrides; // "host:port" (lower case) -> address
    private final Family family;
    private final Map<String, CompletableFuture<InetAddress[]>> cache = new ConcurrentHashMap<>();
    /** Name (or literal) -> the addresses to try, filtered and ordered: worked out once per run. */
    private final Map<String, List<InetAddress>> ordered = new ConcurrentHashMap<>();

    public Resolver(Map<String, String> overrides, Family family) {
        this.overrides = Map.copyOf(overrides);
        this.family = family;
    }

    /** Addresses to try, in order; {@code lookedUp[0]} is set true when DNS was asked. */
    public List<InetAddress> resolve(String host, int port, boolean[] lookedUp) throws FetchException {
        String name = host;
        if (!overrides.isEmpty()) { // no key strings built per request when there is no --resolve
            String override = overrides.getOrDefault(host + ":" + port, overrides.get(host + ":*"));
            if (override != null) {
                name = override;
            }
        }
        boolean literal = isLiteral(name);
        lookedUp[0] = !literal;
        List<InetAddress> known = ordered.get(name);
        if (known != null) {
            return known;
        }
        InetAddress[] all;
        if (literal) {
            try {
                all = new InetAddress[] {InetAddress.getByName(name)};
            } catch (UnknownHostException e) {
                throw new FetchException(ErrorKind.INVALID_URL, "invalid address " + name);
            }
        } else {
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
        List<InetAddress> result = List.copyOf(ordered);
        this.ordered.put(name, result);
        return result;
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

    /** An IPv6 literal (any ':'), or four dot-separated groups of 1-3 digits (no regular expression: per connection). */
    static boolean isLiteral(String name) {
        if (name.indexOf(':') >= 0) {
            return true;
        }
        int groups = 1;
        int digits = 0;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c >= '0' && c <= '9') {
                if (++digits > 3) {
                    return false;
                }
            } else if (c == '.' && digits > 0 && groups < 4) {
                groups++;
                digits = 0;
            } else {
                return false;
            }
        }
        return groups == 4 && digits > 0;
    }
}
