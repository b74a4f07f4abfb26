package gather.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What a final response means for the bytes on disk under -C and -N, as a table. */
class LocalCopyTest {
    static Stream<Arguments> table() {
        String v = "\"v1\"";
        String lm = "Sun, 22 Nov 2026 09:00:00 GMT";
        return Stream.of(
                // status, Content-Range, ETag, range offset (-1: none sent), If-Range sent, conditional -> outcome
                Arguments.of(304, null, null, -1, null, true, LocalCopy.Outcome.NOT_MODIFIED),
                Arguments.of(304, null, null, -1, null, false, LocalCopy.Outcome.NORMAL),
                Arguments.of(200, null, v, -1, null, true, LocalCopy.Outcome.NORMAL),
                Arguments.of(206, "bytes 4000-9999/10000", v, 4000, v, false, LocalCopy.Outcome.APPEND),
                Arguments.of(206, "bytes 4000-9999/*", null, 4000, lm, false, LocalCopy.Outcome.APPEND),
                Arguments.of(206, "bytes 3000-9999/10000", v, 4000, v, false, LocalCopy.Outcome.START_OVER),
                Arguments.of(206, "bytes 4000-9999/10000", "\"v2\"", 4000, v, false, LocalCopy.Outcome.START_OVER),
                Arguments.of(206, "bytes 4000-10000/10000", v, 4000, v, false, LocalCopy.Outcome.START_OVER),
                Arguments.of(206, null, v, 4000, v, false, LocalCopy.Outcome.START_OVER),
                Arguments.of(206, "bytes */10000", v, 4000, v, false, LocalCopy.Outcome.START_OVER),
                Arguments.of(200, null, v, 4000, v, false, LocalCopy.Outcome.NORMAL),
                Arguments.of(416, "bytes */10000", null, 10000, v, false, LocalCopy.Outcome.WHOLE),
                Arguments.of(416, "bytes */12000", null, 10000, v, false, LocalCopy.Outcome.START_OVER),
                Arguments.of(416, null, null, 10000, v, false, LocalCopy.Outcome.START_OVER),
                Arguments.of(503, null, null, 4000, v, false, LocalCopy.Outcome.NORMAL));
    }

    @ParameterizedTest(name = "{0} {1} etag={2} from={3} -> {6}")
    @MethodSource("table")
    void decides(int status, String contentRange, String etag, long offset, String validator, boolean conditional,
                 LocalCopy.Outcome expected) {
        assertThat(LocalCopy.decide(status, contentRange, etag, offset, validator, conditional)).isEqualTo(expected);
    }
}
