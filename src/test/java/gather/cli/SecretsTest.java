package gather.cli;

import static gather.cli.CliTestSupport.doc;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import gather.testing.GatherRun;
import gather.testing.ScriptedResponse;
import gather.testing.ScriptedServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** --secret and --secret-env: the values appear in no output at all; reproduce, as curl, on failures. */
@Timeout(30)
class SecretsTest {
    private static final String SECRET = "S3cr3tV4lu3";
    private static final String ENV_SECRET = "Env-0nly-Secr3t";

    @TempDir
    Path tmp;

    private static ScriptedServer leakyServer() {
        ScriptedServer server = ScriptedServer.plain();
        server.setDispatcher(req -> switch (req.path()) {
            // a server header holding the secret, and a body a check echoes in its "seen"
            case "/json" -> ScriptedResponse.ok("{\"status\":\"" + SECRET + "\"}").header("X-Leak", SECRET + ENV_SECRET);
            // a status line echoed in a protocol error's message
            case "/broken" -> ScriptedResponse.raw("HTTP/9.9 200 " + SECRET + "\r\n\r\n");
            default -> ScriptedResponse.of(500).header("X-Leak", ENV_SECRET).body("echo " + SECRET);
        });
        return server;
    }

    @Test
    void secretsAppearInNoOutputOfAnyMode() throws Exception {
        try (ScriptedServer server = leakyServer()) {
            String[] urls = {server.url("/json"), server.url("/broken"), server.url("/query?token=" + SECRET),
                    server.url("/" + ENV_SECRET)};
            Map<String, String> env = Map.of("MY_TOKEN", ENV_SECRET);
            List<List<String>> modes = List.of(List.of(), List.of("--json"), List.of("--jsonl"), List.of("-q", "--json"));
            for (List<String> mode : modes) {
                Path summary = tmp.resolve("summary" + mode.size() + mode.hashCode() + ".json");
                List<String> args = new java.util.ArrayList<>(mode);
                args.addAll(List.of("-v", "-I", "--debug", "--secret", SECRET, "--secret-env", "MY_TOKEN",
                        "-H", "X-Token: " + SECRET, "--expect-json", "/status=ok", "--expect-header", "X-Leak: nothing",
                        "--summary-file", summary.toString()));
                args.addAll(List.of(urls));
                GatherRun run = GatherRun.run(null, env, args.toArray(String[]::new));
                assertThat(run.exitCode).as("%s", run).isEqualTo(1);
                String file = Files.readString(summary, StandardCharsets.UTF_8);
                for (String s : List.of(SECRET, ENV_SECRET)) {
                    assertThat(run.out).as("stdout with %s", mode).doesNotContain(s);
                    assertThat(run.err).as("stderr with %s", mode).doesNotContain(s);
                    assertThat(file).as("--summary-file with %s", mode).doesNotContain(s);
                }
                assertThat(run.err + run.out).as("-v and -I ran: the server's header shown, hidden")
                        .contains("X-Leak: <secret><secret>");
                JsonNode results = CliTestSupport.strictJson(file).get("results");
                assertThat(results.get(2).get("url").asText()).endsWith("/query?token=<secret>");
                assertThat(results.get(0).get("checks").toString()).contains("<secret>");
                assertThat(results.get(1).get("error").get("message").asText()).contains("<secret>");
                assertThat(results.get(3).get("reproduce").asText()).contains("-H 'X-Token: <secret>'")
                        .endsWith("/<secret>");
            }
        }
    }

    /** The words /bin/sh makes of a command (its first word, curl, is replaced by printf). */
    private static List<String> shellWords(String command) throws Exception {
        assertThat(command).startsWith("curl ");
        Process p = new ProcessBuilder("/bin/sh", "-c", "printf '%s\\n' " + command.substring(5)).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).isZero();
        return List.of(out.split("\n"));
    }

    @Test
    void secretEnvThatIsNotSetIsAUsageError() throws Exception {
        GatherRun run = GatherRun.run(null, Map.of(), "--secret-env", "NOT_THERE", "http://127.0.0.1:1/");
        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.err).contains("--secret-env NOT_THERE");
    }

    @Test
    void aUsageErrorNeverPrintsASecret() {
        GatherRun run = GatherRun.run("--secret", SECRET, "-H", "Bad Header" + SECRET, "http://127.0.0.1:1/");
        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.err).contains("<secret>").doesNotContain(SECRET);
    }

    @Test
    void failedResultCarriesAnEquivalentCurlCommandAndOkResultsNull() throws Exception {
        Path body = tmp.resolve("it's body.json");
        Files.writeString(body, "{\"a\":1}");
        try (ScriptedServer server = leakyServer()) {
            String url = "http://shop.test:" + server.port() + "/fail";
            GatherRun run = GatherRun.json("-X", "PUT", "-H", "X-Note: it's here", "-H", "Authorization: Bearer abc",
                    "-d", "@" + body, "--resolve", "shop.test:" + server.port() + ":127.0.0.1", "--compressed",
                    "--timeout", "7.5", "-k", url, server.url("/json"));
            JsonNode results = doc(run).get("results");
            assertThat(results.get(0).get("ok").asBoolean()).isFalse();
            assertThat(results.get(0).get("reproduce").asText()).isEqualTo("curl -X PUT"
                    + " -H 'User-Agent: gather/" + Version.VERSION + "' -H 'Accept: */*'"
                    + " -H 'X-Note: it'\\''s here' -H 'Authorization: <redacted>' -H 'Content-Type: application/x-www-form-urlencoded'"
                    + " --data-binary '@" + body.toString().replace("'", "'\\''") + "' --compressed --resolve shop.test:" + server.port() + ":127.0.0.1"
                    + " -k --max-time 7.5 " + url);
            assertThat(shellWords(results.get(0).get("reproduce").asText())).as("the shell reads the words back")
                    .contains("X-Note: it's here", "@" + body, "Authorization: <redacted>", url);
            assertThat(results.get(1).get("ok").asBoolean()).isTrue();
            assertThat(results.get(1).get("reproduce").isNull()).isTrue();

            server.setDispatcher(null);
            server.enqueue(ScriptedResponse.of(503), ScriptedResponse.ok("fine"));
            GatherRun retried = GatherRun.json("--retries", "1", "--retry-max-wait", "0.01", server.url("/flaky"));
            assertThat(doc(retried).get("results").get(0).get("attempts").asInt()).isEqualTo(2);
            assertThat(doc(retried).get("results").get(0).get("reproduce").isNull()).as("ok after a retry").isTrue();
            server.setDispatcher(req -> ScriptedResponse.of(500));

            GatherRun text = GatherRun.json("-d", "a=1&b='2'", server.url("/x"));
            assertThat(doc(text).get("results").get(0).get("reproduce").asText())
                    .contains(" --data-binary 'a=1&b='\\''2'\\''' ").doesNotContain("-X POST");
        }
    }
}
