package gather.http1;

import static org.assertj.core.api.Assertions.assertThat;

import gather.result.ErrorKind;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The response corpus in {@code src/test/resources/conformance/cases.txt}, one line per case:
 * every case parsed with the bytes delivered in bulk, one byte per read, and through a tiny
 * buffer, each giving the expected outcome.
 */
class ConformanceTest {
    static final List<ConformanceCase> CASES = ConformanceCase.load();

    static Stream<Arguments> casesInEveryMode() {
        return CASES.stream().flatMap(c -> Arrays.stream(Wire.Mode.values()).map(m -> Arguments.of(c, m)));
    }

    @ParameterizedTest(name = "[{1}] {0}")
    @MethodSource("casesInEveryMode")
    void caseGivesExpectedOutcome(ConformanceCase c, Wire.Mode mode) {
        Wire.Outcome actual = Wire.exchange(c.method(), c.raw(), mode);
        assertThat(actual)
                .as("%s (cases.txt line %d, %s) raw: %s", c.name(), c.lineNumber(), mode, abbreviated(c.raw()))
                .isEqualTo(c.expected());
    }

    /**
     * The JDK tests' habit: a response that ends exactly where its framing says it does must be
     * TRUNCATED when cut at any earlier byte.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("reusableSmallCases")
    void everyStrictPrefixOfAReusableResponseIsTruncated(ConformanceCase c) {
        for (int cut = 0; cut < c.raw().length; cut++) {
            byte[] prefix = Arrays.copyOf(c.raw(), cut);
            for (Wire.Mode mode : List.of(Wire.Mode.BULK, Wire.Mode.ONE_BYTE_PER_READ)) {
                assertThat(Wire.exchange(c.method(), prefix, mode))
                        .as("%s cut after %d bytes (%s): %s", c.name(), cut, mode, Wire.show(prefix))
                        .isEqualTo(Wire.Outcome.failed(ErrorKind.TRUNCATED));
            }
        }
    }

    static Stream<ConformanceCase> reusableSmallCases() {
        return CASES.stream().filter(c -> c.expected().isOk() && c.expected().reusable() && c.raw().length < 2000);
    }

    @Test
    void corpusIsLargeAndWellFormed() {
        assertThat(CASES).hasSizeGreaterThanOrEqualTo(80);
        Set<String> names = new HashSet<>();
        for (ConformanceCase c : CASES) {
            assertThat(names.add(c.name())).as("duplicate case name %s", c.name()).isTrue();
            assertThat(c.method()).isIn("GET", "HEAD");
        }
        assertThat(CASES).anyMatch(c -> c.method().equals("HEAD"));
        assertThat(CASES).anyMatch(c -> c.expected().error() == ErrorKind.PROTOCOL);
        assertThat(CASES).anyMatch(c -> c.expected().error() == ErrorKind.TRUNCATED);
    }

    @Test
    void escapeSyntaxDecodes() {
        assertThat(Wire.decode("a\\r\\n\\t\\0\\\\\\x41|")).containsExactly('a', '\r', '\n', '\t', 0, '\\', 'A', '|');
        assertThat(new String(Wire.decode("\\{3*h$i;}"), java.nio.charset.StandardCharsets.ISO_8859_1))
                .isEqualTo("h1;h2;h3;");
    }

    private static String abbreviated(byte[] raw) {
        String s = Wire.show(raw);
        return s.length() > 300 ? s.substring(0, 300) + "...(" + raw.length + " bytes)" : s;
    }
}
