package gather.http1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gather.result.ErrorKind;
import gather.result.FetchException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The production exchange over bytes: the interim bound, each condition of the reuse verdict, what a cut head keeps. */
class ExchangeTest {
    private static Exchange over(String response) {
        return new Exchange(new ByteArrayInputStream(response.getBytes(StandardCharsets.ISO_8859_1)),
                new ByteArrayOutputStream(), new byte[8192], null);
    }

    /** Reads the head and the whole body, then returns the verdict. */
    private static boolean reusableAfterReading(String response, String method) throws IOException {
        Exchange ex = over(response);
        ex.readHead(method, HttpLimits.DEFAULT);
        ex.body().readAllBytes();
        return ex.reusable();
    }

    @Test
    void sendWritesTheRequestBytesAsGiven() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Exchange ex = new Exchange(new ByteArrayInputStream(new byte[0]), out, new byte[64], null);
        ex.send("GET / HTTP/1.1\r\nHost: h\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo("GET / HTTP/1.1\r\nHost: h\r\n\r\n");
    }

    @Test
    void interimResponsesAreSkippedUpToTheBound() throws IOException {
        String interim = "HTTP/1.1 100 Continue\r\n\r\n";
        String fin = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
        assertThat(over(interim.repeat(Exchange.MAX_INTERIM) + fin).readHead("GET", HttpLimits.DEFAULT).status())
                .isEqualTo(200);
        assertThatThrownBy(() -> over(interim.repeat(Exchange.MAX_INTERIM + 1) + fin).readHead("GET", HttpLimits.DEFAULT))
                .isInstanceOfSatisfying(FetchException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.PROTOCOL));
    }

    @Test
    void switchingProtocolsIsRefused() {
        assertThatThrownBy(() -> over("HTTP/1.1 101 Switching Protocols\r\nUpgrade: x\r\n\r\n").readHead("GET", HttpLimits.DEFAULT))
                .isInstanceOfSatisfying(FetchException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.PROTOCOL));
    }

    @Test
    void aCompleteKeepAliveFixedLengthResponseIsReusable() throws IOException {
        assertThat(reusableAfterReading("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", "GET")).isTrue();
    }

    @Test
    void connectionCloseForbidsReuse() throws IOException {
        assertThat(reusableAfterReading("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok", "GET"))
                .isFalse();
    }

    @Test
    void aCloseDelimitedBodyForbidsReuse() throws IOException {
        // keep-alive says yes, but a body that runs until close leaves the connection used up
        assertThat(reusableAfterReading("HTTP/1.1 200 OK\r\nConnection: keep-alive\r\n\r\nok", "GET")).isFalse();
    }

    @Test
    void aBodyNotReadToItsEndForbidsReuse() throws IOException {
        // one byte per read: nothing waits in the buffer, only the unread body forbids reuse
        Exchange ex = new Exchange(new Wire.OneBytePerRead("HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nokok"
                .getBytes(StandardCharsets.ISO_8859_1)), new ByteArrayOutputStream(), new byte[8192], null);
        ex.readHead("GET", HttpLimits.DEFAULT);
        assertThat(ex.body().read(new byte[2], 0, 2)).isEqualTo(1);
        assertThat(ex.body().read(new byte[2], 0, 2)).isEqualTo(1);
        assertThat(ex.reusable()).isFalse();
        ex.body().readAllBytes();
        assertThat(ex.reusable()).isTrue();
    }

    @Test
    void bytesLeftAfterTheBodyForbidReuse() throws IOException {
        // two more bytes than Content-Length: they belong to no request
        assertThat(reusableAfterReading("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokXX", "GET")).isFalse();
    }

    @Test
    void noHeadNoReuse() {
        assertThat(over("").reusable()).isFalse();
    }

    @Test
    void aHeadCutAfterItsStatusLineKeepsTheStatus() {
        Exchange ex = over("HTTP/1.1 200 OK\r\nContent-Ty");
        assertThatThrownBy(() -> ex.readHead("GET", HttpLimits.DEFAULT))
                .isInstanceOfSatisfying(FetchException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.TRUNCATED));
        assertThat(ex.statusSeen().status()).isEqualTo(200);
        assertThat(ex.statusSeen().reason()).isEqualTo("OK");
        assertThat(ex.statusSeen().version()).isEqualTo("HTTP/1.1");
        Exchange interimOnly = over("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 2");
        assertThatThrownBy(() -> interimOnly.readHead("GET", HttpLimits.DEFAULT)).isInstanceOf(FetchException.class);
        assertThat(interimOnly.statusSeen()).as("an interim status is not the result's").isNull();
    }

    @Test
    void anEighteenKilobyteHeaderLineIsAcceptedByDefault() throws IOException {
        String big = "a".repeat(18 * 1024);
        Exchange ex = over("HTTP/1.1 200 OK\r\nX-Big: " + big + "\r\nContent-Length: 2\r\n\r\nok");
        assertThat(ex.readHead("GET", HttpLimits.DEFAULT).headers().first("X-Big")).isEqualTo(big);
    }
}
