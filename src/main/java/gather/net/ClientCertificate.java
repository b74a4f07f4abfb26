package gather.net;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Enumeration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * A client certificate to offer in TLS handshakes (--cert, --key, --cert-type, --pass): a PEM
 * chain with an unencrypted PEM private key (PKCS#8, or PKCS#1 for RSA; RSA, EC or EdDSA), or a
 * PKCS#12 file with its password. Loading fails with an IllegalArgumentException whose message
 * names the file (the CLI makes it a usage error).
 */
public final class ClientCertificate {
    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*?)-----END \\1-----");

    private final PrivateKey key;
    private final X509Certificate[] chain;

    private ClientCertificate(PrivateKey key, X509Certificate[] chain) {
        this.key = key;
        this.chain = chain;
    }

    /** The certificate's subject, for messages. */
    public String subject() {
        return chain[0].getSubjectX500Principal().getName();
    }

    /** PEM: the chain from {@code certFile}, the key from {@code keyFile} (null: from the certificate file too). */
    public static ClientCertificate pem(Path certFile, Path keyFile) {
        String certText = read(certFile);
        List<X509Certificate> chain = new ArrayList<>();
        PrivateKey key = null;
        Path keySource = keyFile == null ? certFile : keyFile;
        String keyText = keyFile == null ? certText : read(keyFile);
        Matcher m = PEM.matcher(certText);
        while (m.find()) {
            if (m.group(1).equals("CERTIFICATE")) {
                chain.add(certificate(m.group(2), certFile));
            }
        }
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("no PEM certificate found in " + certFile);
        }
        m = PEM.matcher(keyText);
        while (m.find() && key == null) {
            key = privateKey(m.group(1), m.group(2), keySource);
        }
        if (key == null) {
            throw new IllegalArgumentException("no PEM private key found in " + keySource
                    + (keyFile == null ? " (give it with --key FILE)" : ""));
        }
        checkPair(key, chain.get(0), certFile, keySource);
        return new ClientCertificate(key, chain.toArray(new X509Certificate[0]));
    }

    /** PKCS#12: the first key entry of the file, opened with the password. */
    public static ClientCertificate pkcs12(Path file, char[] password) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, password);
            for (Enumeration<String> e = ks.aliases(); e.hasMoreElements(); ) {
                String alias = e.nextElement();
                if (ks.isKeyEntry(alias)) {
                    PrivateKey key = (PrivateKey) ks.getKey(alias, password);
                    Certificate[] certs = ks.getCertificateChain(alias);
                    if (certs == null || certs.length == 0) {
                        throw new IllegalArgumentException("the key in " + file + " has no certificate");
                    }
                    X509Certificate[] chain = new X509Certificate[certs.length];
                    for (int i = 0; i < certs.length; i++) {
                        chain[i] = (X509Certificate) certs[i];
                    }
                    return new ClientCertificate(key, chain);
                }
            }
            throw new IllegalArgumentException("no private key found in PKCS#12 file " + file);
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw new IllegalArgumentException("cannot open PKCS#12 file " + file
                        + ": wrong password (see --pass or GATHER_CERT_PASSWORD)");
            }
            throw new IllegalArgumentException("cannot read PKCS#12 file " + file + ": " + message(e));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read PKCS#12 file " + file + ": " + message(e));
        }
    }

    /** A key manager that offers this certificate whenever the server asks and the key type fits. */
    X509ExtendedKeyManager keyManager() {
        return new KeyManager();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + message(e));
        }
    }

    private static X509Certificate certificate(String base64, Path file) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                    new java.io.ByteArrayInputStream(decode(base64, file)));
        } catch (CertificateException e) {
            throw new IllegalArgumentException("invalid certificate in " + file + ": " + message(e));
        }
    }

    /** A private key from one PEM block, or null when the block holds something else. */
    private static PrivateKey privateKey(String type, String base64, Path file) {
        byte[] der;
        switch (type) {
            case "PRIVATE KEY" -> der = decode(base64, file);
            case "RSA PRIVATE KEY" -> der = pkcs1ToPkcs8(decode(base64, file));
            case "ENCRYPTED PRIVATE KEY" -> throw new IllegalArgumentException("the private key in " + file
                    + " is encrypted: use an unencrypted key (openssl pkcs8 -topk8 -nocrypt) or --cert-type P12");
            case "EC PRIVATE KEY" -> throw new IllegalArgumentException("the EC key in " + file
                    + " is in SEC1 form: convert it to PKCS#8 (openssl pkcs8 -topk8 -nocrypt)");
            default -> {
                return null;
            }
        }
        for (String algorithm : new String[] {"RSA", "EC", "EdDSA", "RSASSA-PSS"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // not this algorithm: try the next
            }
        }
        throw new IllegalArgumentException("invalid or unsupported private key in " + file + " (RSA, EC or EdDSA in PKCS#8)");
    }

    private static byte[] decode(String base64, Path file) {
        try {
            return Base64.getMimeDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid PEM (base64) in " + file);
        }
    }

    /** Wraps a PKCS#1 RSAPrivateKey in a PKCS#8 PrivateKeyInfo (version 0, rsaEncryption, NULL). */
    static byte[] pkcs1ToPkcs8(byte[] pkcs1) {
        byte[] algorithm = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01,
            0x01, 0x05, 0x00};
        byte[] version = {0x02, 0x01, 0x00};
        byte[] octets = tlv(0x04, pkcs1);
        byte[] body = new byte[version.length + algorithm.length + octets.length];
        System.arraycopy(version, 0, body, 0, version.length);
        System.arraycopy(algorithm, 0, body, version.length, algorithm.length);
        System.arraycopy(octets, 0, body, version.length + algorithm.length, octets.length);
        return tlv(0x30, body);
    }

    private static byte[] tlv(int tag, byte[] value) {
        int n = value.length;
        byte[] len = n < 0x80 ? new byte[] {(byte) n}
                : n < 0x100 ? new byte[] {(byte) 0x81, (byte) n}
                : n < 0x10000 ? new byte[] {(byte) 0x82, (byte) (n >> 8), (byte) n}
                : new byte[] {(byte) 0x83, (byte) (n >> 16), (byte) (n >> 8), (byte) n};
        byte[] out = new byte[1 + len.length + n];
        out[0] = (byte) tag;
        System.arraycopy(len, 0, out, 1, len.length);
        System.arraycopy(value, 0, out, 1 + len.length, n);
        return out;
    }

    /** The key must be the certificate's: sign with one, verify with the other. */
    private static void checkPair(PrivateKey key, X509Certificate cert, Path certFile, Path keyFile) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "EdDSA", "Ed25519", "Ed448" -> key.getAlgorithm();
            default -> null;
        };
        if (algorithm == null) {
            return;
        }
        try {
            byte[] probe = "gather".getBytes(StandardCharsets.US_ASCII);
            Signature s = Signature.getInstance(algorithm);
            s.initSign(key);
            s.update(probe);
            byte[] sig = s.sign();
            Signature v = Signature.getInstance(algorithm);
            v.initVerify(cert.getPublicKey());
            v.update(probe);
            if (v.verify(sig)) {
                return;
            }
        } catch (GeneralSecurityException e) {
            // a mismatch of kinds (an EC key for an RSA certificate) lands here too
        }
        throw new IllegalArgumentException("the private key in " + keyFile + " does not belong to the certificate in "
                + certFile);
    }

    private static String message(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /**
     * Offers the one certificate whenever its key type is acceptable, whatever issuers the server
     * names (as curl and OpenSSL do: the server decides whether it trusts it).
     */
    private final class KeyManager extends X509ExtendedKeyManager {
        private static final String ALIAS = "client";

        private String choose(String[] keyTypes) {
            if (keyTypes == null) {
                return null;
            }
            for (String t : keyTypes) {
                if (t != null && t.equalsIgnoreCase(key.getAlgorithm())) {
                    return ALIAS;
                }
            }
            return null;
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return choose(keyType);
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
            return choose(keyType);
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return choose(new String[] {keyType}) == null ? null : new String[] {ALIAS};
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return ALIAS.equals(alias) ? chain.clone() : null;
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return ALIAS.equals(alias) ? key : null;
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return null;
        }
    }
}
