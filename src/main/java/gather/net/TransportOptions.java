package gather.net;

import java.util.List;

/**
 * How connections are opened beyond DNS and trust: a client certificate (--cert), Unix domain
 * sockets (--unix-socket), --connect-to rules, and a byte rate for every read of the run
 * (--limit-rate; 0: no limit).
 */
public record TransportOptions(ClientCertificate clientCertificate, UnixSockets unixSockets, List<ConnectTo> connectTo,
                               long limitRateBytesPerSecond) {
    public static final TransportOptions NONE = new TransportOptions(null, UnixSockets.NONE, List.of(), 0);

    public TransportOptions {
        connectTo = List.copyOf(connectTo);
    }
}
