package gather.engine;

import gather.plan.Target;
import gather.result.ErrorKind;
import gather.result.FetchException;
import java.util.HashSet;
import java.util.Set;

/**
 * Whether a response is followed, and where to: a pure function of the hop so far and the
 * response's status and Location.
 *
 * <ul>
 *   <li>301, 302, 303, 307 and 308 with a Location are followed while --max-redirects allows
 *       (0: never; every response is final);</li>
 *   <li>303 turns any method but HEAD into GET without a body; 301 and 302 turn POST into GET
 *       without a body; 307 and 308 keep the method and the body;</li>
 *   <li>one redirect more than the limit, or a (method, URL) seen before in this chain, is
 *       {@code too_many_redirects}; a Location that is not http(s) is {@code unsupported_scheme},
 *       one that cannot be parsed {@code invalid_url}.</li>
 * </ul>
 */
final class RedirectPolicy {
    private RedirectPolicy() { }

    /** Where a chain of redirects stands: the request to send next, and what the chain saw so far. */
    record Hop(Target original, Target target, String method, byte[] body, int redirects, Set<String> seen) {
        Hop {
            seen = Set.copyOf(seen);
        }

        static Hop first(Target target, String method, byte[] body) {
            return new Hop(target, target, method, body, 0, Set.of(method + " " + target));
        }

        /** This hop goes to another origin than the first: credentials from -H stay behind. */
        boolean crossOrigin() {
            return !target.sameOrigin(original);
        }
    }

    /** What to do with a response. */
    sealed interface Decision permits Final, Follow, Refuse { }

    /** Not a redirect to follow: this response is the answer. */
    record Final() implements Decision { }

    /** Follow: send this next. */
    record Follow(Hop next) implements Decision { }

    /** A redirect that must not be followed: the fetch fails with this kind. */
    record Refuse(ErrorKind kind, String message) implements Decision {
        FetchException exception() {
            return new FetchException(kind, message);
        }
    }

    static final Final FINAL = new Final();

    static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    static Decision decide(Hop hop, int status, String location, int maxRedirects) {
        if (!isRedirect(status) || location == null || maxRedirects <= 0) {
            return FINAL;
        }
        if (hop.redirects() >= maxRedirects) {
            return new Refuse(ErrorKind.TOO_MANY_REDIRECTS, "more than " + maxRedirects + " redirects (--max-redirects)");
        }
        Target next;
        try {
            next = hop.target().resolve(location);
        } catch (FetchException e) {
            return new Refuse(e.kind(), e.getMessage());
        }
        String method = hop.method();
        byte[] body = hop.body();
        if (status == 303 && !method.equals("HEAD") || (status == 301 || status == 302) && method.equals("POST")) {
            method = "GET";
            body = null;
        }
        String key = method + " " + next;
        if (hop.seen().contains(key)) {
            return new Refuse(ErrorKind.TOO_MANY_REDIRECTS, "redirect loop at " + next);
        }
        Set<String> seen = new HashSet<>(hop.seen());
        seen.add(key);
        return new Follow(new Hop(hop.original(), next, method, body, hop.redirects() + 1, seen));
    }
}
