package gather.net;

import gather.result.ErrorKind;
import gather.result.FetchException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/**
 * Fatal TLS alerts from the server, in words: in TLS 1.3 a server that wants a client certificate
 * (or rejects the one offered) says so only after the client's handshake is done, as an alert on
 * the first read (or the request's write fails first, and the alert is read then); in TLS 1.2
 * during the handshake. Either way the failure is {@code tls}, whatever exception carried it.
 */
final class TlsAlerts {
    private static final String RECEIVED = "Received fatal alert: ";

    private final String host;
    private final boolean offeredCertificate;

    TlsAlerts(String host, boolean offeredCertificate) {
        this.host = host;
        this.offeredCertificate = offeredCertificate;
    }

    /** The message for a fatal alert the server sent, or null when {@code e} is not one. */
    String message(IOException e) {
        String alert = null;
        for (Throwable t = e; t != null && alert == null; t = t.getCause()) {
            String m = t.getMessage();
            int at = m == null ? -1 : m.indexOf(RECEIVED);
            if (at >= 0) {
                alert = m.substring(at + RECEIVED.length()).strip().toLowerCase(Locale.ROOT);
            }
        }
        if (alert == null) {
            return null;
        }
        boolean aboutClientCertificate = switch (alert) {
            case "certificate_required", "bad_certificate", "unknown_ca", "certificate_unknown", "certificate_expired",
                 "certificate_revoked", "unsupported_certificate", "access_denied" -> true;
            default -> false;
        };
        if (!offeredCertificate && (alert.equals("certificate_required") || alert.equals("bad_certificate"))) {
            return "server " + host + " requires a client certificate (see --cert): TLS alert " + alert;
        }
        if (offeredCertificate && aboutClientCertificate) {
            return "server " + host + " rejected the client certificate: TLS alert " + alert;
        }
        return "TLS connection to " + host + " failed: the server sent TLS alert " + alert;
    }

    /** {@code in} with a server's fatal alert turned into a {@code tls} failure. */
    InputStream translate(InputStream in) {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                try {
                    return in.read();
                } catch (FetchException e) {
                    throw e;
                } catch (IOException e) {
                    throw translated(e);
                }
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                try {
                    return in.read(b, off, len);
                } catch (FetchException e) {
                    throw e;
                } catch (IOException e) {
                    throw translated(e);
                }
            }

            @Override
            public int available() throws IOException {
                return in.available();
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        };
    }

    /**
     * {@code out} with a failed write explained: a server that refuses the client's certificate
     * (or its absence) sends an alert and closes, so the request's write may fail first; the
     * alert is then read from {@code in} to say why.
     */
    java.io.OutputStream translate(java.io.OutputStream out, java.net.Socket socket, InputStream in) {
        return new java.io.FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                try {
                    out.write(b, off, len);
                } catch (IOException e) {
                    throw explained(e, socket, in);
                }
            }

            @Override
            public void flush() throws IOException {
                try {
                    out.flush();
                } catch (IOException e) {
                    throw explained(e, socket, in);
                }
            }
        };
    }

    private IOException explained(IOException writeFailure, java.net.Socket socket, InputStream in) {
        try {
            socket.setSoTimeout(100); // the alert, if any, has arrived: do not wait for more
            in.read();
        } catch (IOException e) {
            String m = message(e);
            if (m != null) {
                return new FetchException(ErrorKind.TLS, m, e);
            }
        }
        return writeFailure;
    }

    private IOException translated(IOException e) {
        String m = message(e);
        return m == null ? e : new FetchException(ErrorKind.TLS, m, e);
    }
}
