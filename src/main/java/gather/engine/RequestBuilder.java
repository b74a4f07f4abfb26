package gather.engine;

import gather.body.Decoders;
import gather.plan.FetchOptions;
import gather.plan.Target;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the request for one hop from the options: default header fields (Host, User-Agent,
 * Accept, Accept-Encoding with --compressed), Basic credentials from the URL's user info and the
 * proxy's, then -H (a name given replaces the default; "Name:" with no value removes it;
 * Authorization and Cookie from -H are not sent to another origin than the first), and
 * Content-Type / Content-Length for a body.
 */
final class RequestBuilder {
    private final List<FetchOptions.Header> extra;
    private final boolean compressed;
    private final String userAgent;

    RequestBuilder(List<FetchOptions.Header> extra, boolean compressed, String userAgent) {
        this.extra = List.copyOf(extra);
        this.compressed = compressed;
        this.userAgent = userAgent;
    }

    /**
     * @param crossOrigin this hop's origin is not the original URL's (a redirect went elsewhere)
     * @param proxy       the proxy this request goes through, or null
     */
    RequestSpec build(String method, Target t, byte[] body, boolean crossOrigin, Target proxy) {
        List<RequestSpec.Field> f = new ArrayList<>(8 + extra.size());
        f.add(new RequestSpec.Field("Host", t.authority()));
        f.add(new RequestSpec.Field("User-Agent", userAgent));
        f.add(new RequestSpec.Field("Accept", "*/*"));
        if (compressed) {
            f.add(new RequestSpec.Field("Accept-Encoding", Decoders.ACCEPT_ENCODING));
        }
        if (t.basicAuth() != null) {
            f.add(new RequestSpec.Field("Authorization", "Basic " + t.basicAuth()));
        }
        boolean viaPlainProxy = proxy != null && !t.https();
        if (viaPlainProxy && proxy.basicAuth() != null) {
            f.add(new RequestSpec.Field("Proxy-Authorization", "Basic " + proxy.basicAuth()));
        }
        for (FetchOptions.Header h : extra) {
            if (crossOrigin && credential(h.name())) {
                continue;
            }
            f.removeIf(x -> x.name().equalsIgnoreCase(h.name()));
            if (!h.value().isEmpty()) {
                f.add(new RequestSpec.Field(h.name(), h.value()));
            }
        }
        if (body != null) {
            if (f.stream().noneMatch(x -> x.name().equalsIgnoreCase("Content-Type"))) {
                f.add(new RequestSpec.Field("Content-Type", "application/x-www-form-urlencoded"));
            }
            f.add(new RequestSpec.Field("Content-Length", String.valueOf(body.length)));
        }
        return new RequestSpec(method, t, viaPlainProxy ? t.toString() : t.pathAndQuery(), f, body);
    }

    private static boolean credential(String name) {
        return name.equalsIgnoreCase("Authorization") || name.equalsIgnoreCase("Cookie");
    }
}
