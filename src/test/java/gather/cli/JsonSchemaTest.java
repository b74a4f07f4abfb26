package gather.cli;

import static gather.cli.CliTestSupport.SHA256_OF_NOTHING;
import static gather.cli.CliTestSupport.doc;
import static gather.cli.CliTestSupport.results;
import static gather.cli.CliTestSupport.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import gather.testing.GatherRun;
import gather.testing.ScriptedResponse;
import gather.testing.ScriptedServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The --json summary document, schema 1: every field, its type, and values computed independently. */
@Timeout(20)
class JsonSchemaTest {
    private static final String BODY = "hello, gather — schema 1\n";

    private static ScriptedServer server() {
        ScriptedServer server = ScriptedServer.plain();
        server.setDispatcher(req -> switch (req.path()) {
            case "/body" -> ScriptedResponse.ok(BODY).header("Content-Type", "text/plain; charset=utf-8");
            case "/empty" -> ScriptedResponse.ok();
            case "/nolength" -> ScriptedResponse.ok().closeDelimited("no length here");
            case "/missing" -> ScriptedResponse.of(404).body("nope");
            default -> ScriptedResponse.of(500);
        });
        return server;
    }

    @Test
    void stdoutIsExactlyOneDocumentWithEveryTopLevelAndTotalsField() {
        try (ScriptedServer server = server()) {
            GatherRun run = GatherRun.json(server.url("/body"), server.url("/empty"), server.url("/nolength"),
                    server.url("/missing"), "http://exa mple.com:99999/");
            assertThat(run.exitCode).as("%s", run).isEqualTo(1);
            assertThat(run.out.strip()).startsWith("{").endsWith("}");
            JsonNode doc = doc(run);

            assertThat(doc.get("schema").isIntegralNumber()).isTrue();
            assertThat(doc.get("schema").asInt()).isEqualTo(1);
            assertThat(doc.get("tool").isTextual()).isTrue();
            assertThat(doc.get("tool").asText()).isEqualTo("gather");
            assertThat(doc.get("version").isTextual()).isTrue();
            assertThat(doc.get("version").asText()).isEqualTo(Version.VERSION);
            assertThat(doc.get("started").isTextual()).isTrue();
            assertThat(doc.get("wall_ms").isNumber()).isTrue();
            assertThat(doc.get("wall_ms").asDouble()).isPositive();
            assertThat(doc.get("results").isArray()).isTrue();

            JsonNode totals = doc.get("totals");
            assertThat(totals.isObject()).isTrue();
            for (String f : List.of("urls", "ok", "failed", "bytes", "retried_ok")) {
                assertThat(totals.get(f)).as("totals.%s", f).isNotNull();
                assertThat(totals.get(f).isIntegralNumber()).as("totals.%s is an integer", f).isTrue();
            }
            for (String f : List.of("requests_per_second", "sequential_ms", "speedup")) {
                assertThat(totals.get(f)).as("totals.%s", f).isNotNull();
                assertThat(totals.get(f).isNumber()).as("totals.%s is a number", f).isTrue();
            }
            JsonNode latency = totals.get("latency_ms");
            assertThat(latency.isObject()).isTrue();
            for (String f : List.of("min", "mean", "p50", "p90", "p99", "max")) {
                assertThat(latency.get(f)).as("latency_ms.%s", f).isNotNull();
                assertThat(latency.get(f).isNumber()).as("latency_ms.%s is a number", f).isTrue();
            }
            assertThat(totals.get("urls").asLong()).isEqualTo(5);
            assertThat(totals.get("ok").asLong()).isEqualTo(3);
            assertThat(totals.get("failed").asLong()).isEqualTo(2);
            assertThat(totals.get("retried_ok").asLong()).isZero();
            long bodyBytes = BODY.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            assertThat(totals.get("bytes").asLong()).isEqualTo(bodyBytes + 0 + "no length here".length() + "nope".length());

            JsonNode errors = totals.get("errors");
            assertThat(errors.isObject()).isTrue();
            Map<String, Long> errorCounts = new TreeMap<>();
            errors.fields().forEachRemaining(e -> {
                assertThat(e.getValue().isIntegralNumber()).as("errors.%s", e.getKey()).isTrue();
                errorCounts.put(e.getKey(), e.getValue().asLong());
            });
            assertThat(errorCounts).containsExactlyInAnyOrderEntriesOf(Map.of("http_status", 1L, "invalid_url", 1L));
        }
    }

    @Test
    void everyResultFieldIsPresentWithItsTypeAndTrueValues() {
        try (ScriptedServer server = server()) {
            GatherRun run = GatherRun.json(server.url("/body"), server.url("/empty"), server.url("/nolength"),
                    server.url("/missing"), "http://exa mple.com:99999/");
            List<JsonNode> rs = results(doc(run));
            assertThat(rs).hasSize(5);
            for (int i = 0; i < rs.size(); i++) {
                assertResultShape(rs.get(i), i);
            }

            JsonNode body = rs.get(0);
            assertThat(body.get("url").asText()).isEqualTo(server.url("/body"));
            assertThat(body.get("ok").asBoolean()).isTrue();
            assertThat(body.get("status").asInt()).isEqualTo(200);
            assertThat(body.get("reason").asText()).isEqualTo("OK");
            assertThat(body.get("http_version").asText()).isEqualTo("HTTP/1.1");
            assertThat(body.get("final_url").asText()).isEqualTo(server.url("/body"));
            assertThat(body.get("redirects").asInt()).isZero();
            assertThat(body.get("attempts").asInt()).isEqualTo(1);
            byte[] bodyBytes = BODY.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            assertThat(body.get("bytes").asLong()).isEqualTo(bodyBytes.length);
            assertThat(body.get("content_length").asLong()).isEqualTo(bodyBytes.length);
            assertThat(body.get("content_type").asText()).isEqualTo("text/plain; charset=utf-8");
            assertThat(body.get("sha256").asText()).isEqualTo(sha256(bodyBytes));
            assertThat(body.get("remote_address").asText()).isEqualTo("127.0.0.1:" + server.port());
            assertThat(body.get("tls").isNull()).as("tls is null for http").isTrue();
            assertThat(body.get("timing_ms").get("dns").asDouble()).as("no DNS for a literal IP").isZero();
            assertThat(body.get("timing_ms").get("tls").asDouble()).as("no TLS for http").isZero();
            assertThat(body.get("saved_to").isNull()).isTrue();
            assertThat(body.get("error").isNull()).isTrue();

            JsonNode empty = rs.get(1);
            assertThat(empty.get("ok").asBoolean()).isTrue();
            assertThat(empty.get("bytes").asLong()).isZero();
            assertThat(empty.get("content_length").asLong()).isZero();
            assertThat(empty.get("sha256").asText()).as("hash of nothing").isEqualTo(SHA256_OF_NOTHING);
            assertThat(empty.get("content_type").isNull()).isTrue();

            JsonNode noLength = rs.get(2);
            assertThat(noLength.get("ok").asBoolean()).isTrue();
            assertThat(noLength.get("content_length").isNull()).as("no Content-Length header").isTrue();
            assertThat(noLength.get("bytes").asLong()).isEqualTo("no length here".length());
            assertThat(noLength.get("sha256").asText()).isEqualTo(sha256("no length here"));

            JsonNode missing = rs.get(3);
            assertThat(missing.get("ok").asBoolean()).isFalse();
            assertThat(missing.get("status").asInt()).isEqualTo(404);
            assertThat(missing.get("reason").asText()).isEqualTo("Not Found");
            assertThat(missing.get("error").get("kind").asText()).isEqualTo("http_status");
            assertThat(missing.get("bytes").asLong()).as("an http_status failure reads the whole body").isEqualTo(4);
            assertThat(missing.get("sha256").asText()).isEqualTo(sha256("nope"));

            JsonNode invalid = rs.get(4);
            assertThat(invalid.get("ok").asBoolean()).isFalse();
            assertThat(invalid.get("error").get("kind").asText()).isEqualTo("invalid_url");
            assertThat(invalid.get("status").isNull()).as("no status line read").isTrue();
            assertThat(invalid.get("reason").isNull()).isTrue();
            assertThat(invalid.get("http_version").isNull()).isTrue();
            assertThat(invalid.get("bytes").asLong()).isZero();
        }
    }

    @Test
    void startedIsUtcWithExactlyThreeMillisecondDigits() {
        try (ScriptedServer server = server()) {
            Instant before = Instant.now().minusSeconds(1);
            // several runs: each must carry .SSS, also when the milliseconds happen to be zero
            for (int i = 0; i < 3; i++) {
                JsonNode doc = doc(GatherRun.json(server.url("/empty")));
                String started = doc.get("started").asText();
                assertThat(started).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
                Instant t = Instant.parse(started);
                assertThat(t).isBetween(before, Instant.now().plusSeconds(1));
            }
        }
    }

    @Test
    void sequentialSpeedupRateAndLatencyAgreeWithTheResults() {
        try (ScriptedServer server = ScriptedServer.plain()) {
            server.setDispatcher(req -> ScriptedResponse.ok("x" + req.path())
                    .delay(Duration.ofMillis(req.path().equals("/slow") ? 120 : 20)));
            GatherRun run = GatherRun.json(server.url("/a"), server.url("/b"), server.url("/slow"), server.url("/c"));
            assertThat(run.exitCode).as("%s", run).isZero();
            JsonNode doc = doc(run);
            JsonNode totals = doc.get("totals");
            List<Double> totalsMs = new ArrayList<>();
            for (JsonNode r : results(doc)) {
                double t = r.get("timing_ms").get("total").asDouble();
                assertThat(t).isPositive();
                totalsMs.add(t);
            }
            double sum = totalsMs.stream().mapToDouble(Double::doubleValue).sum();
            double n = totalsMs.size();
            assertThat(totals.get("sequential_ms").asDouble()).as("sum of timing_ms.total")
                    .isCloseTo(sum, within(0.05 * n + 0.1));
            double wall = doc.get("wall_ms").asDouble();
            assertThat(totals.get("speedup").asDouble()).as("sequential_ms / wall_ms")
                    .isCloseTo(totals.get("sequential_ms").asDouble() / wall, within(0.02));
            assertThat(totals.get("requests_per_second").asDouble()).as("urls / wall seconds")
                    .isCloseTo(n / (wall / 1000.0), within(0.1 + 0.01 * n / (wall / 1000.0)));
            JsonNode lat = totals.get("latency_ms");
            double min = totalsMs.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
            double max = totalsMs.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
            assertThat(lat.get("min").asDouble()).isCloseTo(min, within(0.11));
            assertThat(lat.get("max").asDouble()).isCloseTo(max, within(0.11));
            assertThat(lat.get("mean").asDouble()).isCloseTo(sum / n, within(0.11));
            assertThat(lat.get("min").asDouble()).isLessThanOrEqualTo(lat.get("p50").asDouble());
            assertThat(lat.get("p50").asDouble()).isLessThanOrEqualTo(lat.get("p90").asDouble());
            assertThat(lat.get("p90").asDouble()).isLessThanOrEqualTo(lat.get("p99").asDouble());
            assertThat(lat.get("p99").asDouble()).isLessThanOrEqualTo(lat.get("max").asDouble());
            assertThat(lat.get("max").asDouble()).as("the slow page is the slowest").isGreaterThanOrEqualTo(100.0);
            assertThat(totals.get("errors").isObject()).isTrue();
            assertThat(totals.get("errors").size()).as("no failures, no error kinds").isZero();
        }
    }

    /** Every result field of schema 1, with its JSON type. */
    static void assertResultShape(JsonNode r, int expectedIndex) {
        assertThat(r.isObject()).isTrue();
        for (String f : List.of("index", "url", "ok", "status", "reason", "http_version", "final_url", "redirects",
                "attempts", "bytes", "content_length", "content_type", "sha256", "remote_address",
                "reused_connection", "tls", "timing_ms", "saved_to", "error")) {
            assertThat(r.has(f)).as("result %d has field %s: %s", expectedIndex, f, r).isTrue();
        }
        assertThat(r.get("index").isIntegralNumber()).isTrue();
        assertThat(r.get("index").asInt()).isEqualTo(expectedIndex);
        assertThat(r.get("url").isTextual()).isTrue();
        assertThat(r.get("ok").isBoolean()).isTrue();
        assertThat(r.get("status").isNull() || r.get("status").isIntegralNumber()).as("status").isTrue();
        assertThat(r.get("reason").isNull() || r.get("reason").isTextual()).as("reason").isTrue();
        assertThat(r.get("http_version").isNull() || r.get("http_version").isTextual()).as("http_version").isTrue();
        assertThat(r.get("final_url").isNull() || r.get("final_url").isTextual()).as("final_url").isTrue();
        assertThat(r.get("redirects").isIntegralNumber()).as("redirects").isTrue();
        assertThat(r.get("attempts").isIntegralNumber()).as("attempts").isTrue();
        assertThat(r.get("bytes").isIntegralNumber()).as("bytes").isTrue();
        assertThat(r.get("content_length").isNull() || r.get("content_length").isIntegralNumber())
                .as("content_length").isTrue();
        assertThat(r.get("content_type").isNull() || r.get("content_type").isTextual()).as("content_type").isTrue();
        assertThat(r.get("remote_address").isNull() || r.get("remote_address").isTextual())
                .as("remote_address").isTrue();
        assertThat(r.get("reused_connection").isBoolean()).as("reused_connection").isTrue();
        assertThat(r.get("saved_to").isNull() || r.get("saved_to").isTextual()).as("saved_to").isTrue();
        JsonNode tls = r.get("tls");
        if (!tls.isNull()) {
            assertThat(tls.get("protocol").isTextual()).isTrue();
            assertThat(tls.get("cipher").isTextual()).isTrue();
        }
        JsonNode timing = r.get("timing_ms");
        assertThat(timing.isObject()).isTrue();
        for (String f : List.of("queue", "dns", "connect", "tls", "ttfb", "total")) {
            assertThat(timing.get(f)).as("timing_ms.%s", f).isNotNull();
            assertThat(timing.get(f).isNumber()).as("timing_ms.%s is a number", f).isTrue();
            assertThat(timing.get(f).asDouble()).as("timing_ms.%s", f).isGreaterThanOrEqualTo(0.0);
        }
        if (r.get("ok").asBoolean()) {
            assertThat(r.get("error").isNull()).isTrue();
            assertThat(r.get("sha256").asText()).matches("[0-9a-f]{64}");
        } else {
            JsonNode e = r.get("error");
            assertThat(e.isObject()).as("error of a failed result").isTrue();
            assertThat(e.get("kind").isTextual()).isTrue();
            assertThat(e.get("message").isTextual()).isTrue();
            assertThat(r.get("sha256").isNull() || r.get("sha256").asText().matches("[0-9a-f]{64}"))
                    .as("sha256").isTrue();
        }
    }
}
