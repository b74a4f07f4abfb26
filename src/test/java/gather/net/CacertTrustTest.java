package gather.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gather.testing.TestTls;
import java.io.IOException;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import org.junit.jupiter.api.Test;

/**
 * --cacert's trust: a chain issued under the file's certificates is judged by them, and the JDK's
 * trust store is loaded only for a chain that needs it; either accepting is enough.
 */
class CacertTrustTest {
    private static final X509Certificate[] LOCALHOST = chain("localhost.pem", "ca.pem");
    private static final X509Certificate[] EXPIRED = chain("expired.pem", "ca.pem");
    private static final X509Certificate[] SELF_SIGNED = chain("selfsigned.pem");

    /** Counts the loads of "the JDK's store", which is here a trust manager with a fixed verdict. */
    private static final class Store implements Callable<X509ExtendedTrustManager> {
        final AtomicInteger loads = new AtomicInteger();
        final Verdict verdict;

        Store(Verdict verdict) {
            this.verdict = verdict;
        }

        @Override
        public X509ExtendedTrustManager call() {
            loads.incrementAndGet();
            return verdict;
        }
    }

    /** A trust manager that accepts every chain, or refuses every chain with "jdk: no". */
    private static final class Verdict extends X509ExtendedTrustManager {
        final boolean accept;

        Verdict(boolean accept) {
            this.accept = accept;
        }

        private void check() throws CertificateException {
            if (!accept) {
                throw new CertificateException("jdk: no");
            }
        }

        @Override public void checkClientTrusted(X509Certificate[] c, String a, Socket s) throws CertificateException { check(); }
        @Override public void checkServerTrusted(X509Certificate[] c, String a, Socket s) throws CertificateException { check(); }
        @Override public void checkClientTrusted(X509Certificate[] c, String a, SSLEngine e) throws CertificateException { check(); }
        @Override public void checkServerTrusted(X509Certificate[] c, String a, SSLEngine e) throws CertificateException { check(); }
        @Override public void checkClientTrusted(X509Certificate[] c, String a) throws CertificateException { check(); }
        @Override public void checkServerTrusted(X509Certificate[] c, String a) throws CertificateException { check(); }
        @Override public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    @Test
    void aChainUnderTheFileNeverLoadsTheJdkStore() throws Exception {
        Store store = new Store(new Verdict(false));
        CacertTrust trust = new CacertTrust(List.of(TestTls.caCertificate()), store);

        trust.checkServerTrusted(LOCALHOST, "ECDHE_ECDSA");
        trust.checkServerTrusted(new X509Certificate[] {LOCALHOST[0]}, "ECDHE_ECDSA"); // the leaf alone: its issuer is named

        assertThat(trust.issuedUnderExtra(LOCALHOST)).isTrue();
        assertThat(store.loads).hasValue(0);
    }

    @Test
    void anyOtherChainGoesToTheJdkStoreLoadedOnce() throws Exception {
        Store store = new Store(new Verdict(true));
        CacertTrust trust = new CacertTrust(List.of(TestTls.caCertificate()), store);

        assertThat(trust.issuedUnderExtra(SELF_SIGNED)).isFalse();
        trust.checkServerTrusted(SELF_SIGNED, "ECDHE_ECDSA");
        trust.checkServerTrusted(SELF_SIGNED, "ECDHE_ECDSA");

        assertThat(store.loads).hasValue(1);
    }

    @Test
    void aChainNeitherTrustsIsRefusedWithTheJdksReason() throws Exception {
        CacertTrust trust = new CacertTrust(List.of(TestTls.caCertificate()), new Store(new Verdict(false)));

        assertThatThrownBy(() -> trust.checkServerTrusted(SELF_SIGNED, "ECDHE_ECDSA"))
                .isInstanceOf(CertificateException.class).hasMessage("jdk: no");
    }

    @Test
    void aChainTheFileRefusesMayStillBeAcceptedByTheJdkStore() throws Exception {
        // as with one store holding both: a path to a JDK root is enough (a cross-signed certificate)
        Store store = new Store(new Verdict(true));
        CacertTrust trust = new CacertTrust(List.of(TestTls.caCertificate()), store);

        trust.checkServerTrusted(EXPIRED, "ECDHE_ECDSA");

        assertThat(store.loads).hasValue(1);
    }

    @Test
    void whenBothRefuseAChainUnderTheFileItsReasonIsReported() throws Exception {
        CacertTrust trust = new CacertTrust(List.of(TestTls.caCertificate()), new Store(new Verdict(false)));

        assertThatThrownBy(() -> trust.checkServerTrusted(EXPIRED, "ECDHE_ECDSA"))
                .isInstanceOf(CertificateException.class)
                .hasMessageNotContaining("jdk: no")
                .satisfies(e -> assertThat(e.getSuppressed()).extracting(Throwable::getMessage).containsExactly("jdk: no"));
    }

    @Test
    void aStoreThatCannotBeLoadedIsATrustFailureTriedOnce() throws Exception {
        AtomicInteger loads = new AtomicInteger();
        CacertTrust trust = new CacertTrust(List.of(TestTls.caCertificate()), () -> {
            loads.incrementAndGet();
            throw new IOException("cacerts: bad format");
        });

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> trust.checkServerTrusted(SELF_SIGNED, "ECDHE_ECDSA"))
                    .isInstanceOf(CertificateException.class)
                    .hasMessage("cannot load the JDK's trust store: cacerts: bad format");
        }
        assertThat(loads).hasValue(1);
        trust.checkServerTrusted(LOCALHOST, "ECDHE_ECDSA"); // the file's chains are unaffected
    }

    @Test
    void theRealJdkStoreRefusesTheTestCasChains() throws Exception {
        // the production loader: the JDK's cacerts does not hold the test CA
        CacertTrust trust = new CacertTrust(List.of(TestTls.caCertificate()), CacertTrust::jdkDefault);

        trust.checkServerTrusted(LOCALHOST, "ECDHE_ECDSA");
        assertThatThrownBy(() -> trust.checkServerTrusted(SELF_SIGNED, "ECDHE_ECDSA"))
                .isInstanceOf(CertificateException.class);
        assertThat(trust.getAcceptedIssuers()).contains(TestTls.caCertificate()).hasSizeGreaterThan(1);
    }

    private static X509Certificate[] chain(String... pems) {
        X509Certificate[] out = new X509Certificate[pems.length];
        for (int i = 0; i < pems.length; i++) {
            try {
                out[i] = TlsSetup.readPem(TestTls.resourcePath("/tls/" + pems[i])).get(0);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }
}
