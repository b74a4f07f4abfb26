package gather.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gather.result.ErrorKind;
import gather.result.FetchResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link JsonBytes} writes every result and, through {@link JsonOut}, the summary: its strings
 * must read back whole (escaped where JSON requires, UTF-8 otherwise), its numbers print as the
 * contract shows them, and a result must be the contract's object.
 */
class JsonBytesTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** A character from one of the classes escaping and UTF-8 treat differently. */
    private static char anyChar(Random random) {
        return switch (random.nextInt(10)) {
            case 0 -> (char) random.nextInt(0x20);                 // C0 controls
            case 1 -> "\"\\\u007f/'".charAt(random.nextInt(5));    // the escaped ones, and two that are not
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

    /** What a JSON reader must get back: the string with each lone surrogate replaced. */
    private static String readBack(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                sb.append(c).append(s.charAt(++i));
            } else {
                sb.append(Character.isSurrogate(c) ? '\ufffd' : c);
            }
        }
        return sb.toString();
    }

    /** The bytes {@code s} must come out as, built the slow and obvious way. */
    private static byte[] expected(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c == '\t') {
                sb.append("\\t");
            } else if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\u%04x", (int) c));
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                sb.append(c).append(s.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                sb.append("\\ufffd");
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void stringsAreEscapedWhereJsonRequiresAndOtherwiseUtf8AndReadBackWhole() throws Exception {
        Random random = new Random(7);
        for (int k = 0; k < 20_000; k++) {
            String s = randomString(random);
            byte[] actual = new JsonBytes(4).string(s).toByteArray();
            assertThat(actual).as("string %s", s.chars().mapToObj(Integer::toHexString).toList()).isEqualTo(expected(s));
            assertThat(MAPPER.readTree(actual).asText()).isEqualTo(readBack(s));
        }
        assertThat(new JsonBytes(4).string("a\"b\\c\n\r\t\u0001\u007f\u00e9\ud800").toByteArray())
                .isEqualTo("\"a\\\"b\\\\c\\n\\r\\t\\u0001\\u007f\u00e9\\ufffd\"".getBytes(StandardCharsets.UTF_8));
        assertThat(new JsonBytes(4).string(null).toByteArray()).isEqualTo("null".getBytes(StandardCharsets.US_ASCII));
    }

    private static String ascii(JsonBytes j) {
        return new String(j.toByteArray(), StandardCharsets.US_ASCII);
    }

    @Test
    void numbersMillisecondsAndDecimalsPrintAsTheContractShowsThem() throws Exception {
        long[] numbers = {0, 1, 9, 10, 99, 100, 1256, -1, -10, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1};
        for (long n : numbers) {
            assertThat(ascii(new JsonBytes(1).number(n))).isEqualTo(Long.toString(n));
        }
        // milliseconds with one decimal, rounded half up on the tenth
        assertThat(ascii(new JsonBytes(1).millis(0))).isEqualTo("0.0");
        assertThat(ascii(new JsonBytes(1).millis(49_999))).isEqualTo("0.0");
        assertThat(ascii(new JsonBytes(1).millis(50_000))).isEqualTo("0.1");
        assertThat(ascii(new JsonBytes(1).millis(1_250_000))).isEqualTo("1.3");
        assertThat(ascii(new JsonBytes(1).millis(75_849_999))).isEqualTo("75.8");
        assertThat(ascii(new JsonBytes(1).millis(20_000_000_000L))).isEqualTo("20000.0");
        assertThat(ascii(new JsonBytes(1).decimal(152, 2))).isEqualTo("1.52");
        assertThat(ascii(new JsonBytes(1).decimal(5, 2))).isEqualTo("0.05");
        assertThat(ascii(new JsonBytes(1).decimal(-5, 2))).isEqualTo("-0.05");
        assertThat(ascii(new JsonBytes(1).decimal(-187, 1))).isEqualTo("-18.7");
        assertThat(JsonBytes.decimalString(100, 2)).isEqualTo("1.00");
        Random random = new Random(11);
        for (int k = 0; k < 20_000; k++) {
            long nanos = random.nextLong(10_000_000_000L);
            String s = ascii(new JsonBytes(1).millis(nanos));
            assertThat(s).as("%d ns", nanos).matches("[0-9]+\\.[0-9]");
            assertThat(Math.abs(MAPPER.readTree(s).asDouble() - nanos / 1e6)).as("%d ns", nanos).isLessThanOrEqualTo(0.05);
        }
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
                .reproduce("curl -H 'X: it'\\''s' http://h/")
                .build();

        JsonNode j = MAPPER.readTree(ResultJson.bytes(r));
        List<String> names = new ArrayList<>();
        j.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("index", "url", "ok", "status", "reason", "http_version", "final_url",
                "redirects", "attempts", "bytes", "content_length", "content_type", "sha256", "remote_address",
                "reused_connection", "tls", "timing_ms", "saved_to", "error", "checks", "not_modified", "resumed_from",
                "reproduce");
        assertThat(j.get("reproduce").asText()).isEqualTo("curl -H 'X: it'\\''s' http://h/");
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

        FetchResult fresh = FetchResult.builder(0, "http://127.0.0.1:1/").build();
        assertThat(new String(ResultJson.bytes(fresh), StandardCharsets.UTF_8)).isEqualTo(
                "{\"index\":0,\"url\":\"http://127.0.0.1:1/\",\"ok\":true,\"status\":null,\"reason\":null,"
                + "\"http_version\":null,\"final_url\":null,\"redirects\":0,\"attempts\":0,\"bytes\":0,"
                + "\"content_length\":null,\"content_type\":null,\"sha256\":null,\"remote_address\":null,"
                + "\"reused_connection\":false,\"tls\":null,\"timing_ms\":{\"queue\":0.0,\"dns\":0.0,"
                + "\"connect\":0.0,\"tls\":0.0,\"ttfb\":0.0,\"total\":0.0},\"saved_to\":null,\"error\":null,\"checks\":[],"
                + "\"not_modified\":false,\"resumed_from\":0,\"reproduce\":null}");
    }
}
