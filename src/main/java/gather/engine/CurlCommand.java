package gather.engine;

import gather.plan.FetchOptions;
import gather.plan.Target;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An equivalent curl command for one request, for a failed result's {@code reproduce}: method,
 * header fields (credentials hidden), body, and the options that change how it is sent
 * (--resolve, --cacert, -k, --proxy, --compressed, -4/-6, --max-time), every word shell-quoted.
 * Fields curl sets by itself the same way are left out (Host, Content-Length, and
 * Accept-Encoding with --compressed).
 */
final class CurlCommand {
    private CurlCommand() { }

    static String of(RequestSpec req, Target proxy, FetchOptions options) {
        List<String> w = new ArrayList<>();
        w.add("curl");
        boolean head = req.method().equals("HEAD");
        if (head) {
            w.add("-I");
        } else if (!req.method().equals(req.body() == null ? "GET" : "POST")) {
            w.add("-X");
            w.add(req.method());
        }
        for (RequestSpec.Field f : req.fields()) {
            String n = f.name();
            if (n.equalsIgnoreCase("Host") || n.equalsIgnoreCase("Content-Length")
                    || (options.compressed() && n.equalsIgnoreCase("Accept-Encoding"))
                    || (n.equalsIgnoreCase("Proxy-Authorization") && proxy != null && proxy.basicAuth() != null)) {
                continue;
            }
            w.add("-H");
            w.add(n + ": " + (Credentials.isCredential(n) ? Credentials.HIDDEN : f.value()));
        }
        if (req.body() != null) {
            w.add("--data-binary");
            String file = options.curl().bodyFile();
            w.add(file != null ? "@" + file : new String(req.body(), StandardCharsets.UTF_8));
        }
        if (options.compressed()) {
            w.add("--compressed");
        }
        for (Map.Entry<String, String> e : options.resolve().entrySet()) {
            String addr = e.getValue().indexOf(':') >= 0 ? "[" + e.getValue() + "]" : e.getValue();
            w.add("--resolve");
            w.add(e.getKey() + ":" + addr);
        }
        if (options.insecure()) {
            w.add("-k");
        }
        if (options.curl().cacert() != null) {
            w.add("--cacert");
            w.add(options.curl().cacert());
        }
        if (proxy != null) {
            w.add("--proxy");
            w.add(proxy.toString());
            if (proxy.basicAuth() != null) {
                w.add("--proxy-user");
                w.add(Credentials.HIDDEN);
            }
        }
        switch (options.family()) {
            case V4 -> w.add("-4");
            case V6 -> w.add("-6");
            default -> { }
        }
        if (options.totalTimeoutNanos() > 0) {
            w.add("--max-time");
            w.add(seconds(options.totalTimeoutNanos()));
        }
        w.add(req.target().toString());
        StringBuilder sb = new StringBuilder();
        for (String word : w) {
            sb.append(sb.isEmpty() ? "" : " ").append(quote(word));
        }
        return sb.toString();
    }

    /** A word as the shell reads it back: bare when it holds only safe characters, else in single quotes. */
    static String quote(String word) {
        if (!word.isEmpty() && word.chars().allMatch(c -> c < 0x80
                && (Character.isLetterOrDigit(c) || "@%+=:,./_-".indexOf(c) >= 0))) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }

    private static String seconds(long nanos) {
        long millis = nanos / 1_000_000;
        return millis % 1000 == 0 ? String.valueOf(millis / 1000)
                : java.math.BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString();
    }
}
