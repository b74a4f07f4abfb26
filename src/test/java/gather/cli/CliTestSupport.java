package gather.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gather.testing.GatherRun;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/** Small helpers shared by the CLI end-to-end tests (parsing stdout strictly, hashing bodies). */
final class CliTestSupport {
    private static final ObjectMapper MAPPER = new ObjectMapper(
            JsonFactory.builder().enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());

    /** SHA-256 of the empty string. */
    static final String SHA256_OF_NOTHING = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private CliTestSupport() { }

    /** Parses text that must hold exactly one JSON value (no trailing tokens, no duplicate keys). */
    static JsonNode strictJson(String text) {
        try (JsonParser p = MAPPER.createParser(text)) {
            JsonNode node = MAPPER.readTree(p);
            assertThat(node).as("a JSON document in:\n%s", text).isNotNull();
            assertThat(p.nextToken()).as("anything after the JSON document in:\n%s", text).isNull();
            return node;
        } catch (java.io.IOException e) {
            throw new AssertionError("not exactly one JSON document: " + e.getMessage() + "\n---\n" + text, e);
        }
    }

    /** Parses stdout of a --json run strictly. */
    static JsonNode doc(GatherRun run) {
        assertThat(run.out).as("stdout of %s", run).isNotBlank();
        return strictJson(run.out);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(String utf8) {
        return sha256(utf8.getBytes(StandardCharsets.UTF_8));
    }

    /** Non-empty lines of a captured stream. */
    static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        for (String l : text.split("\r?\n")) {
            if (!l.isEmpty()) {
                out.add(l);
            }
        }
        return out;
    }

    /** results[] as a list. */
    static List<JsonNode> results(JsonNode doc) {
        List<JsonNode> out = new ArrayList<>();
        doc.get("results").forEach(out::add);
        return out;
    }

    /** Asserts stderr shows no Java exception or stack trace. */
    static void assertNoStackTrace(GatherRun run) {
        assertThat(run.err).as("stderr of %s", run).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(run.out).as("stdout of %s", run).doesNotContain("\tat ");
    }

    static String[] args(Object... parts) {
        return Arrays.stream(parts).map(String::valueOf).toArray(String[]::new);
    }
}
