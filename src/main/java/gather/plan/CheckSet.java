package gather.plan;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a URL's final response must satisfy, one field per meaning: the accepted statuses
 * (--accept-status), body texts (--expect-text), headers (--expect-header), regular expressions
 * (--expect-regex), the body's SHA-256 (--expect-sha256), JSON values (--expect-json) and the
 * budgets (--max-ttfb, --max-latency, --cert-valid-for; null: none).
 *
 * <p>A value, carried per target: the options give every URL the same set; a batch line that names
 * a check of the same meaning replaces that one field ({@link #withStatus}, ...) for its URL only.
 */
public record CheckSet(
        StatusSet status,
        List<String> texts,
        List<HeaderExpectation> headers,
        List<Pattern> regexes,
        String sha256,
        List<JsonExpectation> json,
        Duration maxTtfb,
        Duration maxLatency,
        Duration certValidFor) {

    /** Only the default status range (2xx): what a URL must pass when no check was asked for. */
    public static final CheckSet DEFAULT = new CheckSet(StatusSet.DEFAULT, List.of(), List.of(), List.of(), null,
            List.of(), null, null, null);

    public CheckSet {
        if (status == null) {
            throw new IllegalArgumentException("a check set needs the accepted statuses");
        }
        texts = List.copyOf(texts);
        headers = List.copyOf(headers);
        regexes = List.copyOf(regexes);
        json = List.copyOf(json);
    }

    /** --expect-header: the header Name is present and, when value is not empty, one of its values contains it. */
    public record HeaderExpectation(String name, String value) {
        @Override
        public String toString() {
            return value.isEmpty() ? name : name + ": " + value;
        }
    }

    /** --expect-json: the RFC 6901 pointer into the JSON body, and the value expected there (as given). */
    public record JsonExpectation(String pointer, String value) {
        @Override
        public String toString() {
            return pointer + "=" + value;
        }
    }

    public CheckSet withStatus(StatusSet s) {
        return new CheckSet(s, texts, headers, regexes, sha256, json, maxTtfb, maxLatency, certValidFor);
    }

    public CheckSet withTexts(List<String> t) {
        return new CheckSet(status, t, headers, regexes, sha256, json, maxTtfb, maxLatency, certValidFor);
    }

    public CheckSet withHeaders(List<HeaderExpectation> h) {
        return new CheckSet(status, texts, h, regexes, sha256, json, maxTtfb, maxLatency, certValidFor);
    }

    public CheckSet withRegexes(List<Pattern> r) {
        return new CheckSet(status, texts, headers, r, sha256, json, maxTtfb, maxLatency, certValidFor);
    }

    public CheckSet withSha256(String hex) {
        return new CheckSet(status, texts, headers, regexes, hex, json, maxTtfb, maxLatency, certValidFor);
    }

    public CheckSet withJson(List<JsonExpectation> j) {
        return new CheckSet(status, texts, headers, regexes, sha256, j, maxTtfb, maxLatency, certValidFor);
    }

    public CheckSet withMaxTtfb(Duration d) {
        return new CheckSet(status, texts, headers, regexes, sha256, json, d, maxLatency, certValidFor);
    }

    public CheckSet withMaxLatency(Duration d) {
        return new CheckSet(status, texts, headers, regexes, sha256, json, maxTtfb, d, certValidFor);
    }

    public CheckSet withCertValidFor(Duration d) {
        return new CheckSet(status, texts, headers, regexes, sha256, json, maxTtfb, maxLatency, d);
    }
}
