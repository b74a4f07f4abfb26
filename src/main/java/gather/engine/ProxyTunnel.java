package gather.engine;

import gather.http1.HttpInput;
import gather.http1.HttpLimits;
import gather.http1.RequestWriter;
import gather.http1.ResponseHead;
import gather.plan.Target;
import gather.result.ErrorKind;
import gather.result.FetchException;
import java.io.IOException;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** CONNECT host:port through an HTTP proxy, for https (RFC 9110 9.3.6). */
final class ProxyTunnel {
    private ProxyTunnel() { }

    static void open(Socket s, Target target, Target proxy, Deadline deadline, HttpLimits limits) throws FetchException {
        List<String[]> fields = new ArrayList<>();
        fields.add(new String[] {"Host", target.hostPort()});
        if (proxy.basicAuth() != null) {
            fields.add(new String[] {"Proxy-Authorization", "Basic " + proxy.basicAuth()});
        }
        byte[] request = RequestWriter.encode("CONNECT", target.hostPort(), fields, null);
        try {
            long left = deadline.remainingNanos();
            s.setSoTimeout(left == Long.MAX_VALUE ? 0 : (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            s.getOutputStream().write(request);
            s.getOutputStream().flush();
            // read byte by byte so nothing of the TLS handshake that follows is swallowed
            HttpInput in = new HttpInput(s.getInputStream(), 1);
            ResponseHead head = ResponseHead.read(in, limits);
            if (head == null) {
                throw new FetchException(ErrorKind.CONNECT, "proxy " + proxy.hostPort() + " closed the connection on CONNECT");
            }
            s.setSoTimeout(0); // from here on the watchdog guards reads
            if (head.status() / 100 != 2) {
                throw new FetchException(ErrorKind.CONNECT, "proxy " + proxy.hostPort() + " refused CONNECT to "
                        + target.hostPort() + ": HTTP " + head.status() + " " + head.reason());
            }
        } catch (FetchException e) {
            close(s);
            if (e.kind() == ErrorKind.TRUNCATED) {
                throw new FetchException(ErrorKind.PROTOCOL, "proxy " + proxy.hostPort() + ": " + e.getMessage());
            }
            if (e.kind() == ErrorKind.PROTOCOL) {
                throw new FetchException(ErrorKind.PROTOCOL, "proxy " + proxy.hostPort() + " sent a bad reply to CONNECT: "
                        + e.getMessage());
            }
            throw e;
        } catch (java.net.SocketTimeoutException e) {
            close(s);
            throw deadline.expired();
        } catch (IOException e) {
            close(s);
            throw new FetchException(ErrorKind.CONNECT, "proxy " + proxy.hostPort() + " failed: " + e.getMessage());
        }
    }

    private static void close(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }
}
