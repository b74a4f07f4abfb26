package gather.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import gather.testing.GatherRun;
import gather.testing.RecordedRequest;
import gather.testing.ScriptedResponse;
import gather.testing.ScriptedServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** -C/--continue: a broken transfer leaves a part; the next run resumes it with Range/If-Range, or starts over. */
@Timeout(30)
class ResumeTest {
    static final String BODY = "0123456789abcdefghijklmnopqrstuvwxyz".repeat(300); // 10800 bytes
    static final String ETAG = "\"v1\"";

    @TempDir
    Path dir;

    static String sha256(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.US_ASCII)));
    }

    /** The whole body with its ETag, cut after {@code keep} body bytes (the connection closes). */
    static ScriptedResponse cut(String body, String etag, int keep) {
        String head = "HTTP/1.1 200 OK\r\nContent-Length: " + body.length() + "\r\nETag: " + etag + "\r\n\r\n";
        String raw = head + body.substring(0, keep);
        return ScriptedResponse.raw(raw).closeAfterBytes(raw.length());
    }

    /** A server's answer to a GET, honouring Range (and If-Range against {@code etag}) when asked to. */
    static ScriptedResponse serve(RecordedRequest req, String body, String etag, boolean honourRange) {
        String range = req.header("Range");
        String ifRange = req.header("If-Range");
        if (honourRange && range != null && range.startsWith("bytes=") && range.endsWith("-")
                && (ifRange == null || ifRange.equals(etag))) {
            int from = Integer.parseInt(range.substring(6, range.length() - 1));
            if (from >= body.length()) {
                return ScriptedResponse.of(416, "Range Not Satisfiable").header("Content-Range", "bytes */" + body.length())
                        .body("");
            }
            return ScriptedResponse.of(206, "Partial Content").header("ETag", etag)
                    .header("Content-Range", "bytes " + from + "-" + (body.length() - 1) + "/" + body.length())
                    .body(body.substring(from));
        }
        return ScriptedResponse.ok(body).header("ETag", etag);
    }

    private GatherRun gather(ScriptedServer server, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("--output-dir", dir.toString(), "-C", "-"));
        args.addAll(List.of(extra));
        args.add(server.url("/big.bin"));
        return GatherRun.json(args.toArray(String[]::new));
    }

    /** First run: the transfer breaks after 4000 bytes; those stay in the part. */
    private void breakFirstRun(ScriptedServer server) throws Exception {
        server.enqueue(cut(BODY, ETAG, 4000));
        GatherRun first = gather(server);
        assertThat(first.exitCode).as("%s", first).isEqualTo(1);
        assertThat(first.errorKind(0)).isEqualTo("truncated");
        assertThat(dir.resolve("big.bin")).doesNotExist();
        assertThat(Files.readString(dir.resolve(".big.bin.gather-part"))).isEqualTo(BODY.substring(0, 4000));
        server.takeRequest();
    }

    @Test
    void aBrokenTransferIsResumedWithRangeAndIfRangeAndTheWholeFileIsHashed() throws Exception {
        try (ScriptedServer server = ScriptedServer.plain()) {
            breakFirstRun(server);
            List<RecordedRequest> seen = new CopyOnWriteArrayList<>();
            server.setDispatcher(req -> {
                seen.add(req);
                return serve(req, BODY, ETAG, true);
            });
            GatherRun second = gather(server);
            assertThat(second.exitCode).as("%s", second).isZero();
            JsonNode r = second.result();
            assertThat(seen).hasSize(1);
            assertThat(seen.get(0).header("Range")).isEqualTo("bytes=4000-");
            assertThat(seen.get(0).header("If-Range")).isEqualTo(ETAG);
            assertThat(r.get("status").asInt()).isEqualTo(206);
            assertThat(r.get("resumed_from").asLong()).isEqualTo(4000);
            assertThat(r.get("bytes").asLong()).isEqualTo(BODY.length());
            assertThat(r.get("sha256").asText()).isEqualTo(sha256(BODY));
            assertThat(Files.readString(dir.resolve("big.bin"))).isEqualTo(BODY);
            assertThat(r.get("saved_to").asText()).isEqualTo(dir.resolve("big.bin").toString());
            assertThat(dir.resolve(".big.bin.gather-part")).doesNotExist();
            assertThat(dir.resolve(".big.bin.gather-part.json")).doesNotExist();

            // a third run: the file is whole, the server says 416 for a range past its end: success
            GatherRun third = gather(server);
            assertThat(third.exitCode).as("%s", third).isZero();
            JsonNode t = third.result();
            assertThat(seen.get(1).header("Range")).isEqualTo("bytes=" + BODY.length() + "-");
            assertThat(t.get("status").asInt()).isEqualTo(416);
            assertThat(t.get("ok").asBoolean()).isTrue();
            assertThat(t.get("sha256").asText()).isEqualTo(sha256(BODY));
            assertThat(Files.readString(dir.resolve("big.bin"))).isEqualTo(BODY);
        }
    }

    @Test
    void aServerThatIgnoresRangeSendsItAllAndTheFileStartsOver() throws Exception {
        try (ScriptedServer server = ScriptedServer.plain()) {
            breakFirstRun(server);
            server.setDispatcher(req -> serve(req, BODY, ETAG, false));
            GatherRun second = gather(server);
            assertThat(second.exitCode).as("%s", second).isZero();
            JsonNode r = second.result();
            assertThat(r.get("status").asInt()).isEqualTo(200);
            assertThat(r.get("resumed_from").asLong()).isZero();
            assertThat(r.get("sha256").asText()).isEqualTo(sha256(BODY));
            assertThat(Files.readString(dir.resolve("big.bin"))).isEqualTo(BODY); // not 4000 bytes twice
        }
    }

    @Test
    void aChangedFileIsNeverAppendedTo() throws Exception {
        String v2 = BODY.toUpperCase();
        try (ScriptedServer server = ScriptedServer.plain()) {
            breakFirstRun(server);
            // a server that honours If-Range: the validator no longer matches, so it sends all of v2
            server.setDispatcher(req -> serve(req, v2, "\"v2\"", true));
            GatherRun second = gather(server);
            assertThat(second.exitCode).as("%s", second).isZero();
            assertThat(Files.readString(dir.resolve("big.bin"))).isEqualTo(v2);
            assertThat(second.result().get("sha256").asText()).isEqualTo(sha256(v2));
        }
    }

    @Test
    void a206ForAnotherRepresentationStartsOverWithoutRange() throws Exception {
        String v2 = BODY.toUpperCase();
        try (ScriptedServer server = ScriptedServer.plain()) {
            breakFirstRun(server);
            List<RecordedRequest> seen = new CopyOnWriteArrayList<>();
            // a broken server: answers the range of its new version regardless of If-Range
            server.setDispatcher(req -> {
                seen.add(req);
                if (req.header("Range") != null) {
                    return ScriptedResponse.of(206, "Partial Content").header("ETag", "\"v2\"")
                            .header("Content-Range", "bytes 4000-" + (v2.length() - 1) + "/" + v2.length())
                            .body(v2.substring(4000));
                }
                return ScriptedResponse.ok(v2).header("ETag", "\"v2\"");
            });
            GatherRun second = gather(server);
            assertThat(second.exitCode).as("%s", second).isZero();
            assertThat(seen).hasSize(2);
            assertThat(seen.get(1).header("Range")).isNull();
            assertThat(Files.readString(dir.resolve("big.bin"))).isEqualTo(v2);
            assertThat(second.result().get("resumed_from").asLong()).isZero();
        }
    }

    @Test
    void withoutContinueABrokenTransferLeavesNothing() throws Exception {
        try (ScriptedServer server = ScriptedServer.plain()) {
            server.enqueue(cut(BODY, ETAG, 4000));
            GatherRun run = GatherRun.json("--output-dir", dir.toString(), server.url("/big.bin"));
            assertThat(run.errorKind(0)).isEqualTo("truncated");
            try (var files = Files.list(dir)) {
                assertThat(files.toList()).isEmpty();
            }
        }
    }

    @Test
    void continueNeedsAnOutputDirectoryAndOnlyTakesADash() {
        assertThat(GatherRun.json("-C", "-", "http://127.0.0.1:9/").exitCode).isEqualTo(2);
        assertThat(GatherRun.json("--output-dir", dir.toString(), "-C", "100", "http://127.0.0.1:9/").exitCode)
                .isEqualTo(2);
        assertThat(GatherRun.json("--output-dir", dir.toString(), "--continue", "--compressed", "http://127.0.0.1:9/")
                .exitCode).isEqualTo(2);
    }
}
