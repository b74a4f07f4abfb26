package gather.http1;

import gather.result.ErrorKind;
import gather.result.FetchException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The CONNECT exchange that opens a tunnel through an HTTP proxy (RFC 9110 9.3.6): the request
 * for {@code host:port}, then the proxy's head, read one byte at a time so that nothing of what
 * follows in the tunnel (a TLS handshake) is swallowed. A 2xx opens the tunnel; anything else is
 * {@code connect}; a reply that breaks HTTP is {@code protocol}.
 */
public final class ConnectTunnel {
    private ConnectTunnel() { }

    /**
     * @param authority          host:port the tunnel goes to
     * @param proxyAuthorization the Proxy-Authorization value, or null
     * @return the proxy's 2xx head
     */
    public static ResponseHead open(InputStream in, OutputStream out, String authority, String proxyAuthorization,
                                    HttpLimits limits) throws IOException {
        List<String[]> fields = new ArrayList<>();
        fields.add(new String[] {"Host", authority});
        if (proxyAuthorization != null) {
            fields.add(new String[] {"Proxy-Authorization", proxyAuthorization});
        }
        out.write(RequestWriter.encode("CONNECT", authority, fields, null));
        out.flush();
        ResponseHead head;
        try {
            head = ResponseHead.read(new HttpInput(in, 1), limits);
        } catch (FetchException e) {
            if (e.kind() == ErrorKind.TRUNCATED || e.kind() == ErrorKind.PROTOCOL) {
                throw new FetchException(ErrorKind.PROTOCOL, "sent a bad reply to CONNECT: " + e.getMessage());
            }
            throw e;
        }
        if (head == null) {
            throw new FetchException(ErrorKind.CONNECT, "closed the connection on CONNECT");
        }
        if (head.status() / 100 != 2) {
            throw new FetchException(ErrorKind.CONNECT, "refused CONNECT to " + authority + ": HTTP " + head.status()
                    + " " + head.reason());
        }
        return head;
    }
}
