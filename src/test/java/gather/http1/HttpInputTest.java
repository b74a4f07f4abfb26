package gather.http1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gather.result.ErrorKind;
import gather.result.FetchException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * HttpInput over the same bytes delivered in bulk, one byte per read, and through a 3-byte
 * buffer: every test runs in every {@link Wire.Mode} and must see the same lines, bytes and errors.
 */
class HttpInputTest {

    private static HttpInput input(Wire.Mode mode, String text) {
        return mode.input(Wire.latin1(text));
    }

    /** Reads lines until end of stream; an error ends the list with "!KIND". */
    private static List<String> lines(Wire.Mode mode, String text, int maxLength) {
        HttpInput in = input(mode, text);
        List<String> out = new ArrayList<>();
        try {
            for (String line; (line = in.readLine(maxLength)) != null; ) {
                out.add(line);
            }
        } catch (FetchException e) {
            out.add("!" + e.kind());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(Wire.Mode.class)
    void crlfAndBareLfBothEndALine(Wire.Mode mode) {
        assertThat(lines(mode, "one\r\ntwo\nthree\r\n\r\n\nlast\n", 100))
                .containsExactly("one", "two", "three", "", "", "last");
    }

    @ParameterizedTest
    @EnumSource(Wire.Mode.class)
    void onlyOneCrBeforeTheLfIsRemovedAndBareCrStaysInTheLine(Wire.Mode mode) {
        assertThat(lines(mode, "a\rb\r\nc\r\r\n\r\n", 100)).containsExactly("a\rb", "c\r", "");
    }

    @ParameterizedTest
    @EnumSource(Wire.Mode.class)
    void endOfStreamBeforeAnyByteIsNullEveryTime(Wire.Mode mode) throws IOException {
        HttpInput in = input(mode, "");
        assertThat(in.readLine(10)).isNull();
        assertThat(in.readLine(10)).isNull();
        assertThat(in.read()).isEqualTo(-1);
        assertThat(in.read(new byte[4], 0, 4)).isEqualTo(-1);
    }

    @ParameterizedTest
    @EnumSource(Wire.Mode.class)
    void endOfStreamInsideALineIsTruncated(Wire.Mode mode) {
        assertThat(lines(mode, "whole\r\npart", 100)).containsExactly("whole", "!TRUNCATED");
        assertThat(lines(mode, "whole\r\npart\r", 100)).containsExactly("whole", "!TRUNCATED");
        assertThat(lines(mode, "\r", 100)).containsExactly("!TRUNCATED");
    }

    @ParameterizedTest
    @EnumSource(Wire.Mode.class)
    void lineOfExactlyTheLimitIsAcceptedWithEitherTerminator(Wire.Mode mode) {
        String ten = "0123456789";
        assertThat(lines(mode, ten + "\r\n", 10)).containsExactly(ten);
        assertThat(lines(mode, ten + "\n", 10)).containsExactly(ten);
        assertThat(lines(mode, "\r\n", 0)).containsExactly("");
    }

    @ParameterizedTest
    @EnumSource(Wire.Mode.class)
    void lineOverTheLimitIsProtocolWithEitherTerminator(Wire.Mode mode) {
        String eleven = "0123456789A";
        assertThat(lines(mode, eleven + "\r\n", 10)).containsExactly("!PROTOCOL");
        assertThat(lines(mode, eleven + "\n", 10)).containsExactly("!PROTOCOL");
        assertThat(lines(mode, "0123456789\r\r\n", 10)).as("a bare CR counts").containsExactly("!PROTOCOL");
        assertThat(lines(mode, "x\r\n", 0)).containsExactly("!PROTOCOL");
    }

    @ParameterizedTest
    @EnumSource(Wire.Mode.class)
    void overlongLineIsProtocolEvenWhenTheStreamEndsBeforeItsEnd(Wire.Mode mode) {
        assertThat(lines(mode, "a".repeat(50), 10)).containsExactly("!PROTOCOL");
        // a long line without a terminator: the limit is found before the end, not the truncation
        assertThat(lines(mode, "a".repeat(20_000), 100)).containsExactly("!PROTOCOL");
    }

    @ParameterizedTest
    @EnumSource(Wire.Mode.class)
    void linesLongerThanTheBufferAreJoined(Wire.Mode mode) {
        String big = "x".repeat(20_000) + "y";
        assertThat(lines(mode, big + "\r\nnext\n", 30_000)).containsExactly(big, "next");
    }

    @ParameterizedTest
    @EnumSource(Wire.Mode.class)
    void hugeLimitDoesNotOverflow(Wire.Mode mode) {
        String big = "z".repeat(10_000);
        assertThat(lines(mode, "short\r\n" + big + "\r\n", Integer.MAX_VALUE)).containsExactly("short", big);
    }

    @ParameterizedTest
    @EnumSource(Wire.Mode.class)
    void bytesAreDecodedAsIsoLatin1(Wire.Mode mode) throws IOException {
        HttpInput in = mode.input(new byte[] {'c', 'a', 'f', (byte) 0xe9, 0, (byte) 0xff, '\n'});
        assertThat(in.readLine(10)).isEqualTo("caf\u00e9\u0000\u00ff");
    }

    @ParameterizedTest
    @EnumSource(Wire.Mode.class)
    void readAfterReadLineContinuesWithTheNextByte(Wire.Mode mode) throws IOException {
        String text = "HTTP/1.1 200 OK\r\nbody bytes\r\n\0\u00ff";
        HttpInput in = input(mode, text);
        assertThat(in.readLine(100)).isEqualTo("HTTP/1.1 200 OK");
        assertThat(in.read()).isEqualTo('b');
        byte[] rest = readAll(in, 5);
        assertThat(rest).isEqualTo(Wire.latin1("ody bytes\r\n\0\u00ff"));
        assertThat(in.read()).isEqualTo(-1);
        assertThat(in.bytesRead()).isEqualTo(text.length());
        assertThat(in.buffered()).isZero();
    }

    @ParameterizedTest
    @EnumSource(Wire.Mode.class)
    void largeReadsAreServedAndCounted(Wire.Mode mode) throws IOException {
        byte[] data = new byte[50_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31);
        }
        HttpInput in = mode.input(data);
        assertThat(in.read()).isEqualTo(0);
        byte[] rest = readAll(in, 20_000);
        assertThat(rest).hasSize(data.length - 1);
        assertThat(rest[rest.length - 1]).isEqualTo(data[data.length - 1]);
        assertThat(in.bytesRead()).isEqualTo(data.length);
    }

    @ParameterizedTest
    @EnumSource(Wire.Mode.class)
    void zeroLengthReadReturnsZero(Wire.Mode mode) throws IOException {
        HttpInput in = input(mode, "abc");
        assertThat(in.read(new byte[1], 0, 0)).isZero();
        assertThat(in.read()).isEqualTo('a');
    }

    @org.junit.jupiter.api.Test
    void bufferedCountsBytesReadAheadOfTheParser() throws IOException {
        HttpInput in = HttpInput.of(Wire.latin1("line\r\nleft over"));
        assertThat(in.readLine(100)).isEqualTo("line");
        assertThat(in.buffered()).isEqualTo(9);
        HttpInput oneByOne = Wire.Mode.ONE_BYTE_PER_READ.input(Wire.latin1("line\r\nleft over"));
        assertThat(oneByOne.readLine(100)).isEqualTo("line");
        assertThat(oneByOne.buffered()).isZero();
    }

    @org.junit.jupiter.api.Test
    void streamFailureBecomesTruncated() {
        HttpInput in = new HttpInput(new java.io.InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }
        }, 16);
        assertThatThrownBy(() -> in.readLine(10))
                .isInstanceOfSatisfying(FetchException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.TRUNCATED));
    }

    @org.junit.jupiter.api.Test
    void guardRunsBeforeEveryStreamRead() throws IOException {
        int[] calls = {0};
        HttpInput in = Wire.Mode.ONE_BYTE_PER_READ.input(Wire.latin1("ab\n"));
        in.guard(() -> calls[0]++);
        assertThat(in.readLine(10)).isEqualTo("ab");
        assertThat(calls[0]).isEqualTo(3);
    }

    private static byte[] readAll(HttpInput in, int chunk) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] buf = new byte[chunk];
        for (int n; (n = in.read(buf, 0, buf.length)) >= 0; ) {
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }
}
