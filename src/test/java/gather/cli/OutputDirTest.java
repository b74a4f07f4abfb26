package gather.cli;

import static gather.cli.CliTestSupport.doc;
import static gather.cli.CliTestSupport.results;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import gather.testing.GatherRun;
import gather.testing.ScriptedResponse;
import gather.testing.ScriptedServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** --output-dir DIR: safe unique names inside DIR, saved_to names the file, and only complete bodies become files. */
@Timeout(20)
class OutputDirTest {
    @TempDir
    Path root;

    /** Every body is "body of " + request target, so each saved file can be matched to its request. */
    private static ScriptedServer echo() {
        ScriptedServer server = ScriptedServer.plain();
        server.setDispatcher(req -> ScriptedResponse.ok("body of " + req.target()));
        return server;
    }

    private static List<Path> listAll(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> !p.equals(dir)).sorted().toList();
        }
    }

    /** saved_to points at a regular file directly inside dir whose bytes are the expected body. */
    private static Path assertSaved(JsonNode r, Path dir, byte[] expected) throws IOException {
        assertThat(r.get("ok").asBoolean()).as("%s", r).isTrue();
        assertThat(r.get("saved_to").isTextual()).as("saved_to of %s", r).isTrue();
        Path saved = Path.of(r.get("saved_to").asText());
        Path real = saved.toAbsolutePath().normalize();
        assertThat(real.getParent()).as("saved directly inside DIR").isEqualTo(dir.toAbsolutePath().normalize());
        assertThat(Files.isRegularFile(real)).isTrue();
        assertThat(Files.readAllBytes(real)).isEqualTo(expected);
        String name = real.getFileName().toString();
        assertThat(name).isNotEmpty().isNotEqualTo(".").isNotEqualTo("..");
        assertThat(name.chars()).as("no control characters in %s", name).noneMatch(c -> c < 0x20 || c == 0x7f);
        assertThat(name).doesNotContain("/").doesNotContain("\\");
        assertThat(name.getBytes(StandardCharsets.UTF_8).length).as("bounded name").isLessThanOrEqualTo(255);
        return real;
    }

    @Test
    void sameLastSegmentGetsTwoDifferentFiles() throws Exception {
        Path dir = root.resolve("out");
        try (ScriptedServer server = echo()) {
            GatherRun run = GatherRun.json("--output-dir", dir.toString(), server.url("/a/index.html"), server.url("/b/index.html"),
                    server.url("/"));
            assertThat(run.exitCode).as("%s", run).isZero();
            List<JsonNode> rs = results(doc(run));
            Path a = assertSaved(rs.get(0), dir, "body of /a/index.html".getBytes(StandardCharsets.UTF_8));
            Path b = assertSaved(rs.get(1), dir, "body of /b/index.html".getBytes(StandardCharsets.UTF_8));
            Path slash = assertSaved(rs.get(2), dir, "body of /".getBytes(StandardCharsets.UTF_8));
            assertThat(Set.of(a, b, slash)).hasSize(3);
            assertThat(listAll(dir)).containsExactlyInAnyOrder(a, b, slash);
        }
    }

    @Test
    void traversalPathsStayInsideDir() throws Exception {
        Path dir = root.resolve("out");
        List<String> paths = List.of("/../../etc/passwd", "/a/..", "/%2e%2e", "/%2e%2e/%2e%2e/etc/passwd",
                "/x/..%2f..%2fescape", "/x/%2E%2E%2F%2E%2E%2Fescape2", "/..", "/.hidden", "/a/%5C..%5C..%5Cwin");
        try (ScriptedServer server = echo()) {
            String[] args = Stream.concat(Stream.of("--json", "--output-dir", dir.toString()),
                    paths.stream().map(server::url)).toArray(String[]::new);
            GatherRun run = GatherRun.run(args);
            assertThat(run.exitCode).as("%s", run).isZero();
            List<JsonNode> rs = results(doc(run));
            assertThat(rs).hasSize(paths.size());
            Set<Path> saved = new HashSet<>();
            for (JsonNode r : rs) {
                // the server answered with the target it received; the file holds exactly that body
                var recorded = server.recordedRequests();
                assertThat(r.get("saved_to").isTextual()).as("%s", r).isTrue();
                Path p = Path.of(r.get("saved_to").asText()).toAbsolutePath().normalize();
                String body = Files.readString(p, StandardCharsets.UTF_8);
                assertThat(recorded).anySatisfy(q -> assertThat(body).isEqualTo("body of " + q.target()));
                saved.add(assertSaved(r, dir, body.getBytes(StandardCharsets.UTF_8)));
                assertThat(p.getFileName().toString()).as("no hidden files").doesNotStartWith(".");
            }
            assertThat(saved).as("unique names").hasSize(paths.size());
            try (Stream<Path> s = Files.list(root)) {
                assertThat(s.toList()).as("nothing written next to DIR").containsExactly(dir);
            }
            assertThat(listAll(dir)).containsExactlyInAnyOrderElementsOf(saved);
        }
    }

    @Test
    void controlCharactersAndLongPathsGiveSafeBoundedNames() throws Exception {
        Path dir = root.resolve("out");
        String longAscii = "/" + "x".repeat(1000) + ".html";
        String longUtf8 = "/" + "%C3%A9".repeat(400);
        String longQuery = "/page?" + "q=1&".repeat(300);
        List<String> paths = List.of("/a%0Ab%0D%00c%1B%7Fd.txt", longAscii, longUtf8, longQuery, "/tab%09name",
                "/" + "y".repeat(300));
        try (ScriptedServer server = echo()) {
            String[] args = Stream.concat(Stream.of("--json", "--output-dir", dir.toString()),
                    paths.stream().map(server::url)).toArray(String[]::new);
            GatherRun run = GatherRun.run(args);
            assertThat(run.exitCode).as("%s", run).isZero();
            List<JsonNode> rs = results(doc(run));
            Set<Path> saved = new HashSet<>();
            for (JsonNode r : rs) {
                Path p = Path.of(r.get("saved_to").asText());
                saved.add(assertSaved(r, dir, Files.readAllBytes(p)));
                assertThat(Files.readString(p)).startsWith("body of /");
            }
            assertThat(saved).hasSize(paths.size());
            assertThat(listAll(dir)).hasSize(paths.size());
        }
    }

    @Test
    void failedDownloadsLeaveNoFileAndNoTempFile() throws Exception {
        Path dir = root.resolve("out");
        try (ScriptedServer server = ScriptedServer.plain()) {
            server.setDispatcher(req -> switch (req.path()) {
                case "/good" -> ScriptedResponse.ok("complete body");
                case "/missing" -> ScriptedResponse.of(404).body("not here");
                case "/cut" -> ScriptedResponse.raw("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789")
                        .keepOpen(false);
                default -> ScriptedResponse.of(500);
            });
            GatherRun run = GatherRun.json("--output-dir", dir.toString(), server.url("/good"), server.url("/missing"),
                    server.url("/cut"));
            assertThat(run.exitCode).as("%s", run).isEqualTo(1);
            List<JsonNode> rs = results(doc(run));
            Path good = assertSaved(rs.get(0), dir, "complete body".getBytes(StandardCharsets.UTF_8));
            assertThat(rs.get(1).get("error").get("kind").asText()).isEqualTo("http_status");
            assertThat(rs.get(1).get("saved_to").isNull()).isTrue();
            assertThat(rs.get(2).get("error").get("kind").asText()).isEqualTo("truncated");
            assertThat(rs.get(2).get("bytes").asLong()).as("bytes read so far").isEqualTo(10);
            assertThat(rs.get(2).get("content_length").asLong()).isEqualTo(100);
            assertThat(rs.get(2).get("saved_to").isNull()).isTrue();
            assertThat(listAll(dir)).as("only the complete body is in DIR, no partial or temp file")
                    .containsExactly(good);
        }
    }

    @Test
    void onlyFailuresLeaveDirEmpty() throws Exception {
        Path dir = root.resolve("out");
        try (ScriptedServer server = ScriptedServer.plain()) {
            server.setDispatcher(req -> req.path().equals("/cut")
                    ? ScriptedResponse.ok("x".repeat(100)).closeAfterBytes(
                            ScriptedResponse.ok("x".repeat(100)).toBytes().length - 90)
                    : ScriptedResponse.of(404).body("missing page body"));
            GatherRun run = GatherRun.json("--output-dir", dir.toString(), server.url("/missing/index.html"), server.url("/cut"));
            assertThat(run.exitCode).as("%s", run).isEqualTo(1);
            assertThat(run.errorKind(0)).isEqualTo("http_status");
            assertThat(run.errorKind(1)).isEqualTo("truncated");
            assertThat(results(doc(run)).get(1).get("bytes").asLong()).isEqualTo(10);
            assertThat(listAll(dir)).isEmpty();
        }
    }

    /**
     * Bodies past 4 MiB are hashed on a helper thread while the socket is read: through the whole
     * command line the file, the count and the hash must still be those of the bytes sent, and
     * --max-size must still stop at its exact byte.
     */
    @Test
    void largeBodiesAreSavedCountedAndHashedExactly() throws Exception {
        byte[] body = new byte[12 * 1024 * 1024 + 17];
        new java.util.Random(42).nextBytes(body);
        String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(body));
        try (ScriptedServer server = ScriptedServer.plain()) {
            server.setDispatcher(req -> switch (req.target()) {
                case "/chunked.bin" -> ScriptedResponse.ok().chunked(body, 64 * 1024);
                case "/cut.bin" -> ScriptedResponse.ok(body).closeAfterBytes(8L * 1024 * 1024);
                default -> ScriptedResponse.ok(body);
            });
            Path dir = root.resolve("large");
            GatherRun run = GatherRun.json("--output-dir", dir.toString(), server.url("/big.bin"), server.url("/chunked.bin"));
            assertThat(run.exitCode).as("%s", run.err).isZero();
            for (JsonNode r : results(doc(run))) {
                assertThat(r.get("bytes").asLong()).isEqualTo(body.length);
                assertThat(r.get("sha256").asText()).isEqualTo(sha);
                assertSaved(r, dir, body);
            }

            GatherRun limited = GatherRun.json("--max-size", "6M", server.url("/chunked.bin"));
            assertThat(limited.exitCode).isEqualTo(1);
            JsonNode l = results(doc(limited)).get(0);
            assertThat(l.get("error").get("kind").asText()).isEqualTo("too_large");
            assertThat(l.get("bytes").asLong()).isEqualTo(6L * 1024 * 1024);

            GatherRun cut = GatherRun.json("--output-dir", root.resolve("cut").toString(), server.url("/cut.bin"));
            assertThat(cut.exitCode).isEqualTo(1);
            JsonNode c = results(doc(cut)).get(0);
            assertThat(c.get("error").get("kind").asText()).isEqualTo("truncated");
            assertThat(c.get("bytes").asLong()).isBetween(4L * 1024 * 1024, 8L * 1024 * 1024);
            assertThat(listAll(root.resolve("cut"))).as("no file for a cut body").isEmpty();
        }
    }
}
