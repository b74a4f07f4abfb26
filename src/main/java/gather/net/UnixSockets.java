package gather.net;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * --unix-socket: the Unix domain socket that connections to a host go through instead of TCP.
 *
 * @param all the socket for every host without its own (null: none)
 * @param byHost lower-case host name to socket (--unix-socket HOST=PATH)
 */
public record UnixSockets(Path all, Map<String, Path> byHost) {
    public static final UnixSockets NONE = new UnixSockets(null, Map.of());

    public UnixSockets {
        byHost = Map.copyOf(byHost);
    }

    /** The socket for this host, or null for TCP. */
    public Path pathFor(String host) {
        if (!byHost.isEmpty()) {
            Path p = byHost.get(host.toLowerCase(Locale.ROOT));
            if (p != null) {
                return p;
            }
        }
        return all;
    }

    public boolean any() {
        return all != null || !byHost.isEmpty();
    }
}
