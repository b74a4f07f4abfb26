package gather.engine.check;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import gather.plan.CheckSet;
import gather.result.CheckFailure;
import java.io.IOException;
import java.util.Comparator;

/**
 * --expect-json 'POINTER=VALUE': the decoded body is one JSON document (through Jackson), and the
 * node at the RFC 6901 pointer matches VALUE: either VALUE read as JSON equals the node (numbers
 * compared by value: {@code 3} matches {@code 3.0}; objects and arrays compared whole), or the
 * node is a scalar whose text is VALUE ({@code /status=ok} matches {@code "ok"}, {@code /n=3}
 * matches {@code 3} and {@code "3"}). A body that is not JSON, or has nothing at the pointer, fails.
 */
record JsonCheck(CheckSet.JsonExpectation expected) implements Check {
    /** Immutable once built, and thread-safe: one per run's class loader is enough. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
    private static final int SEEN_MAX = 200;
    private static final Comparator<JsonNode> NUMBERS_BY_VALUE = (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
    };

    /** The body parsed once per response (whichever JSON check asks first): a node, or why it is not JSON. */
    private record Parsed(JsonNode root, String error) { }

    @Override
    public String name() {
        return "expect-json";
    }

    @Override
    public boolean needsBody() {
        return true;
    }

    /** Throws IllegalArgumentException when the pointer is not RFC 6901 (the CLI calls it to validate). */
    static JsonPointer pointer(String text) {
        return JsonPointer.compile(text);
    }

    @Override
    public CheckFailure evaluate(CheckContext c) {
        String want = expected.toString();
        byte[] body = c.bodyBytes();
        if (body == null) {
            return failure(want, "body larger than " + c.bodyLimit() + " bytes: not parsed");
        }
        Parsed p = c.memo(JsonCheck.class, () -> parse(body));
        if (p.error() != null) {
            return failure(want, "body is not JSON: " + p.error());
        }
        JsonNode node = p.root().at(pointer(expected.pointer()));
        if (node.isMissingNode()) {
            return failure(want, "nothing at " + (expected.pointer().isEmpty() ? "the root" : expected.pointer()));
        }
        return matches(node, expected.value()) ? null : failure(want, abbreviate(node.toString()));
    }

    static boolean matches(JsonNode node, String value) {
        if (node.isValueNode() && node.asText().equals(value)) {
            return true;
        }
        JsonNode v;
        try {
            v = JSON.readTree(value);
        } catch (JsonProcessingException e) {
            return false;
        }
        return v != null && !v.isMissingNode() && node.equals(NUMBERS_BY_VALUE, v);
    }

    private static Parsed parse(byte[] body) {
        try {
            JsonNode root = JSON.readTree(body);
            if (root == null || root.isMissingNode()) {
                return new Parsed(null, "empty body");
            }
            return new Parsed(root, null);
        } catch (IOException e) {
            String m = String.valueOf(e.getMessage());
            int nl = m.indexOf('\n');
            return new Parsed(null, abbreviate(nl < 0 ? m : m.substring(0, nl)));
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= SEEN_MAX ? s : s.substring(0, SEEN_MAX) + "...";
    }
}
