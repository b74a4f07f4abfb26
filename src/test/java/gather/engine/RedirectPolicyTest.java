package gather.engine;

import static org.assertj.core.api.Assertions.assertThat;

import gather.plan.Target;
import gather.result.ErrorKind;
import gather.result.FetchException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** RedirectPolicy as a table: method, status, Location, redirects so far, limit -> final, follow (method, body, URL) or refuse (kind). */
class RedirectPolicyTest {
    private static final String FROM = "http://a.test/start";
    private static final byte[] BODY = "k=v".getBytes(StandardCharsets.UTF_8);

    /** Expected: "final", "follow METHOD URL [body]" (body kept or not), or an error kind's wire name. */
    static Stream<Arguments> table() {
        return Stream.of(
                // not a redirect, or nothing to follow
                row("GET", 200, "/x", 0, 10, "final"),
                row("GET", 304, "/x", 0, 10, "final"),
                row("GET", 300, "/x", 0, 10, "final"),
                row("GET", 302, null, 0, 10, "final"),
                row("GET", 302, "/x", 0, 0, "final"),
                // followed, method kept
                row("GET", 301, "/x", 0, 10, "follow GET http://a.test/x"),
                row("GET", 302, "x", 0, 10, "follow GET http://a.test/x"),
                row("GET", 303, "https://b.test/y?q", 0, 10, "follow GET https://b.test/y?q"),
                row("GET", 307, "//b.test/z", 0, 10, "follow GET http://b.test/z"),
                row("GET", 308, "/x", 9, 10, "follow GET http://a.test/x"),
                row("HEAD", 301, "/x", 0, 10, "follow HEAD http://a.test/x"),
                row("HEAD", 302, "/x", 0, 10, "follow HEAD http://a.test/x"),
                row("HEAD", 303, "/x", 0, 10, "follow HEAD http://a.test/x"),
                // method changes: 303 -> GET (not HEAD); 301/302 POST -> GET; 307/308 keep method and body
                row("POST", 301, "/x", 0, 10, "follow GET http://a.test/x"),
                row("POST", 302, "/x", 0, 10, "follow GET http://a.test/x"),
                row("POST", 303, "/x", 0, 10, "follow GET http://a.test/x"),
                row("PUT", 303, "/x", 0, 10, "follow GET http://a.test/x"),
                row("PUT", 302, "/x", 0, 10, "follow PUT http://a.test/x body"),
                row("POST", 307, "/x", 0, 10, "follow POST http://a.test/x body"),
                row("POST", 308, "/x", 0, 10, "follow POST http://a.test/x body"),
                row("DELETE", 301, "/x", 0, 10, "follow DELETE http://a.test/x body"),
                // refused
                row("GET", 302, "/x", 10, 10, "too_many_redirects"),
                row("GET", 302, "/x", 1, 1, "too_many_redirects"),
                row("GET", 302, "/start", 0, 10, "too_many_redirects"), // back where it started: a loop
                row("GET", 302, "ftp://a.test/file", 0, 10, "unsupported_scheme"),
                row("GET", 302, "mailto:x@a.test", 0, 10, "unsupported_scheme"),
                row("GET", 302, "http://[::1/", 0, 10, "invalid_url"));
    }

    private static Arguments row(String method, int status, String location, int redirects, int max, String expected) {
        return Arguments.of(method, status, location, redirects, max, expected);
    }

    @ParameterizedTest(name = "{0} {1} Location: {2} after {3} of {4} -> {5}")
    @MethodSource("table")
    void decides(String method, int status, String location, int redirects, int max, String expected) throws Exception {
        Target from = Target.parse(FROM);
        byte[] body = method.equals("GET") || method.equals("HEAD") ? null : BODY;
        RedirectPolicy.Hop hop = new RedirectPolicy.Hop(from, from, method, body, redirects, Set.of(method + " " + from));
        RedirectPolicy.Decision d = RedirectPolicy.decide(hop, status, location, max);
        switch (expected.split(" ")[0]) {
            case "final" -> assertThat(d).isInstanceOf(RedirectPolicy.Final.class);
            case "follow" -> {
                assertThat(d).isInstanceOf(RedirectPolicy.Follow.class);
                RedirectPolicy.Hop next = ((RedirectPolicy.Follow) d).next();
                String[] e = expected.split(" ");
                assertThat(next.method()).isEqualTo(e[1]);
                assertThat(next.target().toString()).isEqualTo(e[2]);
                assertThat(next.body()).isEqualTo(e.length > 3 ? BODY : null);
                assertThat(next.redirects()).isEqualTo(redirects + 1);
                assertThat(next.original()).isEqualTo(from);
            }
            default -> {
                assertThat(d).isInstanceOf(RedirectPolicy.Refuse.class);
                assertThat(((RedirectPolicy.Refuse) d).kind().wireName()).isEqualTo(expected);
            }
        }
    }

    @Test
    void aChainRemembersWhereItWasAndWhichOriginItLeft() throws FetchException {
        Target a = Target.parse("http://a.test/1");
        RedirectPolicy.Hop hop = RedirectPolicy.Hop.first(a, "GET", null);
        assertThat(hop.crossOrigin()).isFalse();
        hop = follow(hop, "http://b.test/2");
        assertThat(hop.crossOrigin()).isTrue();
        hop = follow(hop, "http://a.test/3");
        assertThat(hop.crossOrigin()).as("back on the first origin").isFalse();
        assertThat(hop.redirects()).isEqualTo(2);
        RedirectPolicy.Decision loop = RedirectPolicy.decide(hop, 301, "http://b.test/2", 10);
        assertThat(loop).isInstanceOf(RedirectPolicy.Refuse.class);
        assertThat(((RedirectPolicy.Refuse) loop).kind()).isEqualTo(ErrorKind.TOO_MANY_REDIRECTS);
        // the same URL with another method is not a loop: POST /x then (after 303) GET /x
        RedirectPolicy.Hop post = RedirectPolicy.Hop.first(Target.parse("http://a.test/x"), "POST", BODY);
        assertThat(RedirectPolicy.decide(post, 303, "/x", 10)).isInstanceOf(RedirectPolicy.Follow.class);
    }

    private static RedirectPolicy.Hop follow(RedirectPolicy.Hop hop, String location) {
        RedirectPolicy.Decision d = RedirectPolicy.decide(hop, 302, location, 10);
        assertThat(d).isInstanceOf(RedirectPolicy.Follow.class);
        return ((RedirectPolicy.Follow) d).next();
    }
}
