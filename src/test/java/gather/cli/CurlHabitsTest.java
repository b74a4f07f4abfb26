package gather.cli;

import static gather.cli.CliTestSupport.doc;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import gather.testing.GatherRun;
import gather.testing.RecordedRequest;
import gather.testing.ScriptedResponse;
import gather.testing.ScriptedServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** curl's and wget's habits where the meaning matches: -o FILE, -o -, -O, -P, -s/-S, -L, -f, -m, -x, -u; umask; comments. */
@Timeout(30)
class CurlHabitsTest {
    @TempDir
    Path dir;

    private static ScriptedServer echo() {
        ScriptedServer server = ScriptedServer.plain();
        server.setDispatcher(req -> req.path().startsWith("/missing") ? ScriptedResponse.notFound()
                : ScriptedResponse.ok("body of " + req.target()));
        return server;
    }

    /** The permissions a new file gets here under this process's umask (0644 under 022). */
    private Set<PosixFilePermission> newFilePermissions() throws Exception {
        Path probe = Files.createFile(dir.resolve("probe-" + UUID.randomUUID()));
        try {
            return Files.getPosixFilePermissions(probe);
        } finally {
            Files.delete(probe);
        }
    }

    @Test
    void dashOFileSavesTheOneBodyReplacingAnExistingFileWithUmaskPermissions() throws Exception {
        Path file = Files.writeString(dir.resolve("page.html"), "an older, longer content that must go entirely");
        try (ScriptedServer server = echo()) {
            GatherRun run = GatherRun.run("-o", file.toString(), server.url("/a/b.html"));
            assertThat(run.exitCode).as("%s", run).isZero();
            assertThat(Files.readString(file)).isEqualTo("body of /a/b.html");
            assertThat(Files.getPosixFilePermissions(file)).isEqualTo(newFilePermissions());
            assertThat(Files.getPosixFilePermissions(file)).contains(PosixFilePermission.OTHERS_READ); // not 0600
            try (var left = Files.list(dir)) {
                assertThat(left).as("no temporary file left").containsExactly(file);
            }
        }
    }

    @Test
    void dashOFileLeavesAnExistingFileUntouchedWhenTheUrlFails() throws Exception {
        Path file = Files.writeString(dir.resolve("page.html"), "keep me");
        try (ScriptedServer server = echo()) {
            GatherRun run = GatherRun.run("-o", file.toString(), server.url("/missing"));
            assertThat(run.exitCode).as("%s", run).isEqualTo(1);
            assertThat(Files.readString(file)).isEqualTo("keep me");
        }
    }

    @Test
    void dashOWithMoreThanOneUrlIsAUsageErrorBeforeAnythingIsFetched() throws Exception {
        Path urls = Files.writeString(dir.resolve("urls.txt"), "http://127.0.0.1:1/b\n");
        try (ScriptedServer server = echo()) {
            for (String[] args : new String[][] {{"-o", dir.resolve("x").toString(), server.url("/a"), server.url("/b")},
                    {"-o", "-", server.url("/a"), "-i", urls.toString()}}) {
                GatherRun run = GatherRun.run(args);
                assertThat(run.exitCode).as("%s", run).isEqualTo(2);
                assertThat(run.err).contains("saves one URL's body").contains("--output-dir");
                assertThat(run.out).isEmpty();
            }
            assertThat(server.requestCount()).isZero();
            assertThat(Files.exists(dir.resolve("x"))).isFalse();
        }
    }

    @Test
    void dashODashWritesTheBodyAloneToStdoutAndTheHumanLinesToStderr() throws Exception {
        try (ScriptedServer server = echo()) {
            GatherRun run = GatherRun.run("-o", "-", server.url("/a/b.txt"));
            assertThat(run.exitCode).as("%s", run).isZero();
            assertThat(run.out).isEqualTo("body of /a/b.txt");
            assertThat(run.err).contains("200").contains(server.url("/a/b.txt"));
            GatherRun silent = GatherRun.run("-s", "-o", "-", server.url("/c"));
            assertThat(silent.out).isEqualTo("body of /c");
            assertThat(silent.err).doesNotContain("200 ");
            Path summary = dir.resolve("summary.json");
            GatherRun withSummary = GatherRun.run("-q", "-o", "-", "--summary-file", summary.toString(), server.url("/d"));
            assertThat(withSummary.out).isEqualTo("body of /d");
            JsonNode r = CliTestSupport.strictJson(Files.readString(summary)).get("results").get(0);
            assertThat(r.get("saved_to").asText()).isEqualTo("-");
            GatherRun json = GatherRun.run("--json", "-o", "-", server.url("/e"));
            assertThat(json.exitCode).isEqualTo(2);
            assertThat(json.err).contains("--summary-file");
        }
    }

    @Test
    void remoteNameSavesUnderTheUrlsNameInTheCurrentDirectory() throws Exception {
        String name = "gather-remote-name-" + UUID.randomUUID() + ".txt";
        Path saved = Path.of(name).toAbsolutePath();
        try (ScriptedServer server = echo()) {
            GatherRun run = GatherRun.json("-O", server.url("/x/" + name));
            assertThat(run.exitCode).as("%s", run).isZero();
            assertThat(Files.readString(saved)).isEqualTo("body of /x/" + name);
            assertThat(Path.of(run.result().get("saved_to").asText()).toAbsolutePath().normalize()).isEqualTo(saved);
        } finally {
            Files.deleteIfExists(saved);
        }
    }

    @Test
    void dashPIsOutputDirAndItsFilesHonourTheUmask() throws Exception {
        Path out = dir.resolve("pages");
        try (ScriptedServer server = echo()) {
            GatherRun run = GatherRun.json("-P", out.toString(), server.url("/one.txt"), server.url("/dir/"));
            assertThat(run.exitCode).as("%s", run).isZero();
            assertThat(Files.readString(out.resolve("one.txt"))).isEqualTo("body of /one.txt");
            assertThat(Files.readString(out.resolve("index.html"))).isEqualTo("body of /dir/");
            assertThat(Files.getPosixFilePermissions(out.resolve("one.txt"))).isEqualTo(newFilePermissions());
        }
    }

    @Test
    void silentShowsNothingAndShowErrorStillShowsEachFailure() throws Exception {
        try (ScriptedServer server = echo()) {
            GatherRun s = GatherRun.run("-s", server.url("/ok"), server.url("/missing"));
            assertThat(s.exitCode).isEqualTo(1);
            assertThat(s.err).isEmpty();
            GatherRun sS = GatherRun.run("-sS", server.url("/ok"), server.url("/missing"));
            assertThat(sS.exitCode).isEqualTo(1);
            assertThat(CliTestSupport.lines(sS.err)).singleElement().asString()
                    .contains(server.url("/missing")).contains("http_status").doesNotContain("/ok");
        }
    }

    @Test
    void locationAndFailAreAcceptedAndAreTheDefaults() throws Exception {
        try (ScriptedServer server = echo()) {
            server.setDispatcher(req -> req.path().equals("/old") ? ScriptedResponse.redirect(302, "/new")
                    : req.path().equals("/new") ? ScriptedResponse.ok("new") : ScriptedResponse.notFound());
            GatherRun run = GatherRun.json("-L", "-f", server.url("/old"), server.url("/gone"));
            assertThat(run.exitCode).as("%s", run).isEqualTo(1);
            JsonNode d = doc(run);
            assertThat(d.get("results").get(0).get("redirects").asInt()).isEqualTo(1);
            assertThat(d.get("results").get(0).get("ok").asBoolean()).isTrue();
            assertThat(d.get("results").get(1).get("error").get("kind").asText()).isEqualTo("http_status");
        }
    }

    @Test
    void maxTimeIsTheWholeRequestDeadline() throws Exception {
        try (ScriptedServer server = ScriptedServer.plain()) {
            server.enqueue(ScriptedResponse.ok("never").stall());
            GatherRun run = GatherRun.json("-m", "0.3", "--read-timeout", "60", server.url("/slow"));
            assertThat(run.exitCode).as("%s", run).isEqualTo(1);
            assertThat(run.errorKind(0)).isEqualTo("timeout");
        }
    }

    @Test
    void dashXIsTheProxy() throws Exception {
        try (ScriptedServer proxy = ScriptedServer.plain()) {
            proxy.enqueue(ScriptedResponse.ok("via proxy"));
            GatherRun run = GatherRun.run(null, Map.of(), "--json", "-x", proxy.url(""), "http://origin.test:8080/p");
            assertThat(run.exitCode).as("%s", run).isZero();
            assertThat(proxy.takeRequest(Duration.ofSeconds(5)).target()).isEqualTo("http://origin.test:8080/p");
        }
    }

    @Test
    void userSendsBasicAuthorizationNeverPrintedAndNotToAnotherOrigin() throws Exception {
        String expected = "Basic " + Base64.getEncoder().encodeToString("ann:s3cret:x".getBytes(StandardCharsets.UTF_8));
        try (ScriptedServer other = echo(); ScriptedServer server = ScriptedServer.plain()) {
            server.setDispatcher(req -> switch (req.path()) {
                case "/away" -> ScriptedResponse.redirect(302, other.url("/there"));
                case "/here" -> ScriptedResponse.redirect(302, "/landed");
                default -> ScriptedResponse.ok("landed");
            });
            GatherRun run = GatherRun.json("-u", "ann:s3cret:x", server.url("/here"), server.url("/away"));
            assertThat(run.exitCode).as("%s", run).isZero();
            assertThat(server.recordedRequests()).hasSize(3)
                    .allSatisfy(r -> assertThat(r.header("Authorization")).isEqualTo(expected));
            RecordedRequest there = other.takeRequest(Duration.ofSeconds(5));
            assertThat(there.path()).isEqualTo("/there");
            assertThat(there.header("Authorization")).as("not sent to another origin").isNull();
            assertThat(run.out + run.err).doesNotContain("s3cret").doesNotContain(expected.substring(6));
        }
        GatherRun noPassword = GatherRun.run("-u", "ann", "http://example.invalid/");
        assertThat(noPassword.exitCode).isEqualTo(2);
        assertThat(noPassword.err).contains("USER:PASSWORD");
    }

    @Test
    void aHashAfterWhiteSpaceInABatchFileStartsAComment() throws Exception {
        try (ScriptedServer server = echo()) {
            Path urls = Files.writeString(dir.resolve("urls.txt"), "# a comment line\n"
                    + server.url("/a") + " # the first page\n"
                    + "   " + server.url("/b#frag") + "\t# a fragment stays part of its URL\n"
                    + "\t# indented comment\n");
            GatherRun run = GatherRun.json("-i", urls.toString());
            assertThat(run.exitCode).as("%s", run).isZero();
            JsonNode d = doc(run);
            assertThat(d.get("results")).hasSize(2);
            assertThat(d.get("results").get(0).get("url").asText()).isEqualTo(server.url("/a"));
            assertThat(server.recordedRequests()).extracting(RecordedRequest::target)
                    .containsExactlyInAnyOrder("/a", "/b");
        }
    }
}
