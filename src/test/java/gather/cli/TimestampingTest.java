package gather.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import gather.testing.GatherRun;
import gather.testing.ScriptedResponse;
import gather.testing.ScriptedServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** -N/--timestamping: a second run of a batch asks with the validators the first one saved and keeps the files. */
@Timeout(60)
class TimestampingTest {
    @TempDir
    Path dir;

    /** /pN has ETag "eN" (and a Last-Modified); a request that holds the right validator gets 304. */
    private static ScriptedServer conditionalServer(AtomicInteger fullBodies, boolean etags) {
        ScriptedServer server = ScriptedServer.plain();
        String lastModified = "Sun, 22 Nov 2026 09:00:00 GMT";
        server.setDispatcher(req -> {
            String n = req.path().substring(2);
            String etag = "\"e" + n + "\"";
            boolean same = etags ? etag.equals(req.header("If-None-Match"))
                    : lastModified.equals(req.header("If-Modified-Since"));
            if (same) {
                return ScriptedResponse.of(304, "Not Modified").noBody();
            }
            fullBodies.incrementAndGet();
            ScriptedResponse ok = ScriptedResponse.ok("page " + n).header("Last-Modified", lastModified);
            return etags ? ok.header("ETag", etag) : ok;
        });
        return server;
    }

    private GatherRun run(ScriptedServer server, int urls) {
        List<String> args = new ArrayList<>(List.of("--json", "-N", "--output-dir", dir.toString()));
        for (int i = 0; i < urls; i++) {
            args.add(server.url("/p" + i));
        }
        return GatherRun.run(args.toArray(String[]::new));
    }

    @Test
    void aSecondRunOfAHundredUrlsIsAllNotModifiedAndKeepsTheFiles() throws Exception {
        AtomicInteger full = new AtomicInteger();
        try (ScriptedServer server = conditionalServer(full, true)) {
            GatherRun first = run(server, 100);
            assertThat(first.exitCode).as("%s", first).isZero();
            assertThat(first.json().get("totals").get("not_modified").asInt()).isZero();
            assertThat(full.get()).isEqualTo(100);
            assertThat(dir.resolve(".gather-validators.json")).exists();
            Map<Path, FileTime> before = new HashMap<>();
            for (int i = 0; i < 100; i++) {
                Path p = dir.resolve("p" + i);
                assertThat(Files.readString(p)).isEqualTo("page " + i);
                Files.setLastModifiedTime(p, FileTime.fromMillis(1_000_000_000_000L));
                before.put(p, Files.getLastModifiedTime(p));
            }

            GatherRun second = run(server, 100);
            assertThat(second.exitCode).as("%s", second).isZero();
            JsonNode doc = second.json();
            assertThat(doc.get("totals").get("not_modified").asInt()).isEqualTo(100);
            assertThat(doc.get("totals").get("ok").asInt()).isEqualTo(100);
            assertThat(full.get()).isEqualTo(100); // no body was sent again
            for (JsonNode r : doc.get("results")) {
                assertThat(r.get("status").asInt()).isEqualTo(304);
                assertThat(r.get("ok").asBoolean()).isTrue();
                assertThat(r.get("not_modified").asBoolean()).isTrue();
                Path saved = Path.of(r.get("saved_to").asText());
                assertThat(Files.readString(saved)).isEqualTo("page " + saved.getFileName().toString().substring(1));
                assertThat(Files.getLastModifiedTime(saved)).isEqualTo(before.get(saved));
            }
        }
    }

    @Test
    void lastModifiedAloneIsSentAsIfModifiedSince() throws Exception {
        AtomicInteger full = new AtomicInteger();
        try (ScriptedServer server = conditionalServer(full, false)) {
            assertThat(run(server, 3).exitCode).isZero();
            GatherRun second = run(server, 3);
            assertThat(second.json().get("totals").get("not_modified").asInt()).isEqualTo(3);
            assertThat(full.get()).isEqualTo(3);
        }
    }

    @Test
    void aChangedPageIsFetchedAndSavedAgain() throws Exception {
        try (ScriptedServer server = ScriptedServer.plain()) {
            server.enqueue(ScriptedResponse.ok("old").header("ETag", "\"1\""));
            assertThat(run(server, 1).exitCode).isZero();
            server.enqueue(ScriptedResponse.ok("new").header("ETag", "\"2\""));
            GatherRun second = run(server, 1);
            assertThat(server.takeRequest().header("If-None-Match")).isNull();
            assertThat(server.takeRequest().header("If-None-Match")).isEqualTo("\"1\"");
            JsonNode r = second.result();
            assertThat(r.get("not_modified").asBoolean()).isFalse();
            assertThat(Files.readString(dir.resolve("p0"))).isEqualTo("new");
            assertThat(second.json().get("totals").get("not_modified").asInt()).isZero();
        }
    }

    @Test
    void a304WithoutValidatorsSentIsNotAnOk() throws Exception {
        try (ScriptedServer server = ScriptedServer.plain()) {
            server.enqueue(ScriptedResponse.of(304, "Not Modified").noBody());
            GatherRun run = run(server, 1);
            assertThat(run.exitCode).isEqualTo(1);
            assertThat(run.errorKind(0)).isEqualTo("http_status");
        }
    }
}
