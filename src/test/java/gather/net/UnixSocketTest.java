package gather.net;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import gather.testing.GatherRun;
import gather.testing.TestTls;
import gather.testing.RecordedRequest;
import gather.testing.ScriptedResponse;
import gather.testing.UnixScriptedServer;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** --unix-socket PATH and --unix-socket HOST=PATH against a server on a Unix domain socket the test opens. */
class UnixSocketTest {

    @Test
    void everyUrlGoesOverTheSocketWithItsOwnHostHeader() throws Exception {
        try (UnixScriptedServer server = new UnixScriptedServer()) {
            server.enqueue(ScriptedResponse.ok("over unix"));
            GatherRun run = GatherRun.json("--unix-socket", server.path().toString(), "http://daemon.invalid/v1/info");
            assertThat(run.exitCode).as(run.toString()).isZero();
            JsonNode r = run.result();
            assertThat(r.get("bytes").asLong()).isEqualTo(9);
            assertThat(r.get("remote_address").asText()).isEqualTo("unix:" + server.path());
            assertThat(r.get("timing_ms").get("dns").asDouble()).isZero();
            assertThat(r.get("tls").isNull()).isTrue();
            RecordedRequest req = server.takeRequest();
            assertThat(req.header("Host")).isEqualTo("daemon.invalid");
            assertThat(req.path()).isEqualTo("/v1/info");
        }
    }

    @Test
    void keepAliveConnectionIsReusedOverTheSocket() throws Exception {
        try (UnixScriptedServer server = new UnixScriptedServer()) {
            server.enqueue(ScriptedResponse.ok("one"), ScriptedResponse.ok("two"));
            GatherRun run = GatherRun.json("-j", "1", "--unix-socket", server.path().toString(),
                    "http://daemon.invalid/a", "http://daemon.invalid/b");
            assertThat(run.exitCode).as(run.toString()).isZero();
            assertThat(run.json().get("results").get(1).get("reused_connection").asBoolean()).isTrue();
            assertThat(server.connectionCount()).isEqualTo(1);
            assertThat(server.takeRequest().exchangeIndex()).isZero();
            assertThat(server.takeRequest().exchangeIndex()).isEqualTo(1);
        }
    }

    @Test
    void hostEqualsPathRoutesOnlyThatHost() throws Exception {
        try (UnixScriptedServer server = new UnixScriptedServer()) {
            server.enqueue(ScriptedResponse.ok("routed"));
            GatherRun run = GatherRun.json("--unix-socket", "Docker.invalid=" + server.path(),
                    "http://docker.invalid/", "http://other.invalid/");
            assertThat(run.errorKind(0)).as(run.toString()).isNull();
            assertThat(run.errorKind(1)).isEqualTo("dns"); // not routed: TCP, and .invalid does not resolve
            assertThat(server.takeRequest().header("Host")).isEqualTo("docker.invalid");
        }
    }

    @Test
    @Timeout(30)
    void aStalledServerTimesOutByClosingTheChannel() {
        try (UnixScriptedServer server = new UnixScriptedServer()) {
            server.enqueue(ScriptedResponse.ok("never").stall());
            GatherRun run = GatherRun.json("--read-timeout", "0.3", "--unix-socket", server.path().toString(),
                    "http://daemon.invalid/");
            assertThat(run.errorKind(0)).as(run.toString()).isEqualTo("timeout");
        }
    }

    @Test
    void aMissingSocketIsAConnectFailure(@TempDir Path dir) {
        GatherRun run = GatherRun.json("--unix-socket", dir.resolve("none.sock").toString(), "http://daemon.invalid/");
        assertThat(run.exitCode).isEqualTo(1);
        assertThat(run.errorKind(0)).isEqualTo("connect");
        assertThat(run.result().get("error").get("message").asText()).contains("none.sock");
    }

    /** A one-exchange TLS server on a Unix socket (the server's side layered the same way as gather's). */
    private static CompletableFuture<String> tlsServer(ServerSocketChannel server, String p12) {
        SSLContext ctx = TestTls.serverSslContext(p12);
        CompletableFuture<String> head = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try (SocketChannel ch = server.accept();
                 SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(new ChannelSocket(ch), null, true)) {
                InputStream in = s.getInputStream();
                StringBuilder sb = new StringBuilder();
                while (!sb.toString().endsWith("\r\n\r\n")) {
                    int c = in.read();
                    if (c < 0) {
                        throw new java.io.EOFException("request cut: " + sb);
                    }
                    sb.append((char) c);
                }
                head.complete(sb.toString());
                s.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabc"
                        .getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
            } catch (Exception e) {
                head.completeExceptionally(e);
            }
        });
        return head;
    }

    @Test
    void httpsOverAUnixSocketChecksTheUrlsHostName(@TempDir Path dir) throws Exception {
        Path sock = dir.resolve("tls.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(sock));
            CompletableFuture<String> head = tlsServer(server, TestTls.LOCALHOST_P12);
            GatherRun run = GatherRun.json("--cacert", TestTls.caPemPath().toString(), "--unix-socket", sock.toString(),
                    "https://localhost/secure");
            assertThat(run.exitCode).as(run.toString()).isZero();
            JsonNode r = run.result();
            assertThat(r.get("bytes").asLong()).isEqualTo(3);
            assertThat(r.get("remote_address").asText()).isEqualTo("unix:" + sock);
            assertThat(r.get("tls").get("protocol").asText()).startsWith("TLSv1.");
            assertThat(head.get(10, TimeUnit.SECONDS)).startsWith("GET /secure HTTP/1.1\r\n").contains("Host: localhost\r\n");
        }
    }

    @Test
    void httpsOverAUnixSocketFailsForANameTheCertificateDoesNotHold(@TempDir Path dir) throws Exception {
        Path sock = dir.resolve("tls.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(sock));
            tlsServer(server, TestTls.LOCALHOST_P12);
            GatherRun run = GatherRun.json("--cacert", TestTls.caPemPath().toString(), "--unix-socket", sock.toString(),
                    "https://daemon.invalid/");
            assertThat(run.errorKind(0)).as(run.toString()).isEqualTo("tls");
        }
    }

    @Test
    @Timeout(30)
    void aTlsHandshakeThatNeverComesTimesOut(@TempDir Path dir) throws Exception {
        Path sock = dir.resolve("mute.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(sock)); // accepts (backlog) and never answers
            GatherRun run = GatherRun.json("--connect-timeout", "0.3", "--unix-socket", sock.toString(),
                    "https://localhost/");
            assertThat(run.errorKind(0)).as(run.toString()).isEqualTo("timeout");
        }
    }

    @Test
    void idleChannelHealthIsProbedWithoutATimeout(@TempDir Path dir) throws Exception {
        Path sock = dir.resolve("probe.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(sock));
            SocketChannel client = SocketChannel.open(StandardProtocolFamily.UNIX);
            client.connect(UnixDomainSocketAddress.of(sock));
            try (SocketChannel peer = server.accept(); Connection c = new Connection("k", client, "unix:" + sock, null)) {
                assertThat(c.healthy(System.nanoTime(), 0)).isTrue();
                peer.write(java.nio.ByteBuffer.wrap(new byte[] {'x'}));
                assertThat(c.in().read()).isEqualTo('x'); // the probe left the channel blocking and usable
                peer.close();
                assertThat(c.healthy(System.nanoTime(), 0)).isFalse();
            }
        }
    }

    @Test
    void aProxyIsNotUsedForAUnixSocketHost() throws Exception {
        try (UnixScriptedServer server = new UnixScriptedServer()) {
            server.enqueue(ScriptedResponse.ok("direct"));
            GatherRun run = GatherRun.json("--proxy", "http://127.0.0.1:1", "--unix-socket", server.path().toString(),
                    "http://daemon.invalid/x");
            assertThat(run.exitCode).as(run.toString()).isZero();
            assertThat(server.takeRequest().target()).isEqualTo("/x"); // origin form, not a proxy's absolute form
        }
    }

    @Test
    void twoSocketsForEveryUrlIsAUsageError() {
        GatherRun run = GatherRun.run("--unix-socket", "/tmp/a.sock", "--unix-socket", "/tmp/b.sock", "http://x.invalid/");
        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.err).contains("--unix-socket");
    }
}
