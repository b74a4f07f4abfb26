package gather.engine;

import static org.assertj.core.api.Assertions.assertThat;

import gather.plan.FetchOptions;
import gather.plan.Target;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The request for one hop, as a value: header fields in order, request target, body. */
class RequestBuilderTest {
    private static final String UA = "gather/test";

    private static RequestSpec build(List<FetchOptions.Header> extra, boolean compressed, String method, String url,
                                     byte[] body, boolean crossOrigin, String proxy) throws Exception {
        return new RequestBuilder(extra, compressed, UA).build(method, Target.parse(url), body, crossOrigin,
                proxy == null ? null : Target.parse(proxy));
    }

    private static List<String> names(RequestSpec r) {
        return r.fields().stream().map(RequestSpec.Field::name).toList();
    }

    @Test
    void defaultsInOrder() throws Exception {
        RequestSpec r = build(List.of(), false, "GET", "http://a.test:8080/p?q=1", null, false, null);
        assertThat(names(r)).containsExactly("Host", "User-Agent", "Accept");
        assertThat(r.header("host")).isEqualTo("a.test:8080");
        assertThat(r.header("User-Agent")).isEqualTo(UA);
        assertThat(r.requestTarget()).isEqualTo("/p?q=1");
        assertThat(new String(r.encode(), StandardCharsets.ISO_8859_1))
                .isEqualTo("GET /p?q=1 HTTP/1.1\r\nHost: a.test:8080\r\nUser-Agent: gather/test\r\nAccept: */*\r\n\r\n");
    }

    @Test
    void compressedAsksForEncodings() throws Exception {
        RequestSpec r = build(List.of(), true, "GET", "http://a.test/", null, false, null);
        assertThat(r.header("Accept-Encoding")).contains("gzip").contains("br");
    }

    @Test
    void headerOptionReplacesOrRemovesADefault() throws Exception {
        RequestSpec r = build(List.of(new FetchOptions.Header("accept", "text/html"), new FetchOptions.Header("User-Agent", ""),
                new FetchOptions.Header("X-A", "1")), false, "GET", "http://a.test/", null, false, null);
        assertThat(names(r)).containsExactly("Host", "accept", "X-A");
        assertThat(r.header("Accept")).isEqualTo("text/html");
        assertThat(r.header("User-Agent")).isNull();
    }

    @Test
    void userInfoBecomesBasicAuthAndHeaderOptionWins() throws Exception {
        RequestSpec r = build(List.of(), false, "GET", "http://u:p@a.test/", null, false, null);
        assertThat(r.header("Authorization")).isEqualTo("Basic dTpw");
        r = build(List.of(new FetchOptions.Header("Authorization", "Bearer t")), false, "GET", "http://u:p@a.test/",
                null, false, null);
        assertThat(r.header("Authorization")).isEqualTo("Bearer t");
    }

    @Test
    void credentialsFromHeaderOptionStayOnTheFirstOrigin() throws Exception {
        List<FetchOptions.Header> extra = List.of(new FetchOptions.Header("Authorization", "Bearer t"),
                new FetchOptions.Header("Cookie", "s=1"), new FetchOptions.Header("X-Trace", "7"));
        RequestSpec same = build(extra, false, "GET", "http://a.test/", null, false, null);
        assertThat(same.header("Authorization")).isEqualTo("Bearer t");
        assertThat(same.header("Cookie")).isEqualTo("s=1");
        RequestSpec other = build(extra, false, "GET", "http://b.test/", null, true, null);
        assertThat(other.header("Authorization")).isNull();
        assertThat(other.header("Cookie")).isNull();
        assertThat(other.header("X-Trace")).isEqualTo("7");
    }

    @Test
    void bodyGetsContentTypeUnlessGivenAndContentLength() throws Exception {
        byte[] body = "a=1".getBytes(StandardCharsets.UTF_8);
        RequestSpec r = build(List.of(), false, "POST", "http://a.test/", body, false, null);
        assertThat(r.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
        assertThat(r.header("Content-Length")).isEqualTo("3");
        assertThat(r.body()).isEqualTo(body);
        r = build(List.of(new FetchOptions.Header("Content-Type", "application/json")), false, "POST", "http://a.test/",
                body, false, null);
        assertThat(r.fields().stream().filter(f -> f.name().equalsIgnoreCase("Content-Type")).count()).isEqualTo(1);
        assertThat(r.header("Content-Type")).isEqualTo("application/json");
    }

    @Test
    void plainProxyGetsAbsoluteFormAndProxyAuthorizationButTunnelsDoNot() throws Exception {
        RequestSpec plain = build(List.of(), false, "GET", "http://a.test/p", null, false, "http://pu:pp@proxy.test:3128");
        assertThat(plain.requestTarget()).isEqualTo("http://a.test/p");
        assertThat(plain.header("Proxy-Authorization")).isEqualTo("Basic cHU6cHA=");
        RequestSpec tunnelled = build(List.of(), false, "GET", "https://a.test/p", null, false,
                "http://pu:pp@proxy.test:3128");
        assertThat(tunnelled.requestTarget()).isEqualTo("/p");
        assertThat(tunnelled.header("Proxy-Authorization")).isNull();
    }
}
