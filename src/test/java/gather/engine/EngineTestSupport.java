package gather.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import gather.testing.GatherRun;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

/** Helpers shared by the engine's CLI-level tests: encoders, hashes, a black-hole listener, a CONNECT proxy. */
final class EngineTestSupport {
    private EngineTestSupport() {
    }

    // ---- results ------------------------------------------------------------------------------

    static String kind(JsonNode result) {
        JsonNode e = result.get("error");
        return e == null || e.isNull() ? null : e.get("kind").asText();
    }

    /** Asserts exactly one result failed with this kind, exit code 1, and returns that result. */
    static JsonNode failedWith(GatherRun run, String kind) {
        JsonNode r = run.result();
        assertThat(kind(r)).as("error kind of %s", run).isEqualTo(kind);
        assertThat(r.get("ok").asBoolean()).isFalse();
        assertThat(run.exitCode).as("exit code of %s", run).isEqualTo(1);
        assertThat(run.json().get("totals").get("errors").get(kind).asInt()).isEqualTo(1);
        return r;
    }

    /** Asserts exactly one result succeeded, exit code 0, and returns it. */
    static JsonNode succeeded(GatherRun run) {
        JsonNode r = run.result();
        assertThat(kind(r)).as("error kind of %s", run).isNull();
        assertThat(r.get("ok").asBoolean()).isTrue();
        assertThat(run.exitCode).as("exit code of %s", run).isEqualTo(0);
        return r;
    }

    static double timing(JsonNode result, String phase) {
        return result.get("timing_ms").get(phase).asDouble();
    }

    // ---- bytes --------------------------------------------------------------------------------

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] gzip(byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(out)) {
            g.write(b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** zlib-wrapped deflate (what RFC 9110 calls "deflate"), or raw deflate when {@code raw}. */
    static byte[] deflate(byte[] b, boolean raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, raw);
        try (DeflaterOutputStream z = new DeflaterOutputStream(out, d)) {
            z.write(b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            d.end();
        }
        return out.toByteArray();
    }

    /** A known brotli stream (as made by the reference encoder) for the text "hello". */
    static final byte[] BROTLI_HELLO = {0x0b, 0x02, (byte) 0x80, 'h', 'e', 'l', 'l', 'o', 0x03};

    /**
     * A valid brotli stream of uncompressed meta-blocks (RFC 7932 section 9.2): WBITS=16 (one 0 bit), then per
     * block of at most 65536 bytes ISLAST=0, MNIBBLES=4, MLEN-1 (16 bits), ISUNCOMPRESSED=1, padding to a byte,
     * the bytes; then an empty last meta-block (ISLAST=1, ISLASTEMPTY=1).
     */
    static byte[] brotliStored(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BitWriter w = new BitWriter(out);
        w.bits(0, 1); // WBITS = 16
        for (int off = 0; off < data.length; off += 65536) {
            int n = Math.min(65536, data.length - off);
            w.bits(0, 1);     // ISLAST
            w.bits(0, 2);     // MNIBBLES = 4
            w.bits(n - 1, 16); // MLEN - 1
            w.bits(1, 1);     // ISUNCOMPRESSED
            w.align();
            out.write(data, off, n);
        }
        w.bits(1, 1); // ISLAST
        w.bits(1, 1); // ISLASTEMPTY
        w.align();
        return out.toByteArray();
    }

    private static final class BitWriter {
        private final ByteArrayOutputStream out;
        private int acc;
        private int n;

        BitWriter(ByteArrayOutputStream out) {
            this.out = out;
        }

        void bits(int value, int count) {
            for (int i = 0; i < count; i++) {
                acc |= ((value >> i) & 1) << n;
                if (++n == 8) {
                    out.write(acc);
                    acc = 0;
                    n = 0;
                }
            }
        }

        void align() {
            if (n > 0) {
                out.write(acc);
                acc = 0;
                n = 0;
            }
        }
    }

    // ---- sockets ------------------------------------------------------------------------------

    /** A port that was bound and then closed: connecting to it is refused. */
    static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return s.getLocalPort();
        }
    }

    static boolean canBindIpv6Loopback() {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getByName("::1"), 0));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * A listener that never accepts, with a backlog of 1 whose queue is filled, so that further SYNs are
     * dropped and a connect hangs until its timeout: "an address that never answers", on loopback.
     */
    static final class BlackHole implements AutoCloseable {
        private final ServerSocket server;
        private final List<Socket> fillers = new ArrayList<>();

        BlackHole(InetAddress address, int port) throws IOException {
            server = new ServerSocket();
            server.bind(new InetSocketAddress(address, port), 1);
            for (int i = 0; i < 4; i++) {
                Socket s = new Socket();
                try {
                    s.connect(server.getLocalSocketAddress(), 200);
                    fillers.add(s);
                } catch (SocketTimeoutException e) {
                    s.close();
                    break;
                }
            }
        }

        int port() {
            return server.getLocalPort();
        }

        /** Whether a new connect really hangs (checked with a short timeout). */
        boolean swallowsConnects() {
            try (Socket s = new Socket()) {
                s.connect(server.getLocalSocketAddress(), 300);
                fillers.add(new Socket()); // connected after all: not a black hole
                return false;
            } catch (SocketTimeoutException e) {
                return true;
            } catch (IOException e) {
                return false;
            }
        }

        @Override
        public void close() {
            for (Socket s : fillers) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // best effort
                }
            }
            try {
                server.close();
            } catch (IOException ignored) {
                // best effort
            }
        }
    }

    /**
     * A plain listener that accepts, counts, and answers every connection with an empty 200 and closes: the
     * "wrong family" listener for -4/-6 tests.
     */
    static final class CountingListener implements AutoCloseable {
        private final ServerSocket server;
        private final AtomicInteger accepted = new AtomicInteger();

        CountingListener(InetAddress address, int port) throws IOException {
            server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(address, port));
            Thread.ofVirtual().start(() -> {
                while (!server.isClosed()) {
                    try (Socket s = server.accept()) {
                        accepted.incrementAndGet();
                        s.getOutputStream().write(utf8("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
                        s.getOutputStream().flush();
                    } catch (IOException e) {
                        return;
                    }
                }
            });
        }

        int accepted() {
            return accepted.get();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    /**
     * A small CONNECT proxy: reads the CONNECT head, records it, answers 200, then pipes bytes both ways to
     * 127.0.0.1 at the requested port (whatever the requested host name).
     */
    static final class TunnelProxy implements AutoCloseable {
        private final ServerSocket server;
        final List<String> heads = new CopyOnWriteArrayList<>();
        private final List<Socket> sockets = new CopyOnWriteArrayList<>();

        TunnelProxy() throws IOException {
            server = new ServerSocket();
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Thread.ofVirtual().start(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket s = server.accept();
                        sockets.add(s);
                        Thread.ofVirtual().start(() -> serve(s));
                    } catch (IOException e) {
                        return;
                    }
                }
            });
        }

        int port() {
            return server.getLocalPort();
        }

        String url() {
            return "http://127.0.0.1:" + port();
        }

        /** The first line of each CONNECT received. */
        List<String> requestLines() {
            return heads.stream().map(h -> h.substring(0, h.indexOf("\r\n"))).toList();
        }

        private void serve(Socket client) {
            try {
                InputStream in = client.getInputStream();
                ByteArrayOutputStream head = new ByteArrayOutputStream();
                while (true) { // byte by byte: nothing after the head may be swallowed
                    int b = in.read();
                    if (b < 0) {
                        return;
                    }
                    head.write(b);
                    byte[] h = head.toByteArray();
                    int n = h.length;
                    if (n >= 4 && h[n - 4] == '\r' && h[n - 3] == '\n' && h[n - 2] == '\r' && h[n - 1] == '\n') {
                        break;
                    }
                }
                String text = head.toString(StandardCharsets.ISO_8859_1);
                heads.add(text);
                String[] parts = text.substring(0, text.indexOf("\r\n")).split(" ");
                OutputStream out = client.getOutputStream();
                if (!parts[0].equals("CONNECT")) {
                    out.write(utf8("HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
                    return;
                }
                int port = Integer.parseInt(parts[1].substring(parts[1].lastIndexOf(':') + 1));
                Socket origin = new Socket(InetAddress.getLoopbackAddress(), port);
                sockets.add(origin);
                out.write(utf8("HTTP/1.1 200 Connection established\r\n\r\n"));
                out.flush();
                Thread up = Thread.ofVirtual().start(() -> pipe(client, origin));
                pipe(origin, client);
                up.join();
            } catch (Exception ignored) {
                // the test sees the outcome through gather
            } finally {
                closeQuietly(client);
            }
        }

        private static void pipe(Socket from, Socket to) {
            try {
                from.getInputStream().transferTo(to.getOutputStream());
                to.shutdownOutput();
            } catch (IOException e) {
                closeQuietly(to);
                closeQuietly(from);
            }
        }

        private static void closeQuietly(Socket s) {
            try {
                s.close();
            } catch (IOException ignored) {
                // best effort
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket s : sockets) {
                closeQuietly(s);
            }
        }
    }
}
