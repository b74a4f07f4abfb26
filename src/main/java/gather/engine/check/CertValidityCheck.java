package gather.engine.check;

import gather.result.CheckFailure;
import java.time.Duration;
import java.time.Instant;

/**
 * --cert-valid-for: the server's own (leaf) certificate, as the final response's connection
 * presented it, does not expire within the duration from now. Plain http has no certificate:
 * the check passes there (it is about certificates, not about using TLS).
 */
record CertValidityCheck(Duration validFor) implements Check {
    @Override
    public String name() {
        return "cert-valid-for";
    }

    @Override
    public CheckFailure evaluate(CheckContext c) {
        Instant notAfter = c.certNotAfter();
        if (notAfter == null || !notAfter.isBefore(c.now().plus(validFor))) {
            return null;
        }
        Duration left = Duration.between(c.now(), notAfter);
        return failure(DurationText.of(validFor), left.isNegative() ? "expired " + notAfter
                : "expires " + notAfter + " (in " + DurationText.of(left.withNanos(0)) + ")");
    }
}
