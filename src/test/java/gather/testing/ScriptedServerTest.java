package gather.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class ScriptedServerTest {

    private static final String GET = "GET /a?x=1 HTTP/1.1\r\nHost: example\r\nX-Case: One\r\nx-case: two\r\n\r\n";

    @Test
    void queuedResponseArrivesByteExact() throws Exception {
        try (ScriptedServer server = ScriptedServer.plain(); Socket s = connect(server)) {
            server.enqueue(ScriptedResponse.ok("héllo").header("X-A", "1"));
            send(s, GET);
            byte[] expected = "HTTP/1.1 200 OK\r\nX-A: 1\r\nContent-Length: 6\r\n\r\nhéllo"
                    .getBytes(StandardCharsets.UTF_8);
            assertThat(readN(s, expected.length)).isEqualTo(expected);

            RecordedRequest r = server.takeRequest();
            assertThat(r.method()).isEqualTo("GET");
            assertThat(r.target()).isEqualTo("/a?x=1");
            assertThat(r.path()).isEqualTo("/a");
            assertThat(r.version()).isEqualTo("HTTP/1.1");
            assertThat(r.header("x-CASE")).isEqualTo("One");
            assertThat(r.headers("X-Case")).containsExactly("One", "two");
            assertThat(r.headers()).extracting(RecordedRequest.Header::name)
                    .containsExactly("Host", "X-Case", "x-case");
            assertThat(r.rawHeadString()).isEqualTo(GET);
            assertThat(r.body()).isEmpty();
        }
    }

    @Test
    void nothingQueuedAnswers404AndDispatcherWins() throws Exception {
        try (ScriptedServer server = ScriptedServer.plain(); Socket s = connect(server)) {
            send(s, GET);
            byte[] notFound = "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            assertThat(readN(s, notFound.length)).isEqualTo(notFound);

            server.enqueue(ScriptedResponse.ok("queued"));
            server.setDispatcher(req -> ScriptedResponse.raw("HTTP/1.1 204 No Content\r\nX-Path: " + req.path()
                    + "\r\n\r\n"));
            send(s, GET);
            byte[] raw = "HTTP/1.1 204 No Content\r\nX-Path: /a\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            assertThat(readN(s, raw.length)).isEqualTo(raw);
        }
    }

    @Test
    void twoRequestsOnOneSocketShareTheConnectionIndex() throws Exception {
        try (ScriptedServer server = ScriptedServer.plain(); Socket s = connect(server)) {
            server.enqueue(ScriptedResponse.ok("one"), ScriptedResponse.ok("two"));
            send(s, "GET /1 HTTP/1.1\r\nHost: h\r\n\r\n");
            assertThat(new String(readN(s, 41), StandardCharsets.US_ASCII)).endsWith("\r\n\r\none");
            send(s, "GET /2 HTTP/1.1\r\nHost: h\r\n\r\n");
            assertThat(new String(readN(s, 41), StandardCharsets.US_ASCII)).endsWith("\r\n\r\ntwo");

            RecordedRequest first = server.takeRequest();
            RecordedRequest second = server.takeRequest();
            assertThat(first.target()).isEqualTo("/1");
            assertThat(second.target()).isEqualTo("/2");
            assertThat(List.of(first.connectionIndex(), second.connectionIndex())).containsExactly(0, 0);
            assertThat(List.of(first.exchangeIndex(), second.exchangeIndex())).containsExactly(0, 1);
            assertThat(server.requestCount()).isEqualTo(2);
            assertThat(server.connectionCount()).isEqualTo(1);
        }
    }

    @Test
    void requestBodiesAreRecordedByLengthAndChunked() throws Exception {
        try (ScriptedServer server = ScriptedServer.plain(); Socket s = connect(server)) {
            byte[] ok = ScriptedResponse.ok().toBytes();
            send(s, "POST /p HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhello");
            assertThat(readN(s, 45)).isNotEmpty(); // 404 with Content-Length: 0
            server.enqueue(ScriptedResponse.ok());
            send(s, "PUT /q HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "3\r\nabc\r\n2;ext=1\r\nde\r\n0\r\nTrailer: x\r\n\r\n");
            assertThat(readN(s, ok.length)).isEqualTo(ok);

            RecordedRequest post = server.takeRequest();
            assertThat(post.method()).isEqualTo("POST");
            assertThat(post.bodyUtf8()).isEqualTo("hello");
            assertThat(post.chunked()).isFalse();
            RecordedRequest put = server.takeRequest();
            assertThat(put.bodyUtf8()).isEqualTo("abcde");
            assertThat(put.chunked()).isTrue();
            assertThat(put.exchangeIndex()).isEqualTo(1);
        }
    }

    @Test
    void closeAfterBytesCutsAtTheRightByte() throws Exception {
        try (ScriptedServer server = ScriptedServer.plain(); Socket s = connect(server)) {
            String full = "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n0123456789";
            server.enqueue(ScriptedResponse.raw(full).closeAfterBytes(full.length() - 4));
            send(s, GET);
            assertThat(new String(readToEof(s), StandardCharsets.US_ASCII))
                    .isEqualTo(full.substring(0, full.length() - 4));
        }
    }

    @Test
    void chunkedThrottledResponseIsWellFormed() throws Exception {
        try (ScriptedServer server = ScriptedServer.plain(); Socket s = connect(server)) {
            server.enqueue(ScriptedResponse.ok().chunked("abcdefg", 3).header("Connection", "close")
                    .throttle(5, Duration.ofMillis(1)));
            send(s, GET);
            assertThat(new String(readToEof(s), StandardCharsets.US_ASCII)).isEqualTo(
                    "HTTP/1.1 200 OK\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n"
                            + "3\r\nabc\r\n3\r\ndef\r\n1\r\ng\r\n0\r\n\r\n");
        }
    }

    @Test
    void closingTheServerReleasesAStalledResponse() throws Exception {
        ScriptedServer server = ScriptedServer.plain();
        try (Socket s = connect(server)) {
            server.enqueue(ScriptedResponse.ok("never sent").stall());
            send(s, GET);
            byte[] head = "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            assertThat(readN(s, head.length)).isEqualTo(head);
            long start = System.nanoTime();
            server.close();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
            assertThat(readToEofOrReset(s)).isEmpty();
        } finally {
            server.close();
        }
    }

    @Test
    void tlsWorksWithTheLocalhostCertificate() throws Exception {
        try (ScriptedServer server = ScriptedServer.tls(TestTls.LOCALHOST_P12);
                SSLSocket s = tlsConnect(server, "localhost")) {
            assertThat(server.url("/x")).isEqualTo("https://127.0.0.1:" + server.port() + "/x");
            server.enqueue(ScriptedResponse.ok("secure"));
            s.startHandshake();
            send(s, GET);
            byte[] expected = ScriptedResponse.ok("secure").toBytes();
            assertThat(readN(s, expected.length)).isEqualTo(expected);
            assertThat(server.takeRequest().target()).isEqualTo("/a?x=1");
        }
        try (ScriptedServer server = ScriptedServer.tls(TestTls.LOCALHOST_P12);
                SSLSocket s = tlsConnect(server, "127.0.0.1")) {
            s.startHandshake(); // IP SAN
        }
    }

    @Test
    void tlsFailsHostNameVerificationWithTheWrongHostCertificate() throws Exception {
        try (ScriptedServer server = ScriptedServer.tls(TestTls.WRONGHOST_P12)) {
            try (SSLSocket s = tlsConnect(server, "localhost")) {
                assertThatThrownBy(s::startHandshake).isInstanceOf(SSLHandshakeException.class);
            }
            // the chain itself is fine: only the name check fails
            try (SSLSocket s = tlsConnect(server, null)) {
                s.startHandshake();
            }
        }
    }

    @Test
    void peakConcurrencyCountsSimultaneousSockets() throws Exception {
        try (ScriptedServer server = ScriptedServer.plain()) {
            List<Socket> sockets = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    sockets.add(connect(server));
                }
                assertThat(server.awaitConnectionCount(3, Duration.ofSeconds(5))).isTrue();
                assertThat(server.openConnections()).isEqualTo(3);
                assertThat(server.peakConcurrentConnections()).isEqualTo(3);
            } finally {
                for (Socket s : sockets) {
                    s.close();
                }
            }
        }
    }

    @Test
    void connectionHandlerReplacesHttp() throws Exception {
        try (ScriptedServer server = ScriptedServer.plain()) {
            server.setConnectionHandler((socket, index) -> {
                socket.getOutputStream().write(("garbage " + index).getBytes(StandardCharsets.US_ASCII));
            });
            try (Socket s = connect(server)) {
                assertThat(new String(readToEof(s), StandardCharsets.US_ASCII)).isEqualTo("garbage 0");
            }
            assertThat(server.requestCount()).isZero();
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------

    private static Socket connect(ScriptedServer server) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress(server.bindAddress(), server.port()), 5_000);
        s.setSoTimeout(5_000);
        return s;
    }

    /** TLS over a TCP connection to the server; {@code verifyAs} is the host name checked, null for none. */
    private static SSLSocket tlsConnect(ScriptedServer server, String verifyAs) throws IOException {
        Socket tcp = connect(server);
        String peer = verifyAs != null ? verifyAs : "localhost";
        SSLSocket s = (SSLSocket) TestTls.sslContextTrustingCa().getSocketFactory()
                .createSocket(tcp, peer, server.port(), true);
        if (verifyAs != null) {
            SSLParameters p = s.getSSLParameters();
            p.setEndpointIdentificationAlgorithm("HTTPS");
            s.setSSLParameters(p);
        }
        return s;
    }

    private static void send(Socket s, String text) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static byte[] readN(Socket s, int n) throws IOException {
        byte[] b = s.getInputStream().readNBytes(n);
        assertThat(b).as("bytes before EOF").hasSize(n);
        return b;
    }

    private static byte[] readToEof(Socket s) throws IOException {
        return s.getInputStream().readAllBytes();
    }

    private static byte[] readToEofOrReset(Socket s) {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        try {
            InputStream in = s.getInputStream();
            byte[] buf = new byte[1024];
            for (int n; (n = in.read(buf)) >= 0; ) {
                got.write(buf, 0, n);
            }
        } catch (IOException reset) {
            // connection reset is an acceptable way to learn about the close
        }
        return got.toByteArray();
    }
}
