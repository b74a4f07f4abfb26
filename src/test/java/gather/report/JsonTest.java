package gather.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gather.result.ErrorKind;
import gather.result.FetchResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The JSON writing every report shares ({@link Json}, {@link ResultJson}): strings read back
 * whole (escaped where JSON requires, UTF-8 otherwise, a lone surrogate as U+FFFD), numbers print
 * as the contract shows them, and a result is the contract's object with its fields in order.
 */
class JsonTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** A character from one of the classes escaping and UTF-8 treat differently. */
    private static char anyChar(Random random) {
        return switch (random.nextInt(10)) {
            case 0 -> (char) random.nextInt(0x20);                 // C0 controls
            case 1 -> "\"\\\u007f/'".charAt(random.nextInt(5));    // the escaped ones, and three that are not
            case 2 -> (char) (0x80 + random.nextInt(0x780));       // two UTF-8 bytes (C1 controls too)
            case 3 -> (char) (0x800 + random.nextInt(0xd800 - 0x800)); // three bytes
            case 4 -> (char) (0xe000 + random.nextInt(0x2000));    // three bytes, past the surrogates
            case 5 -> (char) (0xd800 + random.nextInt(0x400));     // high surrogate
            case 6 -> (char) (0xdc00 + random.nextInt(0x400));     // low surrogate
            default -> (char) (0x20 + random.nextInt(0x5f));       // printable ASCII
        };
    }

    private static String randomString(Random random) {
        StringBuilder sb = new StringBuilder();
        int n = random.nextInt(40);
        for (int i = 0; i < n; i++) {
            if (random.nextInt(8) == 0) {
                sb.appendCodePoint(0x10000 + random.nextInt(0x100000)); // a valid pair
            } else {
                sb.append(anyChar(random));
            }
        }
        return sb.toString();
    }

    /**
     * What a JSON reader must get back: the string with each lone surrogate replaced by U+FFFD, as
     * the JDK's own UTF-8 encoder does it (an oracle that is not a copy of Json.clean).
     */
    private static String readBack(String s) {
        try {
            java.nio.ByteBuffer utf8 = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPLACE)
                    .replaceWith(new byte[] {(byte) 0xef, (byte) 0xbf, (byte) 0xbd})
                    .encode(java.nio.CharBuffer.wrap(s));
            return StandardCharsets.UTF_8.decode(utf8).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new AssertionError(e);
        }
    }

    /** The bytes {@code s} must come out as (RFC 8259's short escapes, else lower-case \\u00xx), built the slow way. */
    private static byte[] expected(String s) {
        StringBuilder sb = new StringBuilder("\"");
        String clean = readBack(s);
        for (int i = 0; i < clean.length(); i++) {
            char c = clean.charAt(i);
            switch (c) {
                case '"', '\\' -> sb.append('\\').append(c);
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> sb.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return sb.append('"').toString().getBytes(StandardCharsets.UTF_8);
    }

    interface Writing {
        void to(JsonGenerator g) throws IOException;
    }

    /** What {@code w} writes as UTF-8 bytes, and (checked to be the same text) through a character Writer. */
    private static byte[] written(Writing w) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator g = Json.generator(bytes)) {
            w.to(g);
        }
        StringWriter chars = new StringWriter();
        try (JsonGenerator g = Json.generator(new PrintWriter(chars))) {
            w.to(g);
        }
        assertThat(chars.toString()).isEqualTo(bytes.toString(StandardCharsets.UTF_8));
        return bytes.toByteArray();
    }

    private static byte[] string(String s) throws IOException {
        byte[] member = written(g -> {
            g.writeStartObject();
            Json.text(g, Json.name("s"), s);
            g.writeEndObject();
        });
        return java.util.Arrays.copyOfRange(member, 5, member.length - 1); // {"s":...}
    }

    @Test
    void stringsAreEscapedWhereJsonRequiresAndOtherwiseUtf8AndReadBackWhole() throws Exception {
        Random random = new Random(7);
        for (int k = 0; k < 5_000; k++) {
            String s = randomString(random);
            byte[] actual = string(s);
            assertThat(actual).as("string %s", s.chars().mapToObj(Integer::toHexString).toList()).isEqualTo(expected(s));
            assertThat(MAPPER.readTree(actual).asText()).isEqualTo(readBack(s));
        }
        assertThat(string("a\"b\\c\n\r\t\u0001\u001f\u007f\u00e9\ud800\ud83d\ude00"))
                .isEqualTo("\"a\\\"b\\\\c\\n\\r\\t\\u0001\\u001f\u007f\u00e9\ufffd\ud83d\ude00\"".getBytes(StandardCharsets.UTF_8));
        assertThat(string(null)).isEqualTo("null".getBytes(StandardCharsets.US_ASCII));
    }

    private static String millis(long nanos) throws IOException {
        byte[] b = written(g -> {
            g.writeStartObject();
            Json.millis(g, "m", nanos);
            g.writeEndObject();
        });
        return new String(b, 5, b.length - 6, StandardCharsets.US_ASCII);
    }

    @Test
    void numbersMillisecondsAndDecimalsPrintAsTheContractShowsThem() throws Exception {
        // milliseconds with one decimal, rounded half up on the tenth
        assertThat(millis(0)).isEqualTo("0.0");
        assertThat(millis(49_999)).isEqualTo("0.0");
        assertThat(millis(50_000)).isEqualTo("0.1");
        assertThat(millis(1_250_000)).isEqualTo("1.3");
        assertThat(millis(75_849_999)).isEqualTo("75.8");
        assertThat(millis(12_345_678)).isEqualTo("12.3");
        assertThat(millis(20_000_000_000L)).isEqualTo("20000.0");
        assertThat(millis(123_456_789_000_000L)).isEqualTo("123456789.0"); // never 1.2E8
        assertThat(Json.decimal(152, 2)).isEqualTo("1.52");
        assertThat(Json.decimal(5, 2)).isEqualTo("0.05");
        assertThat(Json.decimal(-5, 2)).isEqualTo("-0.05");
        assertThat(Json.decimal(-187, 1)).isEqualTo("-18.7");
        assertThat(Json.decimal(100, 2)).isEqualTo("1.00");
        byte[] fixed = written(g -> {
            g.writeStartObject();
            Json.fixed(g, "a", 18.65, 1);
            Json.fixed(g, "b", 1.515, 2);
            Json.fixed(g, "c", 0.0, 2);
            Json.number(g, "d", null);
            Json.number(g, "e", Long.MIN_VALUE);
            g.writeEndObject();
        });
        assertThat(new String(fixed, StandardCharsets.US_ASCII))
                .isEqualTo("{\"a\":18.7,\"b\":1.52,\"c\":0.00,\"d\":null,\"e\":-9223372036854775808}");
        Random random = new Random(11);
        for (int k = 0; k < 5_000; k++) {
            long nanos = random.nextLong(10_000_000_000L);
            String s = millis(nanos);
            assertThat(s).as("%d ns", nanos).matches("[0-9]+\\.[0-9]");
            assertThat(Math.abs(MAPPER.readTree(s).asDouble() - nanos / 1e6)).as("%d ns", nanos).isLessThanOrEqualTo(0.05);
        }
    }

    static String resultJson(FetchResult r) throws IOException {
        return new String(written(g -> ResultJson.write(g, r)), StandardCharsets.UTF_8);
    }

    @Test
    void aResultIsTheContractsObjectWithItsFieldsInOrder() throws Exception {
        FetchResult r = FetchResult.builder(41, "https://h\u00e9.example/a?b=\"c\"")
                .statusLine(503, "Service Unavailable", "HTTP/1.1")
                .finalUrl("https://h\u00e9.example/b")
                .redirects(1)
                .attempts(3)
                .body(12, "ab".repeat(32))
                .contentLength(12L)
                .contentType("text/plain; charset=utf-8")
                .connection("[::1]:8443", true, new FetchResult.Tls("TLSv1.3", "TLS_AES_128_GCM_SHA256"))
                .queueNanos(1_250_000)
                .phases(49_999, 50_000, 3_000_000)
                .ttfbNanos(12_345_678)
                .totalNanos(20_000_000_000L)
                .savedTo("out/b")
                .fail(ErrorKind.HTTP_STATUS, "HTTP 503 \u2014 \"busy\"")
                .checks(List.of(new gather.result.CheckFailure("accept-status", "200-299", "503"),
                        new gather.result.CheckFailure("expect-text", "caf\u00e9 \"x\"", "not in the body (12 bytes)")))
                .build();

        JsonNode j = MAPPER.readTree(resultJson(r));
        List<String> names = new ArrayList<>();
        j.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("index", "url", "ok", "status", "reason", "http_version", "final_url",
                "redirects", "attempts", "bytes", "content_length", "content_type", "sha256", "remote_address",
                "reused_connection", "tls", "timing_ms", "saved_to", "error", "checks",
                "not_modified", "resumed_from", "reproduce", "line", "name", "flaky", "allowed");
        assertThat(j.get("checks").toString()).isEqualTo("[{\"name\":\"accept-status\",\"expected\":\"200-299\","
                + "\"seen\":\"503\"},{\"name\":\"expect-text\",\"expected\":\"caf\u00e9 \\\"x\\\"\","
                + "\"seen\":\"not in the body (12 bytes)\"}]");
        assertThat(j.get("index").asLong()).isEqualTo(41);
        assertThat(j.get("url").asText()).isEqualTo(r.url());
        assertThat(j.get("ok").asBoolean()).isFalse();
        assertThat(j.get("status").asInt()).isEqualTo(503);
        assertThat(j.get("final_url").asText()).isEqualTo(r.finalUrl());
        assertThat(j.get("content_length").asLong()).isEqualTo(12);
        assertThat(j.get("reused_connection").asBoolean()).isTrue();
        assertThat(j.get("tls").get("protocol").asText()).isEqualTo("TLSv1.3");
        assertThat(j.get("tls").get("cipher").asText()).isEqualTo("TLS_AES_128_GCM_SHA256");
        assertThat(j.get("timing_ms").toString())
                .isEqualTo("{\"queue\":1.3,\"dns\":0.0,\"connect\":0.1,\"tls\":3.0,\"ttfb\":12.3,\"total\":20000.0}");
        assertThat(j.get("saved_to").asText()).isEqualTo("out/b");
        assertThat(j.get("error").get("kind").asText()).isEqualTo("http_status");
        assertThat(j.get("error").get("message").asText()).isEqualTo("HTTP 503 \u2014 \"busy\"");

        // byte for byte what the hand-written writer gave before Jackson
        FetchResult fresh = FetchResult.builder(0, "http://127.0.0.1:1/").build();
        assertThat(resultJson(fresh)).isEqualTo(
                "{\"index\":0,\"url\":\"http://127.0.0.1:1/\",\"ok\":true,\"status\":null,\"reason\":null,"
                + "\"http_version\":null,\"final_url\":null,\"redirects\":0,\"attempts\":0,\"bytes\":0,"
                + "\"content_length\":null,\"content_type\":null,\"sha256\":null,\"remote_address\":null,"
                + "\"reused_connection\":false,\"tls\":null,\"timing_ms\":{\"queue\":0.0,\"dns\":0.0,"
                + "\"connect\":0.0,\"tls\":0.0,\"ttfb\":0.0,\"total\":0.0},\"saved_to\":null,\"error\":null,\"checks\":[],"
                + "\"not_modified\":false,\"resumed_from\":0,\"reproduce\":null,"
                + "\"line\":null,\"name\":null,\"flaky\":false,\"allowed\":false}");
        assertThat(resultJson(r)).isEqualTo(
                "{\"index\":41,\"url\":\"https://h\u00e9.example/a?b=\\\"c\\\"\",\"ok\":false,\"status\":503,"
                + "\"reason\":\"Service Unavailable\",\"http_version\":\"HTTP/1.1\",\"final_url\":\"https://h\u00e9.example/b\","
                + "\"redirects\":1,\"attempts\":3,\"bytes\":12,\"content_length\":12,"
                + "\"content_type\":\"text/plain; charset=utf-8\",\"sha256\":\"" + "ab".repeat(32) + "\","
                + "\"remote_address\":\"[::1]:8443\",\"reused_connection\":true,"
                + "\"tls\":{\"protocol\":\"TLSv1.3\",\"cipher\":\"TLS_AES_128_GCM_SHA256\"},"
                + "\"timing_ms\":{\"queue\":1.3,\"dns\":0.0,\"connect\":0.1,\"tls\":3.0,\"ttfb\":12.3,\"total\":20000.0},"
                + "\"saved_to\":\"out/b\",\"error\":{\"kind\":\"http_status\",\"message\":\"HTTP 503 \u2014 \\\"busy\\\"\"},"
                + "\"checks\":[{\"name\":\"accept-status\",\"expected\":\"200-299\",\"seen\":\"503\"},"
                + "{\"name\":\"expect-text\",\"expected\":\"caf\u00e9 \\\"x\\\"\",\"seen\":\"not in the body (12 bytes)\"}],"
                + "\"not_modified\":false,\"resumed_from\":0,\"reproduce\":null,"
                + "\"line\":null,\"name\":null,\"flaky\":false,\"allowed\":false}");
    }
}
