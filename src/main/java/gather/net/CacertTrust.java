package gather.net;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.security.auth.x500.X500Principal;

/**
 * --cacert's trust: the certificates of the file and, besides them, the JDK's trust store. A
 * chain is accepted when either accepts it, as with one store holding both, but each is asked only
 * when it may answer: a chain issued under the file's certificates (one of them is in the chain,
 * or is named as a certificate's issuer) goes to them first, any other chain to the JDK's store.
 * So the JDK's store, ~150 certificates parsed and checked in cold code (~40 ms of the first https
 * connection, which every connection opening at the start waits for), is loaded only when a chain
 * needs it, and a run against its own CA never loads it.
 *
 * <p>When both refuse a chain issued under the file's certificates, the file's reason is the one
 * reported (a wrong host name or an expired certificate, not "no path to a JDK root").
 */
final class CacertTrust extends X509ExtendedTrustManager {
    /** One verdict on a chain by one trust manager (the socket, engine or plain form of the check). */
    @FunctionalInterface
    private interface Check {
        void on(X509ExtendedTrustManager tm) throws CertificateException;
    }

    private final X509ExtendedTrustManager extra;
    private final Set<X509Certificate> extraCerts;
    private final Set<X500Principal> extraSubjects = new HashSet<>();
    private final Callable<X509ExtendedTrustManager> jdkStore;
    private final ReentrantLock loadLock = new ReentrantLock();
    private volatile X509ExtendedTrustManager jdk;
    private CertificateException jdkFailure; // under loadLock: a failed load is not retried per handshake

    /** @param jdkStore loads the JDK's trust manager, called at most once, when a chain first needs it */
    CacertTrust(List<X509Certificate> extraTrust, Callable<X509ExtendedTrustManager> jdkStore)
            throws GeneralSecurityException, java.io.IOException {
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        int i = 0;
        for (X509Certificate c : extraTrust) {
            ks.setCertificateEntry("extra-" + i++, c);
            extraSubjects.add(c.getSubjectX500Principal());
        }
        this.extra = trustManagerOf(ks);
        this.extraCerts = Set.copyOf(extraTrust);
        this.jdkStore = jdkStore;
    }

    /** The JDK's own trust manager (its cacerts, or what javax.net.ssl.trustStore names). */
    static X509ExtendedTrustManager jdkDefault() throws GeneralSecurityException {
        return trustManagerOf(null);
    }

    private static X509ExtendedTrustManager trustManagerOf(KeyStore ks) throws GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        for (TrustManager tm : tmf.getTrustManagers()) {
            if (tm instanceof X509ExtendedTrustManager x) {
                return x;
            }
        }
        throw new GeneralSecurityException("no X.509 trust manager in " + tmf.getAlgorithm());
    }

    /** Whether the chain was issued under the file's certificates (the only chains they can accept). */
    boolean issuedUnderExtra(X509Certificate[] chain) {
        for (X509Certificate c : chain) {
            if (extraCerts.contains(c) || extraSubjects.contains(c.getIssuerX500Principal())) {
                return true;
            }
        }
        return false;
    }

    private void judge(X509Certificate[] chain, Check check) throws CertificateException {
        if (!issuedUnderExtra(chain)) {
            check.on(jdk());
            return;
        }
        try {
            check.on(extra);
        } catch (CertificateException refused) {
            try {
                check.on(jdk()); // a path to a JDK root may still exist (cross-signed certificates)
            } catch (CertificateException alsoRefused) {
                refused.addSuppressed(alsoRefused);
                throw refused;
            }
        }
    }

    private X509ExtendedTrustManager jdk() throws CertificateException {
        X509ExtendedTrustManager tm = jdk;
        if (tm != null) {
            return tm;
        }
        loadLock.lock(); // a lock, not a monitor: the load reads a file on a virtual thread
        try {
            if (jdk == null) {
                if (jdkFailure != null) {
                    throw new CertificateException(jdkFailure.getMessage(), jdkFailure.getCause());
                }
                try {
                    jdk = jdkStore.call();
                } catch (Exception e) {
                    jdkFailure = new CertificateException("cannot load the JDK's trust store: " + e.getMessage(), e);
                    throw new CertificateException(jdkFailure.getMessage(), e);
                }
            }
            return jdk;
        } finally {
            loadLock.unlock();
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        judge(chain, tm -> tm.checkServerTrusted(chain, authType, socket));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        judge(chain, tm -> tm.checkServerTrusted(chain, authType, engine));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        judge(chain, tm -> tm.checkServerTrusted(chain, authType));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        judge(chain, tm -> tm.checkClientTrusted(chain, authType, socket));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        judge(chain, tm -> tm.checkClientTrusted(chain, authType, engine));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        judge(chain, tm -> tm.checkClientTrusted(chain, authType));
    }

    /** Both sets of issuers (this loads the JDK's store; a TLS client does not ask by default). */
    @Override
    public X509Certificate[] getAcceptedIssuers() {
        List<X509Certificate> all = new ArrayList<>(Arrays.asList(extra.getAcceptedIssuers()));
        try {
            all.addAll(Arrays.asList(jdk().getAcceptedIssuers()));
        } catch (CertificateException e) {
            // the file's issuers alone: the JDK's store could not be read
        }
        return all.toArray(X509Certificate[]::new);
    }
}
