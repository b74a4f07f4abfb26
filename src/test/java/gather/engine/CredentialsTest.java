package gather.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CredentialsTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Authorization       | Basic dXNlcjpwYXNz         | Basic <redacted>",
        "authorization       | opaque                     | <redacted>",
        "Proxy-Authorization | Bearer x.y.z               | Bearer <redacted>",
        "Cookie              | a=1; b=2                   | a=<redacted>; b=<redacted>",
        "Set-Cookie          | sid=abc; Path=/; HttpOnly  | sid=<redacted>; Path=/; HttpOnly",
        "Location            | http://u:p@h:1/x?y=1       | http://u:***@h:1/x?y=1",
        "Location            | https://tok@h/             | https://***@h/",
        "Location            | /relative@path             | /relative@path",
        "X-Other             | plain value                | plain value",
    })
    void hidesCredentialValuesByFieldName(String name, String value, String shown) {
        assertThat(Credentials.value(name, value)).isEqualTo(shown);
    }
}
