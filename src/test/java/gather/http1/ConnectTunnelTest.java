package gather.http1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gather.result.ErrorKind;
import gather.result.FetchException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The CONNECT exchange over byte streams: the request's bytes, the proxy's answer, nothing of the tunnel swallowed. */
class ConnectTunnelTest {
    private final ByteArrayOutputStream sent = new ByteArrayOutputStream();

    private static InputStream reply(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static ErrorKind kindOf(Throwable t) {
        return ((FetchException) t).kind();
    }

    @Test
    void sendsConnectWithHostAndProxyAuthorization() throws IOException {
        ConnectTunnel.open(reply("HTTP/1.1 200 Connection established\r\n\r\n"), sent, "example.test:443",
                "Basic dTpw", HttpLimits.DEFAULT);
        assertThat(sent.toString(StandardCharsets.ISO_8859_1)).isEqualTo("CONNECT example.test:443 HTTP/1.1\r\n"
                + "Host: example.test:443\r\nProxy-Authorization: Basic dTpw\r\n\r\n");
    }

    @Test
    void noCredentialsNoProxyAuthorization() throws IOException {
        ConnectTunnel.open(reply("HTTP/1.1 200 OK\r\n\r\n"), sent, "h:443", null, HttpLimits.DEFAULT);
        assertThat(sent.toString(StandardCharsets.ISO_8859_1)).doesNotContainIgnoringCase("Proxy-Authorization");
    }

    @Test
    void aTwoHundredOpensTheTunnelAndLeavesWhatFollowsUnread() throws IOException {
        // the bytes after the head belong to the tunnel (a TLS handshake): not one may be read here
        InputStream in = reply("HTTP/1.1 200 Connection established\r\nVia: p\r\n\r\n\u0016\u0003\u0001rest");
        ResponseHead head = ConnectTunnel.open(in, sent, "h:443", null, HttpLimits.DEFAULT);
        assertThat(head.status()).isEqualTo(200);
        assertThat(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1)).isEqualTo("\u0016\u0003\u0001rest");
    }

    @Test
    void aRefusalIsConnect() {
        assertThatThrownBy(() -> ConnectTunnel.open(reply("HTTP/1.1 407 Proxy Authentication Required\r\n"
                + "Content-Length: 0\r\n\r\n"), sent, "h:443", null, HttpLimits.DEFAULT))
                .satisfies(e -> assertThat(kindOf(e)).isEqualTo(ErrorKind.CONNECT));
    }

    @Test
    void aProxyThatClosesIsConnect() {
        assertThatThrownBy(() -> ConnectTunnel.open(reply(""), sent, "h:443", null, HttpLimits.DEFAULT))
                .satisfies(e -> assertThat(kindOf(e)).isEqualTo(ErrorKind.CONNECT));
    }

    @Test
    void aBrokenOrCutReplyIsProtocol() {
        assertThatThrownBy(() -> ConnectTunnel.open(reply("SSH-2.0-OpenSSH\r\n\r\n"), sent, "h:443", null,
                HttpLimits.DEFAULT)).satisfies(e -> assertThat(kindOf(e)).isEqualTo(ErrorKind.PROTOCOL));
        assertThatThrownBy(() -> ConnectTunnel.open(reply("HTTP/1.1 200 OK\r\nVia: p"), sent, "h:443", null,
                HttpLimits.DEFAULT)).satisfies(e -> assertThat(kindOf(e)).isEqualTo(ErrorKind.PROTOCOL));
    }
}
