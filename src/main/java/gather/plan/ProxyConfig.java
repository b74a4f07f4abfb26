package gather.plan;

import java.util.List;
import java.util.Locale;

/**
 * Which proxy, if any, a URL goes through: --proxy / --noproxy, else http_proxy, https_proxy
 * and no_proxy from the environment (either case). {@code null} proxies mean direct.
 */
public record ProxyConfig(Target httpProxy, Target httpsProxy, List<String> noProxy) {
    public static final ProxyConfig NONE = new ProxyConfig(null, null, List.of());

    public Target proxyFor(Target t) {
        Target p = t.https() ? httpsProxy : httpProxy;
        if (p == null || bypass(t.host())) {
            return null;
        }
        return p;
    }

    private boolean bypass(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        for (String entry : noProxy) {
            String e = entry.strip().toLowerCase(Locale.ROOT);
            if (e.isEmpty()) {
                continue;
            }
            if (e.equals("*")) {
                return true;
            }
            if (e.startsWith("[") && e.endsWith("]")) {
                e = e.substring(1, e.length() - 1);
            }
            if (e.startsWith(".")) {
                e = e.substring(1);
            }
            if (h.equals(e) || h.endsWith("." + e)) {
                return true;
            }
        }
        return false;
    }
}
