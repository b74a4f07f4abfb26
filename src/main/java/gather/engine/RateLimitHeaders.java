package gather.engine;

import gather.http1.Headers;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a response says about the quota left on its host, read from the rate-limit fields that
 * servers send, and what gather does about it. Pure: a function of the headers and the clock's
 * reading passed in; tested as a table.
 *
 * <p>Fields read (the most restrictive quota wins when several are present):
 * <ul>
 *   <li>{@code RateLimit: "default";r=5;t=30} (IETF httpapi draft, structured form: r remaining,
 *       t delta-seconds to the reset; several comma-separated policies allowed), with the limit
 *       from {@code RateLimit-Policy: "default";q=100;w=60} when present;</li>
 *   <li>{@code RateLimit: limit=100, remaining=5, reset=30} (the draft's dictionary form);</li>
 *   <li>{@code RateLimit-Limit / -Remaining / -Reset} (the older draft; Reset delta-seconds);</li>
 *   <li>{@code X-RateLimit-Limit / -Remaining / -Reset}: common practice. Reset is delta-seconds,
 *       unless it is at least "now minus a day" in epoch seconds (GitHub, Twitter send epoch
 *       seconds), or at least that in epoch milliseconds; fractions are allowed.</li>
 * </ul>
 *
 * <p>What to do ({@link #advice}): nothing while the remaining quota is above a low-water mark
 * (the larger of {@value #LOW_WATER} and a tenth of the limit when known); at or below it, space
 * the host's request starts so the quota lasts until the reset ({@code reset / remaining}); with
 * nothing left, no start before the reset. Requests already in flight to the host count against
 * what remains. Both waits are capped (by --retry-max-wait): a server never makes us wait longer.
 */
final class RateLimitHeaders {
    /** At or below this many remaining requests (or a tenth of the limit, if larger), pacing starts. */
    static final long LOW_WATER = 10;

    private static final long DAY_SECONDS = 86_400;
    private static final Pattern NUMBER = Pattern.compile("[0-9]{1,15}(\\.[0-9]{1,9})?");
    private static final Pattern INTEGER = Pattern.compile("[0-9]{1,15}");

    private RateLimitHeaders() { }

    /** {@code remaining} requests until the quota resets in {@code resetMillis}; {@code limit} -1 when unknown. */
    record Quota(long remaining, long resetMillis, long limit) { }

    /** The host's next request starts: none before {@code pauseNanos} from now, then one per {@code intervalNanos}. */
    record Advice(long pauseNanos, long intervalNanos) {
        static final Advice NONE = new Advice(0, 0);
    }

    /** The most restrictive quota the headers announce, or null when they announce none. */
    static Quota read(Headers h, long nowEpochMillis) {
        List<Quota> found = new ArrayList<>(2);
        for (String field : h.all("RateLimit")) {
            structured(field, policies(h), found);
        }
        separate(h, "RateLimit-", false, nowEpochMillis, found);
        separate(h, "X-RateLimit-", true, nowEpochMillis, found);
        Quota worst = null;
        for (Quota q : found) {
            if (worst == null || pressure(q) > pressure(worst)) {
                worst = q;
            }
        }
        return worst;
    }

    /** What a quota asks of the host's next starts, with {@code othersInFlight} requests already sent. */
    static Advice advice(Quota q, long othersInFlight, long capNanos) {
        long remaining = q.remaining() - Math.max(0, othersInFlight);
        long resetNanos = Math.min(TimeUnit.MILLISECONDS.toNanos(q.resetMillis()), capNanos);
        if (resetNanos <= 0) {
            return Advice.NONE;
        }
        if (remaining <= 0) {
            return new Advice(resetNanos, 0);
        }
        long lowWater = Math.max(LOW_WATER, q.limit() / 10);
        if (remaining > lowWater) {
            return Advice.NONE;
        }
        return new Advice(0, resetNanos / remaining);
    }

    /** Higher is more restrictive: none left beats any pacing; otherwise milliseconds per request left. */
    private static double pressure(Quota q) {
        return q.remaining() == 0 ? 1e18 + q.resetMillis() : (double) q.resetMillis() / q.remaining();
    }

    /** RateLimit-Policy: policy name to its quota q. */
    private static Map<String, Long> policies(Headers h) {
        Map<String, Long> out = new HashMap<>();
        for (String field : h.all("RateLimit-Policy")) {
            for (String item : split(field, ',')) {
                List<String> parts = split(item, ';');
                Long q = integer(param(parts, "q"));
                if (q != null) {
                    out.put(parts.get(0), q);
                }
            }
        }
        return out;
    }

    /** RateLimit as a list of policies ("name";r=..;t=..) or as the older dictionary (remaining=.., reset=..). */
    private static void structured(String field, Map<String, Long> policies, List<Quota> found) {
        List<String> items = split(field, ',');
        Map<String, String> dictionary = new HashMap<>();
        for (String item : items) {
            int eq = item.indexOf('=');
            if (eq > 0 && item.indexOf(';') < 0) {
                dictionary.put(item.substring(0, eq).strip().toLowerCase(Locale.ROOT), item.substring(eq + 1).strip());
                continue;
            }
            List<String> parts = split(item, ';');
            Long r = integer(param(parts, "r"));
            Long t = integer(param(parts, "t"));
            if (r != null && t != null) {
                Long limit = policies.get(parts.get(0));
                found.add(new Quota(r, TimeUnit.SECONDS.toMillis(t), limit == null ? -1 : limit));
            }
        }
        Long r = integer(dictionary.get("remaining"));
        Long t = integer(dictionary.get("reset"));
        if (r != null && t != null) {
            Long limit = integer(dictionary.get("limit"));
            found.add(new Quota(r, TimeUnit.SECONDS.toMillis(t), limit == null ? -1 : limit));
        }
    }

    /** PREFIX-Remaining and PREFIX-Reset (and PREFIX-Limit); Reset may be an epoch time when {@code epochAllowed}. */
    private static void separate(Headers h, String prefix, boolean epochAllowed, long nowMillis, List<Quota> found) {
        Long remaining = integer(firstElement(h.first(prefix + "Remaining")));
        String resetText = firstElement(h.first(prefix + "Reset"));
        if (remaining == null || resetText == null || !NUMBER.matcher(resetText).matches()) {
            return;
        }
        double reset = Double.parseDouble(resetText);
        long resetMillis;
        double dayAgoSeconds = nowMillis / 1000.0 - DAY_SECONDS;
        if (epochAllowed && reset >= dayAgoSeconds * 1000) {
            resetMillis = (long) reset - nowMillis; // epoch milliseconds
        } else if (epochAllowed && reset >= dayAgoSeconds) {
            resetMillis = (long) (reset * 1000) - nowMillis; // epoch seconds
        } else {
            resetMillis = (long) (reset * 1000); // delta-seconds
        }
        Long limit = integer(firstElement(h.first(prefix + "Limit")));
        found.add(new Quota(remaining, Math.max(0, resetMillis), limit == null ? -1 : limit));
    }

    /** "100, 100;w=60" -> "100": the first list member's first value. */
    private static String firstElement(String v) {
        if (v == null) {
            return null;
        }
        List<String> members = split(v, ',');
        List<String> parts = members.isEmpty() ? List.of() : split(members.get(0), ';');
        return parts.isEmpty() ? null : parts.get(0);
    }

    private static String param(List<String> parts, String key) {
        for (int i = 1; i < parts.size(); i++) {
            String p = parts.get(i);
            int eq = p.indexOf('=');
            if (eq > 0 && p.substring(0, eq).strip().equalsIgnoreCase(key)) {
                return p.substring(eq + 1).strip();
            }
        }
        return null;
    }

    private static Long integer(String v) {
        if (v == null) {
            return null;
        }
        Matcher m = INTEGER.matcher(v.strip());
        return m.matches() ? Long.parseLong(m.group()) : null;
    }

    /** Splits on {@code sep} outside double quotes; members trimmed, empty ones dropped. */
    static List<String> split(String s, char sep) {
        List<String> out = new ArrayList<>(4);
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i <= s.length(); i++) {
            char c = i < s.length() ? s.charAt(i) : sep;
            if (c == '"' && (i == 0 || s.charAt(i - 1) != '\\')) {
                quoted = !quoted;
            } else if (c == sep && (!quoted || i == s.length())) {
                String member = s.substring(start, i).strip();
                if (!member.isEmpty()) {
                    out.add(member);
                }
                start = i + 1;
            }
        }
        return out;
    }
}
