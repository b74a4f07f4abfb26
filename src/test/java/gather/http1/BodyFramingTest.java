package gather.http1;

import static org.assertj.core.api.Assertions.assertThat;

import gather.result.ErrorKind;
import gather.result.FetchException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link BodyFraming#of} as a table: method, status, header fields, expected framing or error kind. */
class BodyFramingTest {
    private static final BodyFraming NONE = BodyFraming.NONE;
    private static final BodyFraming CLOSE = BodyFraming.UNTIL_CLOSE;
    private static final BodyFraming CHUNKED = new BodyFraming.Chunked(false);
    private static final BodyFraming CHUNKED_OVER_LENGTH = new BodyFraming.Chunked(true);
    private static final ErrorKind PROTOCOL = ErrorKind.PROTOCOL;

    private static BodyFraming fixed(long n) {
        return new BodyFraming.FixedLength(n);
    }

    /** expected: a BodyFraming or an ErrorKind; fields: "Name: value". */
    private static Arguments row(String method, int status, Object expected, String... fields) {
        return Arguments.of(method, status, String.join(" / ", fields), expected);
    }

    static Stream<Arguments> table() {
        return Stream.of(
                // no body whatever the headers say
                row("HEAD", 200, NONE, "Content-Length: 5"),
                row("HEAD", 200, NONE, "Transfer-Encoding: chunked"),
                row("HEAD", 200, NONE, "Content-Length: -1"),
                row("HEAD", 200, NONE),
                row("GET", 100, NONE, "Content-Length: 5"),
                row("GET", 101, NONE),
                row("GET", 103, NONE, "Transfer-Encoding: chunked"),
                row("GET", 204, NONE, "Content-Length: 5"),
                row("GET", 204, NONE, "Content-Length: nonsense"),
                row("GET", 304, NONE, "Transfer-Encoding: chunked"),
                row("GET", 304, NONE, "Content-Length: 100"),
                row("CONNECT", 200, NONE),
                // Content-Length
                row("GET", 200, fixed(0), "Content-Length: 0"),
                row("GET", 200, fixed(5), "Content-Length: 5"),
                row("GET", 200, fixed(5), "content-length: 005"),
                row("POST", 201, fixed(2), "Content-Length: 2"),
                row("GET", 404, fixed(9), "Content-Length: 9"),
                row("GET", 205, fixed(0), "Content-Length: 0"),
                row("GET", 200, fixed(999_999_999_999_999_999L), "Content-Length: 999999999999999999"),
                row("GET", 200, fixed(5), "Content-Length: 5, 5"),
                row("GET", 200, fixed(5), "Content-Length: 5,5 , 5"),
                row("GET", 200, fixed(5), "Content-Length: 5", "Content-Length: 5"),
                row("GET", 200, PROTOCOL, "Content-Length: 5, 6"),
                row("GET", 200, PROTOCOL, "Content-Length: 5", "Content-Length: 6"),
                row("GET", 200, PROTOCOL, "Content-Length: +5"),
                row("GET", 200, PROTOCOL, "Content-Length: -1"),
                row("GET", 200, PROTOCOL, "Content-Length: 0x10"),
                row("GET", 200, PROTOCOL, "Content-Length: 99999999999999999999"),
                row("GET", 200, PROTOCOL, "Content-Length: 9223372036854775808"),
                row("GET", 200, PROTOCOL, "Content-Length: 5 5"),
                row("GET", 200, PROTOCOL, "Content-Length: "),
                row("GET", 200, PROTOCOL, "Content-Length: ,"),
                row("GET", 200, PROTOCOL, "Content-Length: 5,"),
                row("GET", 200, PROTOCOL, "Content-Length: 1e3"),
                row("GET", 200, PROTOCOL, "Content-Length: \u0665"),          // Arabic-Indic digit five
                row("GET", 200, PROTOCOL, "Content-Length: 5\u000b"),
                // Transfer-Encoding
                row("GET", 200, CHUNKED, "Transfer-Encoding: chunked"),
                row("GET", 200, CHUNKED, "Transfer-Encoding: CHUNKED"),
                row("GET", 200, CHUNKED, "Transfer-Encoding: gzip, chunked"),
                row("GET", 200, CHUNKED, "Transfer-Encoding: gzip", "Transfer-Encoding: chunked"),
                row("GET", 200, CHUNKED, "Transfer-Encoding: gzip,,chunked"),
                row("GET", 200, CHUNKED_OVER_LENGTH, "Content-Length: 5", "Transfer-Encoding: chunked"),
                row("GET", 200, CHUNKED_OVER_LENGTH, "Transfer-Encoding: chunked", "Content-Length: nonsense"),
                row("GET", 200, CLOSE, "Transfer-Encoding: chunked, gzip"),
                row("GET", 200, CLOSE, "Transfer-Encoding: chunked", "Transfer-Encoding: gzip"),
                row("GET", 200, CLOSE, "Transfer-Encoding: gzip"),
                row("GET", 200, CLOSE, "Transfer-Encoding: gzip", "Content-Length: 5"),
                row("GET", 200, CLOSE, "Transfer-Encoding: identity"),
                row("GET", 200, CLOSE, "Transfer-Encoding: chunkedx"),
                row("GET", 200, PROTOCOL, "Transfer-Encoding: chunked, chunked"),
                row("GET", 200, PROTOCOL, "Transfer-Encoding: chunked", "Transfer-Encoding: chunked"),
                row("GET", 200, PROTOCOL, "Transfer-Encoding: "),
                row("GET", 200, PROTOCOL, "Transfer-Encoding: ,"),
                // neither
                row("GET", 200, CLOSE),
                row("GET", 500, CLOSE, "Content-Type: text/plain"));
    }

    @ParameterizedTest(name = "{0} {1} [{2}] -> {3}")
    @MethodSource("table")
    void framing(String method, int status, String fields, Object expected) {
        Headers headers = new Headers();
        if (!fields.isEmpty()) {
            for (String field : fields.split(" / ")) {
                int colon = field.indexOf(':');
                headers.add(field.substring(0, colon), ResponseHead.trimOws(field.substring(colon + 1)));
            }
        }
        Object actual;
        try {
            actual = BodyFraming.of(method, status, headers);
        } catch (FetchException e) {
            actual = e.kind();
        }
        assertThat(actual).isEqualTo(expected);
    }

    static Stream<Arguments> reuse() {
        return Stream.of(
                Arguments.of(NONE, true),
                Arguments.of(fixed(0), true),
                Arguments.of(fixed(10), true),
                Arguments.of(CHUNKED, true),
                Arguments.of(CHUNKED_OVER_LENGTH, false),
                Arguments.of(CLOSE, false));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("reuse")
    void allowsReuse(BodyFraming framing, boolean expected) {
        assertThat(framing.allowsReuse()).isEqualTo(expected);
    }
}
