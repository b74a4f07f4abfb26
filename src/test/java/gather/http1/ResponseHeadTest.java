package gather.http1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gather.result.ErrorKind;
import gather.result.FetchException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class ResponseHeadTest {

    private static ResponseHead read(Wire.Mode mode, String raw, HttpLimits limits) throws IOException {
        return ResponseHead.read(mode.input(Wire.latin1(raw)), limits);
    }

    private static ResponseHead read(String raw) throws IOException {
        return read(Wire.Mode.BULK, raw, HttpLimits.DEFAULT);
    }

    private static ErrorKind failure(Wire.Mode mode, String raw, HttpLimits limits) {
        try {
            ResponseHead head = read(mode, raw, limits);
            throw new AssertionError("parsed " + head + " from " + Wire.show(Wire.latin1(raw)));
        } catch (FetchException e) {
            return e.kind();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> fields(Headers h) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < h.size(); i++) {
            out.add(h.name(i) + "=" + h.value(i));
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(Wire.Mode.class)
    void parsesStatusLineAndFieldsInOrder(Wire.Mode mode) throws IOException {
        ResponseHead head = read(mode, "HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\n"
                + "Set-Cookie: a=1\r\nset-cookie: b=2\r\nX-Empty:\r\n\r\nbody", HttpLimits.DEFAULT);
        assertThat(head.version()).isEqualTo("HTTP/1.1");
        assertThat(head.status()).isEqualTo(404);
        assertThat(head.reason()).isEqualTo("Not Found");
        assertThat(fields(head.headers()))
                .containsExactly("Content-Type=text/plain", "Set-Cookie=a=1", "set-cookie=b=2", "X-Empty=");
        assertThat(head.headers().all("SET-COOKIE")).containsExactly("a=1", "b=2");
        assertThat(head.headers().first("content-type")).isEqualTo("text/plain");
        assertThat(head.headers().has("X-Missing")).isFalse();
    }

    @Test
    void stopsExactlyAtTheEndOfTheHead() throws IOException {
        HttpInput in = HttpInput.of(Wire.latin1("HTTP/1.1 200 OK\r\nA: b\r\n\r\nbody"));
        ResponseHead.read(in, HttpLimits.DEFAULT);
        assertThat(in.buffered()).isEqualTo(4);
        assertThat(in.read()).isEqualTo('b');
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            HTTP/1.1 200 OK           | HTTP/1.1 | 200 | OK
            HTTP/1.0 301 Moved        | HTTP/1.0 | 301 | Moved
            HTTP/1.1 200              | HTTP/1.1 | 200 | ''
            'HTTP/1.1 200 '           | HTTP/1.1 | 200 | ''
            HTTP/1.1 100 Continue     | HTTP/1.1 | 100 | Continue
            HTTP/1.1 599 a  b         | HTTP/1.1 | 599 | a  b
            """)
    void acceptsValidStatusLines(String line, String version, int status, String reason) throws IOException {
        ResponseHead head = read(line + "\r\n\r\n");
        assertThat(head.version()).isEqualTo(version);
        assertThat(head.status()).isEqualTo(status);
        assertThat(head.reason()).isEqualTo(reason);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            HTTP/2.0 200 OK
            HTTP/1.2 200 OK
            HTTP/2 200 OK
            http/1.1 200 OK
            HTTP/1.1 600 Bad
            HTTP/1.1 099 Bad
            HTTP/1.1 2a0 Bad
            HTTP/1.1 20
            HTTP/1.1 2000
            HTTP/1.1  200 OK
            HTTP/1.1
            'HTTP/1.1 '
            ICY 200 OK
            garbage
            """)
    void rejectsMalformedStatusLines(String line) {
        assertThat(failure(Wire.Mode.BULK, line + "\r\n\r\n", HttpLimits.DEFAULT)).isEqualTo(ErrorKind.PROTOCOL);
    }

    @ParameterizedTest
    @EnumSource(Wire.Mode.class)
    void endOfStreamBeforeAnyByteIsNull(Wire.Mode mode) throws IOException {
        assertThat(read(mode, "", HttpLimits.DEFAULT)).isNull();
    }

    @ParameterizedTest
    @EnumSource(Wire.Mode.class)
    void endOfStreamInsideTheHeadIsTruncated(Wire.Mode mode) {
        String head = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n";
        for (int cut = 1; cut < head.length(); cut++) {
            assertThat(failure(mode, head.substring(0, cut), HttpLimits.DEFAULT))
                    .as("cut after %d bytes", cut).isEqualTo(ErrorKind.TRUNCATED);
        }
    }

    @Test
    void bareLfLineEndingsAreTolerated() throws IOException {
        ResponseHead head = read("HTTP/1.1 200 OK\nA: 1\nB: 2\r\n\n");
        assertThat(fields(head.headers())).containsExactly("A=1", "B=2");
    }

    @Test
    void obsFoldIsJoinedWithOneSpace() throws IOException {
        ResponseHead head = read("HTTP/1.1 200 OK\r\nX-A: one\r\n   two  \r\n\tthree\r\nX-B:\r\n b\r\nX-C: c\r\n \r\n\r\n");
        assertThat(fields(head.headers())).containsExactly("X-A=one two three", "X-B=b", "X-C=c");
    }

    @Test
    void valuesLoseOnlySpacesAndTabsAroundThem() throws IOException {
        ResponseHead head = read("HTTP/1.1 200 OK\r\nX-A: \t a \t b \t\r\nX-B:\u000bv\u000c\r\n\r\n");
        assertThat(fields(head.headers())).containsExactly("X-A=a \t b", "X-B=\u000bv\u000c");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            no colon              | X-Foo bar
            space before colon    | Content-Length : 5
            tab before colon      | Content-Length\\t: 5
            space in name         | X Foo: bar
            empty name            | ': bar'
            NUL in name           | X\\0Foo: bar
            NUL in value          | X-Foo: b\\0r
            bare CR in value      | X-Foo: b\\rr
            bare CR ending value  | X-Foo: bar\\r
            bare CR opening value | X-Foo:\\rbar
            fold before any field | ' X-Foo: bar'
            """)
    void rejectsBrokenHeaderLines(String what, String line) {
        String raw = "HTTP/1.1 200 OK\r\n" + unescape(line) + "\r\nContent-Type: text/plain\r\n\r\n";
        assertThat(failure(Wire.Mode.BULK, raw, HttpLimits.DEFAULT)).as(what).isEqualTo(ErrorKind.PROTOCOL);
        assertThat(failure(Wire.Mode.ONE_BYTE_PER_READ, raw, HttpLimits.DEFAULT)).as(what).isEqualTo(ErrorKind.PROTOCOL);
    }

    @Test
    void headerNamesAreTokensOfRfc9110AndNothingElse() throws IOException {
        String tchars = "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
        assertThat(read("HTTP/1.1 200 OK\r\n" + tchars + ": v\r\n\r\n").headers().name(0)).isEqualTo(tchars);
        for (char c = 0; c < 256; c++) {
            if (tchars.indexOf(c) >= 0 || c == ':' || c == '\r' || c == '\n') {
                continue; // the tokens themselves, and what ends the name or the line
            }
            assertThat(failure(Wire.Mode.BULK, "HTTP/1.1 200 OK\r\nX" + c + "Y: v\r\n\r\n", HttpLimits.DEFAULT))
                    .as("character %d in a header name", (int) c).isEqualTo(ErrorKind.PROTOCOL);
        }
    }

    @Test
    void bareCrInAFoldedContinuationIsProtocol() {
        assertThat(failure(Wire.Mode.BULK, "HTTP/1.1 200 OK\r\nX-A: a\r\n b\r\r\n\r\n", HttpLimits.DEFAULT))
                .isEqualTo(ErrorKind.PROTOCOL);
    }

    private static String unescape(String s) {
        return s.replace("\\t", "\t").replace("\\0", "\0").replace("\\r", "\r");
    }

    // --- limits, at and just over each boundary -------------------------------------------

    private static final HttpLimits SMALL = new HttpLimits(100, 40, 3, 64, 64);

    @ParameterizedTest
    @EnumSource(Wire.Mode.class)
    void lineLengthLimit(Wire.Mode mode) throws IOException {
        String at = "X-A: " + "a".repeat(35);       // 40 characters
        assertThat(read(mode, "HTTP/1.1 200 OK\r\n" + at + "\r\n\r\n", SMALL).headers().first("X-A")).hasSize(35);
        assertThat(failure(mode, "HTTP/1.1 200 OK\r\n" + at + "a\r\n\r\n", SMALL)).isEqualTo(ErrorKind.PROTOCOL);
        assertThat(failure(mode, "HTTP/1.1 200 " + "r".repeat(30) + "\r\n\r\n", SMALL)).isEqualTo(ErrorKind.PROTOCOL);
    }

    @ParameterizedTest
    @EnumSource(Wire.Mode.class)
    void headerCountLimit(Wire.Mode mode) throws IOException {
        assertThat(read(mode, "HTTP/1.1 200 OK\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n", SMALL).headers().size()).isEqualTo(3);
        assertThat(failure(mode, "HTTP/1.1 200 OK\r\nA: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\n\r\n", SMALL))
                .isEqualTo(ErrorKind.PROTOCOL);
    }

    @ParameterizedTest
    @EnumSource(Wire.Mode.class)
    void totalHeadLimitCountsEveryLineWithItsCrlf(Wire.Mode mode) throws IOException {
        HttpLimits limits = new HttpLimits(100, 1000, 10, 64, 64);
        // 17 (status line) + 2 (final CRLF) + (5 + n) per "X: ...\r\n" line
        String atLimit = "HTTP/1.1 200 OK\r\nX: " + "a".repeat(76) + "\r\n\r\n";
        assertThat(atLimit).hasSize(100);
        assertThat(read(mode, atLimit, limits).headers().first("X")).hasSize(76);
        for (int extra = 1; extra <= 3; extra++) {
            String over = "HTTP/1.1 200 OK\r\nX: " + "a".repeat(76 + extra) + "\r\n\r\n";
            assertThat(failure(mode, over, limits)).as("%d bytes over", extra).isEqualTo(ErrorKind.PROTOCOL);
        }
        String overInTwoLines = "HTTP/1.1 200 OK\r\nX: " + "a".repeat(71) + "\r\nY: z\r\n\r\n";
        assertThat(failure(mode, overInTwoLines, limits)).isEqualTo(ErrorKind.PROTOCOL);
    }

    @Test
    void defaultLimitsAcceptLargeRealisticHeads() throws IOException {
        StringBuilder raw = new StringBuilder("HTTP/1.1 200 OK\r\n");
        for (int i = 0; i < 255; i++) {
            raw.append("X-H").append(i).append(": ").append("v".repeat(200)).append("\r\n");
        }
        assertThat(read(raw + "\r\n").headers().size()).isEqualTo(255);
    }

    // --- keep-alive -----------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            HTTP/1.1 |                          | true
            HTTP/1.1 | Connection: close        | false
            HTTP/1.1 | Connection: Keep-Alive, Close | false
            HTTP/1.1 | Connection: keep-alive   | true
            HTTP/1.0 |                          | false
            HTTP/1.0 | Connection: keep-alive   | true
            HTTP/1.0 | Connection: KEEP-ALIVE   | true
            HTTP/1.0 | Connection: keep-alive, close | false
            HTTP/1.1 | Connection: closed       | true
            HTTP/1.0 | Connection: keep-alive / Transfer-Encoding: chunked | false
            HTTP/1.1 | Transfer-Encoding: chunked | true
            """)
    void keepAlive(String version, String field, boolean expected) throws IOException {
        String raw = version + " 200 OK\r\n" + (field == null ? "" : field.replace(" / ", "\r\n") + "\r\n") + "\r\n";
        assertThat(read(raw).keepAlive()).isEqualTo(expected);
    }

    @Test
    void interimResponsesAreReadOneAtATime() throws IOException {
        HttpInput in = HttpInput.of(Wire.latin1("HTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n"
                + "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"));
        assertThat(ResponseHead.read(in, HttpLimits.DEFAULT).status()).isEqualTo(103);
        assertThat(ResponseHead.read(in, HttpLimits.DEFAULT).status()).isEqualTo(200);
        assertThat(ResponseHead.read(in, HttpLimits.DEFAULT)).isNull();
    }

    @Test
    void failuresAreFetchExceptionsNeverOtherTypes() {
        assertThatThrownBy(() -> read("HTTP/1.1 200 OK\r\nbroken\r\n\r\n")).isExactlyInstanceOf(FetchException.class);
    }
}
