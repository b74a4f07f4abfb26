package gather.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;

class DemoServersTest {

    private static HttpClient clientTrusting(List<X509Certificate> certificates) throws Exception {
        KeyStore trustStore = KeyStore.getInstance(KeyStore.getDefaultType());
        trustStore.load(null, null);
        for (int i = 0; i < certificates.size(); i++) {
            trustStore.setCertificateEntry("demo-ca-" + i, certificates.get(i));
        }
        TrustManagerFactory tmf =
                TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trustStore);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .sslContext(ssl)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    private static HttpResponse<byte[]> get(HttpClient client, String url) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10))
                .GET()
                .build();
        return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    private static void assertPage(HttpResponse<byte[]> response, int n) {
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValue("text/html; charset=utf-8");
        assertThat(response.headers().firstValueAsLong("Content-Length"))
                .hasValue(response.body().length);
        String body = new String(response.body(), StandardCharsets.UTF_8);
        assertThat(body).contains("gather demo page").contains("gather demo page " + n);
        assertThat(response.body().length).isBetween(800, 4096);
    }

    @Test
    void servesPagesOverHttpAndHttpsWithDemoCa() throws Exception {
        try (DemoServers servers = DemoServers.start(4, Duration.ofMillis(50))) {
            assertThat(servers.httpBase().toString()).startsWith("http://127.0.0.1:").endsWith("/");
            assertThat(servers.httpsBase().toString()).startsWith("https://127.0.0.1:").endsWith("/");
            assertThat(servers.pageUrls()).containsExactly(
                    servers.httpBase() + "page/0",
                    servers.httpsBase() + "page/1",
                    servers.httpBase() + "page/2",
                    servers.httpsBase() + "page/3");
            assertThat(servers.trustedCertificates()).hasSize(1);
            assertThat(servers.trustedCertificates().get(0).getSubjectX500Principal().getName())
                    .contains("gather demo CA");
            assertThat(servers.requestsServed()).isZero();

            HttpClient client = clientTrusting(servers.trustedCertificates());
            try {
                HttpResponse<byte[]> plain = get(client, servers.pageUrls().get(0));
                assertPage(plain, 0);

                HttpResponse<byte[]> secure = get(client, servers.pageUrls().get(1));
                assertPage(secure, 1);
                assertThat(secure.sslSession()).isPresent();

                assertThat(plain.body()).isNotEqualTo(secure.body());

                HttpResponse<byte[]> missing = get(client, servers.httpBase() + "nothing/here");
                assertThat(missing.statusCode()).isEqualTo(404);
                HttpResponse<byte[]> outOfRange = get(client, servers.httpsBase() + "page/4");
                assertThat(outOfRange.statusCode()).isEqualTo(404);

                assertThat(servers.requestsServed()).isEqualTo(2);
            } finally {
                client.close();
            }
        }
    }

    @Test
    void pageBodiesAreDeterministicAndDistinct() {
        assertThat(DemoServers.pageBody(3, 10)).isEqualTo(DemoServers.pageBody(3, 10));
        assertThat(DemoServers.pageBody(3, 10)).isNotEqualTo(DemoServers.pageBody(4, 10));
    }

    @Test
    void closeIsIdempotent() throws Exception {
        DemoServers servers = DemoServers.start(1, Duration.ZERO);
        servers.close();
        servers.close();
    }
}
