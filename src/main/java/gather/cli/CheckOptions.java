package gather.cli;

import gather.plan.CheckSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

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

    /** Adds these options to a command (where a picocli mixin would), bound to this object's fields. */
    void declare(CommandSpec s) {
        CliSpec.option(s, OptionSpec.builder("--expect-regex").paramLabel("RE").type(List.class).auxiliaryTypes(Pattern.class)
                .converters(new Converters.Regex())
                .description("Fail (expectation) unless the decoded body, as UTF-8 text, has a match of the Java regular"
                        + " expression RE (repeatable; bodies up to 8 MiB)."), v -> regexes = list(v));
        CliSpec.option(s, OptionSpec.builder("--expect-sha256").paramLabel("HEX").type(String.class)
                .converters(new Converters.Sha256())
                .description("Fail (expectation) unless the decoded body's SHA-256 is HEX."), v -> sha256 = (String) v);
        CliSpec.option(s, OptionSpec.builder("--expect-json").paramLabel("POINTER=VALUE").type(List.class)
                .auxiliaryTypes(CheckSet.JsonExpectation.class).converters(new Converters.JsonExpectation())
                .description("Fail (expectation) unless the body is JSON and the node at the JSON Pointer matches VALUE"
                        + " (as JSON, or a scalar's text), e.g. /status=ok (repeatable; bodies up to 8 MiB)."),
                v -> json = list(v));
        CliSpec.option(s, OptionSpec.builder("--max-ttfb").paramLabel("DURATION").type(Duration.class)
                .converters(new Converters.Duration())
                .description("Fail (expectation) when the first response byte took longer, e.g. 500ms."),
                v -> maxTtfb = (Duration) v);
        CliSpec.option(s, OptionSpec.builder("--max-latency").paramLabel("DURATION").type(Duration.class)
                .converters(new Converters.Duration())
                .description("Fail (expectation) when the whole fetch (timing total) took longer, e.g. 2s."),
                v -> maxLatency = (Duration) v);
        CliSpec.option(s, OptionSpec.builder("--cert-valid-for").paramLabel("DURATION").type(Duration.class)
                .converters(new Converters.Duration())
                .description("Fail (expectation) when the server's certificate expires within DURATION, e.g. 14d"
                        + " (https only)."), v -> certValidFor = (Duration) v);
    }

    /** The base set (status, texts, headers) with these checks added. */
    CheckSet addTo(CheckSet base) {
        return base.withRegexes(regexes).withSha256(sha256).withJson(json)
                .withMaxTtfb(maxTtfb).withMaxLatency(maxLatency).withCertValidFor(certValidFor);
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> list(Object v) {
        return (List<T>) v;
    }
}
