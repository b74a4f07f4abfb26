package gather.net;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import gather.testing.GatherRun;
import gather.testing.ScriptedResponse;
import gather.testing.ScriptedServer;
import gather.testing.TestTls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --cert, --key, --cert-type P12, --pass and GATHER_CERT_PASSWORD against a server that requires a client certificate. */
class ClientCertificateTest {
    private static String tls(String name) {
        return TestTls.resourcePath("/tls/" + name).toString();
    }

    private static GatherRun fetch(ScriptedServer server, Map<String, String> env, String... options) {
        String[] args = new String[options.length + 4];
        args[0] = "--json";
        args[1] = "--cacert";
        args[2] = tls("ca.pem");
        System.arraycopy(options, 0, args, 3, options.length);
        args[args.length - 1] = server.url("/");
        return GatherRun.run(null, env, args);
    }

    private static void assertOk(GatherRun run) {
        assertThat(run.exitCode).as(run.toString()).isZero();
        JsonNode r = run.result();
        assertThat(r.get("status").asInt()).isEqualTo(200);
        assertThat(r.get("bytes").asLong()).isEqualTo(6);
    }

    @Test
    void pemCertificateAndEcKeyAreOfferedAndAccepted() {
        try (ScriptedServer server = ScriptedServer.tlsRequiringClientCertificate(TestTls.LOCALHOST_P12)) {
            server.enqueue(ScriptedResponse.ok("mutual"));
            assertOk(fetch(server, Map.of(), "--cert", tls("client.pem"), "--key", tls("client.key")));
        }
    }

    @Test
    void pemCertificateWithRsaKeyIsAccepted() {
        try (ScriptedServer server = ScriptedServer.tlsRequiringClientCertificate(TestTls.LOCALHOST_P12)) {
            server.enqueue(ScriptedResponse.ok("mutual"));
            assertOk(fetch(server, Map.of(), "--cert", tls("client-rsa.pem"), "--key", tls("client-rsa.key")));
        }
    }

    @Test
    void keyInTheCertificateFileNeedsNoKeyOption(@TempDir Path dir) throws Exception {
        Path both = dir.resolve("both.pem");
        Files.writeString(both, Files.readString(Path.of(tls("client.pem"))) + Files.readString(Path.of(tls("client.key"))));
        try (ScriptedServer server = ScriptedServer.tlsRequiringClientCertificate(TestTls.LOCALHOST_P12)) {
            server.enqueue(ScriptedResponse.ok("mutual"));
            assertOk(fetch(server, Map.of(), "--cert", both.toString()));
        }
    }

    @Test
    void pkcs12WithPasswordOptionIsAccepted() {
        try (ScriptedServer server = ScriptedServer.tlsRequiringClientCertificate(TestTls.LOCALHOST_P12)) {
            server.enqueue(ScriptedResponse.ok("mutual"));
            assertOk(fetch(server, Map.of(), "--cert", tls("client.p12"), "--cert-type", "P12", "--pass", "changeit"));
        }
    }

    @Test
    void pkcs12PasswordComesFromTheEnvironment() {
        try (ScriptedServer server = ScriptedServer.tlsRequiringClientCertificate(TestTls.LOCALHOST_P12)) {
            server.enqueue(ScriptedResponse.ok("mutual"));
            assertOk(fetch(server, Map.of("GATHER_CERT_PASSWORD", "changeit"), "--cert", tls("client.p12"),
                    "--cert-type", "p12"));
        }
    }

    @Test
    void withoutACertificateTheHandshakeFailsAsTls() {
        try (ScriptedServer server = ScriptedServer.tlsRequiringClientCertificate(TestTls.LOCALHOST_P12)) {
            server.enqueue(ScriptedResponse.ok("mutual"));
            GatherRun run = fetch(server, Map.of());
            assertThat(run.exitCode).isEqualTo(1);
            assertThat(run.errorKind(0)).as(run.out).isEqualTo("tls");
            assertThat(run.result().get("error").get("message").asText()).contains("client certificate");
        }
    }

    @Test
    void aCertificateTheServerDoesNotTrustFailsAsTls() {
        try (ScriptedServer server = ScriptedServer.tlsRequiringClientCertificate(TestTls.LOCALHOST_P12)) {
            server.enqueue(ScriptedResponse.ok("mutual"));
            GatherRun run = fetch(server, Map.of(), "--cert", tls("selfsigned.pem"), "--key", tls("selfsigned.key"));
            assertThat(run.exitCode).isEqualTo(1);
            assertThat(run.errorKind(0)).as(run.out).isEqualTo("tls");
        }
    }

    @Test
    void aServerThatAsksNothingIsFetchedWithACertificateToo() {
        try (ScriptedServer server = ScriptedServer.tls(TestTls.LOCALHOST_P12)) {
            server.enqueue(ScriptedResponse.ok("mutual"));
            assertOk(fetch(server, Map.of(), "--cert", tls("client.pem"), "--key", tls("client.key")));
        }
    }

    // ---- usage errors (exit 2, naming the file) ---------------------------------------------------

    private static void assertUsage(GatherRun run, String mention) {
        assertThat(run.exitCode).as(run.toString()).isEqualTo(2);
        assertThat(run.err).contains(mention);
        assertThat(run.out).isEmpty();
    }

    @Test
    void missingCertificateFileIsAUsageErrorNamingIt(@TempDir Path dir) {
        Path missing = dir.resolve("nope.pem");
        assertUsage(GatherRun.run("--cert", missing.toString(), "--key", tls("client.key"), "https://localhost:1/"),
                missing.toString());
    }

    @Test
    void keyFileWithoutAKeyIsAUsageErrorNamingIt() {
        assertUsage(GatherRun.run("--cert", tls("client.pem"), "--key", tls("ca.pem"), "https://localhost:1/"),
                tls("ca.pem"));
    }

    @Test
    void keyOfAnotherCertificateIsAUsageError() {
        assertUsage(GatherRun.run("--cert", tls("client.pem"), "--key", tls("localhost.key"), "https://localhost:1/"),
                "does not belong");
    }

    @Test
    void garbageCertificateIsAUsageErrorNamingIt(@TempDir Path dir) throws Exception {
        Path junk = dir.resolve("junk.pem");
        Files.writeString(junk, "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
        assertUsage(GatherRun.run("--cert", junk.toString(), "--key", tls("client.key"), "https://localhost:1/"),
                junk.toString());
    }

    @Test
    void wrongPkcs12PasswordIsAUsageError() {
        assertUsage(GatherRun.run("--cert", tls("client.p12"), "--cert-type", "P12", "--pass", "wrong",
                "https://localhost:1/"), "wrong password");
    }

    @Test
    void keyWithoutCertIsAUsageError() {
        assertUsage(GatherRun.run("--key", tls("client.key"), "https://localhost:1/"), "--key needs --cert");
    }

    @Test
    void unknownCertTypeIsAUsageError() {
        assertUsage(GatherRun.run("--cert", tls("client.pem"), "--cert-type", "DER", "https://localhost:1/"), "--cert-type");
    }
}
