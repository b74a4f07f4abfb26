package gather.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS fixtures of {@code src/test/resources/tls/} (see make-certs.sh there): a test CA, and PKCS12 server
 * key stores {@code localhost.p12}, {@code expired.p12}, {@code wronghost.p12}, {@code selfsigned.p12}, all
 * with password {@value #PASSWORD} and alias {@code server}.
 */
public final class TestTls {

    public static final String PASSWORD = "changeit";
    public static final String CA_PEM = "/tls/ca.pem";
    public static final String LOCALHOST_P12 = "/tls/localhost.p12";
    public static final String EXPIRED_P12 = "/tls/expired.p12";
    public static final String WRONGHOST_P12 = "/tls/wronghost.p12";
    public static final String SELFSIGNED_P12 = "/tls/selfsigned.p12";

    private static final Map<String, Path> PATHS = new ConcurrentHashMap<>();

    private TestTls() {
    }

    /** ca.pem as a file on the file system (e.g. for a {@code --ca-file} style option). */
    public static Path caPemPath() {
        return resourcePath(CA_PEM);
    }

    /**
     * A class-path resource (e.g. {@code "/tls/expired.pem"}) as a file: the resource itself when it is a
     * plain file, else a copy in a temp file made once per JVM.
     */
    public static Path resourcePath(String resourceName) {
        return PATHS.computeIfAbsent(resourceName, TestTls::locate);
    }

    private static Path locate(String resourceName) {
        URL url = TestTls.class.getResource(resourceName);
        if (url == null) {
            throw new IllegalArgumentException("no such test resource: " + resourceName);
        }
        try {
            if ("file".equals(url.getProtocol())) {
                return Path.of(url.toURI());
            }
            String name = resourceName.substring(resourceName.lastIndexOf('/') + 1);
            Path tmp = Files.createTempFile("gather-test-", "-" + name);
            tmp.toFile().deleteOnExit();
            try (InputStream in = url.openStream()) {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            }
            return tmp;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The test CA certificate. */
    public static X509Certificate caCertificate() {
        try (InputStream in = open(CA_PEM)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An in-memory trust store holding only the test CA. */
    public static KeyStore trustStoreWithCa() {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setCertificateEntry("gather-test-ca", caCertificate());
            return ks;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A client TLS context trusting only the test CA (host name checking is up to the socket's parameters). */
    public static SSLContext sslContextTrustingCa() {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trustStoreWithCa());
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A server TLS context with the key and chain of a PKCS12 resource such as {@link #LOCALHOST_P12}. */
    public static SSLContext serverSslContext(String p12ResourceName) {
        try (InputStream in = open(p12ResourceName)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, PASSWORD.toCharArray());
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, PASSWORD.toCharArray());
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            return ctx;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** As {@link #serverSslContext}, trusting the test CA for client certificates. */
    public static SSLContext serverSslContextTrustingCa(String p12ResourceName) {
        try (InputStream in = open(p12ResourceName)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, PASSWORD.toCharArray());
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, PASSWORD.toCharArray());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trustStoreWithCa());
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return ctx;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static InputStream open(String resourceName) throws IOException {
        InputStream in = TestTls.class.getResourceAsStream(resourceName);
        if (in == null) {
            throw new IOException("no such test resource: " + resourceName);
        }
        return in;
    }
}
