package gather.net;

import gather.result.ErrorKind;
import gather.result.FetchException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The run's one SSLContext (so TLS sessions resume across connections): the JDK's trust store
 * plus any extra certificates (--cacert), or no checks at all (-k); and the client certificate
 * offered when a server asks for one (--cert), if any.
 */
public final class TlsSetup {
    private final boolean insecure;
    private final List<X509Certificate> extraTrust;
    private final ClientCertificate clientCertificate;
    private volatile SSLSocketFactory factory;
    private final ReentrantLock buildLock = new ReentrantLock();

    public TlsSetup(boolean insecure, List<X509Certificate> extraTrust) {
        this(insecure, extraTrust, null);
    }

    /** {@code clientCertificate}: offered in handshakes when the server asks (null: none). */
    public TlsSetup(boolean insecure, List<X509Certificate> extraTrust, ClientCertificate clientCertificate) {
        this.insecure = insecure;
        this.extraTrust = List.copyOf(extraTrust);
        this.clientCertificate = clientCertificate;
    }

    /** Whether a client certificate is offered (for the messages of a rejected handshake). */
    public boolean offersClientCertificate() {
        return clientCertificate != null;
    }

    public boolean insecure() {
        return insecure;
    }

    /** Reads every PEM certificate in a file; a usage error (IllegalArgumentException) if none. */
    public static List<X509Certificate> readPem(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            List<X509Certificate> out = new ArrayList<>();
            for (var c : java.security.cert.CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                out.add((X509Certificate) c);
            }
            if (out.isEmpty()) {
                throw new IllegalArgumentException("no certificate found in " + file);
            }
            return out;
        } catch (CertificateException e) {
            throw new IllegalArgumentException("cannot read certificates from " + file + ": " + e.getMessage());
        }
    }

    /**
     * Built on first use, so a run with no https URL never loads the TLS machinery; built once
     * (the first connections of a run all ask at the same moment), so there is one SSLContext
     * and sessions resume across connections.
     */
    public SSLSocketFactory socketFactory() throws FetchException {
        SSLSocketFactory f = factory;
        if (f != null) {
            return f;
        }
        buildLock.lock();
        try {
            f = factory;
            if (f == null) {
                f = build();
                factory = f;
            }
            return f;
        } finally {
            buildLock.unlock();
        }
    }

    private SSLSocketFactory build() throws FetchException {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            TrustManager[] tms;
            if (insecure) {
                tms = new TrustManager[] {new TrustAll()};
            } else if (extraTrust.isEmpty()) {
                tms = null; // the JDK's default trust store
            } else {
                TrustManagerFactory def = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                def.init((KeyStore) null);
                KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
                ks.load(null, null);
                int i = 0;
                for (TrustManager tm : def.getTrustManagers()) {
                    if (tm instanceof X509TrustManager x) {
                        for (X509Certificate c : x.getAcceptedIssuers()) {
                            ks.setCertificateEntry("jdk-" + i++, c);
                        }
                    }
                }
                for (X509Certificate c : extraTrust) {
                    ks.setCertificateEntry("extra-" + i++, c);
                }
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(ks);
                tms = tmf.getTrustManagers();
            }
            javax.net.ssl.KeyManager[] kms = clientCertificate == null ? null
                    : new javax.net.ssl.KeyManager[] {clientCertificate.keyManager()};
            ctx.init(kms, tms, null);
            return ctx.getSocketFactory();
        } catch (GeneralSecurityException | IOException e) {
            throw new FetchException(ErrorKind.TLS, "cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /** -k: accepts any certificate chain. */
    private static final class TrustAll extends X509ExtendedTrustManager {
        @Override public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) { }
        @Override public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) { }
        @Override public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) { }
        @Override public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) { }
        @Override public void checkClientTrusted(X509Certificate[] chain, String authType) { }
        @Override public void checkServerTrusted(X509Certificate[] chain, String authType) { }
        @Override public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
