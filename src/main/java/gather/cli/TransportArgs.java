package gather.cli;

import gather.net.ClientCertificate;
import gather.net.ConnectTo;
import gather.net.TransportOptions;
import gather.net.UnixSockets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine.ParameterException;

/** The transport options (issue 14): client certificates, Unix sockets, --connect-to, --limit-rate. */
final class TransportArgs {
    Path cert;
    Path key;
    String certType = "PEM";
    String certPassword;
    List<String> unixSockets = new ArrayList<>();
    List<String> connectTo = new ArrayList<>();
    long limitRate;

    CliSpec.Section declare(CliSpec.Section s) {
        return s
                .value("--cert=FILE", Path.class, null, "Client certificate to offer when a server asks: PEM chain (with"
                        + " the key, or see --key), or PKCS#12 with --cert-type P12.", v -> cert = v)
                .value("--key=FILE", Path.class, null, "Private key of --cert: PEM, unencrypted PKCS#8 (or PKCS#1 RSA);"
                        + " RSA, EC or EdDSA.", v -> key = v)
                .text("--cert-type=PEM|P12", "Format of --cert: PEM (default) or P12 (PKCS#12).", v -> certType = v)
                .text("--pass=PASS", "Password of a PKCS#12 --cert (default: $GATHER_CERT_PASSWORD, else empty).",
                        v -> certPassword = v)
                .values("--unix-socket=[HOST=]PATH", String.class, null, "Connect over the Unix domain socket PATH instead"
                        + " of TCP, for every URL, or for URLs of HOST (repeatable); https works too (TLS checks the URL's"
                        + " host).", v -> unixSockets = v)
                .values("--connect-to=HOST:PORT:HOST2:PORT2", String.class, null, "Connect to HOST2:PORT2 instead of"
                        + " HOST:PORT, keeping Host, TLS server name and certificate check of HOST (repeatable; empty"
                        + " parts: any / unchanged).", v -> connectTo = v)
                .value("--limit-rate=BYTES[/s]", long.class, new Converters.ByteRate(),
                        "Read at most BYTES per second over all connections together (suffixes k, M, G).", v -> limitRate = v);
    }

    /** --cert/--key/--cert-type/--pass, --unix-socket, --connect-to, --limit-rate. */
    TransportOptions options(Function<String, ParameterException> usage, Map<String, String> environment) {
        ClientCertificate clientCertificate = null;
        String type = certType.toUpperCase(Locale.ROOT);
        if (!type.equals("PEM") && !type.equals("P12")) {
            throw usage.apply("--cert-type must be PEM or P12, not '" + GatherCommand.printable(certType) + "'");
        }
        if (cert == null && key != null) {
            throw usage.apply("--key needs --cert");
        }
        if (cert != null) {
            try {
                if (type.equals("P12")) {
                    if (key != null) {
                        throw usage.apply("--key is not used with --cert-type P12 (the key is in the PKCS#12 file)");
                    }
                    String pass = certPassword != null ? certPassword : environment.get("GATHER_CERT_PASSWORD");
                    clientCertificate = ClientCertificate.pkcs12(cert, (pass == null ? "" : pass).toCharArray());
                } else {
                    clientCertificate = ClientCertificate.pem(cert, key);
                }
            } catch (IllegalArgumentException e) {
                throw usage.apply("cannot use --cert: " + e.getMessage());
            }
        }
        Path allSocket = null;
        Map<String, Path> socketByHost = new LinkedHashMap<>();
        for (String u : unixSockets) {
            int eq = u.indexOf('=');
            boolean forHost = eq > 0 && u.lastIndexOf('/', eq) < 0;
            String path = forHost ? u.substring(eq + 1) : u;
            if (path.isEmpty()) {
                throw usage.apply("--unix-socket '" + GatherCommand.printable(u) + "' has no PATH");
            }
            Path p;
            try {
                p = Path.of(path);
            } catch (java.nio.file.InvalidPathException e) {
                throw usage.apply("--unix-socket '" + GatherCommand.printable(u) + "': invalid path");
            }
            if (forHost) {
                socketByHost.put(u.substring(0, eq).toLowerCase(Locale.ROOT), p);
            } else if (allSocket != null) {
                throw usage.apply("--unix-socket PATH given twice (for one host: --unix-socket HOST=PATH)");
            } else {
                allSocket = p;
            }
        }
        List<ConnectTo> rules = new ArrayList<>();
        for (String c : connectTo) {
            try {
                rules.add(ConnectTo.parse(c));
            } catch (IllegalArgumentException e) {
                throw usage.apply(e.getMessage());
            }
        }
        return new TransportOptions(clientCertificate, new UnixSockets(allSocket, socketByHost), rules, limitRate);
    }
}
