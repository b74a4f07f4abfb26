package gather.report;

import static org.assertj.core.api.Assertions.assertThat;

import gather.result.ErrorKind;
import gather.result.FetchResult;
import gather.result.Transcript;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedactorTest {
    @Test
    void hidesEveryFormOfASecretOutputGivesIt() {
        Redactor r = Redactor.of(List.of("a b'c", "tok"));
        assertThat(r.text("raw a b'c, url a+b%27c or a%20b%27c, shell 'a b'\\''c', tok and token"))
                .isEqualTo("raw <secret>, url <secret> or <secret>, shell '<secret>', <secret> and <secret>en");
    }

    @Test
    void aSecretInsideALongerOneNeverLeavesPartOfTheLongerOne() {
        Redactor r = Redactor.of(List.of("abc", "xxabcxx"));
        assertThat(r.text("1 xxabcxx 2 abc")).isEqualTo("1 <secret> 2 <secret>");
    }

    @Test
    void withoutSecretsItIsTheIdentity() {
        FetchResult f = FetchResult.builder(0, "http://h/").build();
        assertThat(Redactor.of(List.of()).apply(f)).isSameAs(f);
        assertThat(Redactor.of(List.of("")).isEmpty()).isTrue();
    }

    @Test
    void appliesToEveryTextOfAResult() {
        FetchResult.Builder b = FetchResult.builder(3, "http://h/?k=SEC").recordTranscript()
                .statusLine(500, "SEC reason", "HTTP/1.1").finalUrl("http://h/SEC").contentType("text/SEC")
                .checks(List.of(new gather.result.CheckFailure("header SEC", "SEC", "SEC")))
                .record(new Transcript.Entry(Transcript.Kind.RESPONSE, "HTTP/1.1 500 SEC", List.of("X: SEC")))
                .reproduce("curl 'http://h/SEC'");
        b.fail(ErrorKind.HTTP_STATUS, "got SEC");
        FetchResult r = Redactor.of(List.of("SEC")).apply(b.build());
        assertThat(r.toString()).doesNotContain("SEC");
        assertThat(r.error().message()).isEqualTo("got <secret>");
        assertThat(r.reproduce()).isEqualTo("curl 'http://h/<secret>'");
    }
}
