package gather.engine;

import gather.http1.ConnectTunnel;
import gather.http1.HttpLimits;
import gather.plan.Target;
import gather.result.ErrorKind;
import gather.result.FetchException;
import java.io.IOException;
import java.net.Socket;
import java.util.concurrent.TimeUnit;

/**
 * A tunnel through an HTTP proxy for https: the CONNECT exchange is http1's ({@link ConnectTunnel});
 * here the deadline while it runs, and the proxy's name in what a failure says.
 */
final class ProxyTunnel {
    private ProxyTunnel() { }

    static void open(Socket s, Target target, Target proxy, Deadline deadline, HttpLimits limits) throws FetchException {
        try {
            long left = deadline.remainingNanos();
            s.setSoTimeout(left == Long.MAX_VALUE ? 0 : (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            ConnectTunnel.open(s.getInputStream(), s.getOutputStream(), target.hostPort(),
                    proxy.basicAuth() == null ? null : "Basic " + proxy.basicAuth(), limits);
            s.setSoTimeout(0); // from here on the watchdog guards reads
        } catch (FetchException e) {
            close(s);
            throw new FetchException(e.kind(), "proxy " + proxy.hostPort() + " " + e.getMessage(), e);
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
