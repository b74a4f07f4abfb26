package gather.cli;

import gather.plan.CheckSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The checks added for CI smoke checks (issue 13), beside --accept-status, --expect-text and
 * --expect-header: every value is validated by its converter, so a bad one is a usage error.
 */
final class CheckOptions {
    List<Pattern> regexes = new ArrayList<>();
    String sha256;
    List<CheckSet.JsonExpectation> json = new ArrayList<>();
    Duration maxTtfb;
    Duration maxLatency;
    Duration certValidFor;

    /** Adds these options to a section of a command (where a picocli mixin would), bound to this object's fields. */
    CliSpec.Section declare(CliSpec.Section s) {
        return s.values("--expect-regex=RE", Pattern.class, new Converters.Regex(), "Fail (expectation) unless the decoded"
                        + " body, as UTF-8 text, has a match of the Java regular expression RE (repeatable; bodies up to 8 MiB).",
                        v -> regexes = v)
                .value("--expect-sha256=HEX", String.class, new Converters.Sha256(),
                        "Fail (expectation) unless the decoded body's SHA-256 is HEX.", v -> sha256 = v)
                .values("--expect-json=POINTER=VALUE", CheckSet.JsonExpectation.class, new Converters.JsonExpectation(),
                        "Fail (expectation) unless the body is JSON and the node at the JSON Pointer matches VALUE"
                        + " (as JSON, or a scalar's text), e.g. /status=ok (repeatable; bodies up to 8 MiB).", v -> json = v)
                .value("--max-ttfb=DURATION", Duration.class, new Converters.Duration(),
                        "Fail (expectation) when the first response byte took longer, e.g. 500ms.", v -> maxTtfb = v)
                .value("--max-latency=DURATION", Duration.class, new Converters.Duration(),
                        "Fail (expectation) when the whole fetch (timing total) took longer, e.g. 2s.", v -> maxLatency = v)
                .value("--cert-valid-for=DURATION", Duration.class, new Converters.Duration(),
                        "Fail (expectation) when the server's certificate expires within DURATION, e.g. 14d (https only).",
                        v -> certValidFor = v);
    }

    /** The base set (status, texts, headers) with these checks added. */
    CheckSet addTo(CheckSet base) {
        return base.withRegexes(regexes).withSha256(sha256).withJson(json)
                .withMaxTtfb(maxTtfb).withMaxLatency(maxLatency).withCertValidFor(certValidFor);
    }
}
