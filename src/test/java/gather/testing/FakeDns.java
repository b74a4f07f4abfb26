package gather.testing;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver;
import java.net.spi.InetAddressResolverProvider;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The tests' DNS (JDK's InetAddressResolverProvider SPI, registered in META-INF/services): names
 * under ".test" resolve from a table the tests fill ({@link #register}); names under ".invalid"
 * fail at once; everything else (localhost) goes to the built-in resolver. No test asks a real
 * DNS server.
 */
public final class FakeDns extends InetAddressResolverProvider {
    private static final Map<String, InetAddress[]> TABLE = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> LOOKUPS = new ConcurrentHashMap<>();

    /** Makes NAME (ending in .test) resolve to these literal addresses, in this order. */
    public static void register(String name, String... addresses) {
        InetAddress[] a = Arrays.stream(addresses).map(FakeDns::literal).toArray(InetAddress[]::new);
        TABLE.put(name.toLowerCase(java.util.Locale.ROOT), a);
    }

    /** How many times NAME was looked up. */
    public static int lookups(String name) {
        AtomicInteger n = LOOKUPS.get(name.toLowerCase(java.util.Locale.ROOT));
        return n == null ? 0 : n.get();
    }

    private static InetAddress literal(String s) {
        try {
            return InetAddress.getByAddress(s, InetAddress.getByName(s).getAddress());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(s, e);
        }
    }

    @Override
    public InetAddressResolver get(Configuration configuration) {
        InetAddressResolver builtin = configuration.builtinResolver();
        return new InetAddressResolver() {
            @Override
            public Stream<InetAddress> lookupByName(String host, LookupPolicy policy) throws UnknownHostException {
                String h = host.toLowerCase(java.util.Locale.ROOT);
                if (h.endsWith(".test") || h.endsWith(".invalid")) {
                    LOOKUPS.computeIfAbsent(h, k -> new AtomicInteger()).incrementAndGet();
                    InetAddress[] a = TABLE.get(h);
                    if (a == null) {
                        throw new UnknownHostException(host + ": not in the test DNS table");
                    }
                    return Arrays.stream(a).map(x -> {
                        try {
                            return InetAddress.getByAddress(host, x.getAddress());
                        } catch (UnknownHostException e) {
                            throw new IllegalStateException(e);
                        }
                    });
                }
                return builtin.lookupByName(host, policy);
            }

            @Override
            public String lookupByAddress(byte[] addr) throws UnknownHostException {
                return builtin.lookupByAddress(addr);
            }
        };
    }

    @Override
    public String name() {
        return "gather-test-dns";
    }

    static List<String> names() {
        return List.copyOf(TABLE.keySet());
    }
}
