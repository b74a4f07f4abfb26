package gather.engine;

import gather.http1.ResponseHead;
import gather.plan.FetchOptions;
import gather.result.FetchException;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/** What may be retried, and how long to wait: exponential backoff with full jitter, or Retry-After. */
final class Retry {
    static final long BASE_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    static final long CAP_NANOS = TimeUnit.SECONDS.toNanos(30);

    private Retry() { }

    /** What a failed attempt taught about waiting. */
    static final class Hint {
        long retryAfterNanos;
    }

    static boolean retryable(FetchException e, Integer status, FetchOptions o) {
        if (!FetchOptions.idempotent(o.method()) && !o.retryAllMethods()) {
            return false;
        }
        return switch (e.kind()) {
            case CONNECT, TIMEOUT, TRUNCATED -> true;
            case HTTP_STATUS -> status != null && switch (status) {
                case 408, 429, 500, 502, 503, 504 -> true;
                default -> false;
            };
            default -> false;
        };
    }

    /** Full jitter: uniform in [0, min(cap, base * 2^(attempt-1))]; Retry-After, capped, wins when given. */
    static long backoffNanos(int attempt, long retryAfterNanos, long maxWaitNanos) {
        if (retryAfterNanos > 0) {
            return Math.min(retryAfterNanos, maxWaitNanos);
        }
        long ceiling = Math.min(CAP_NANOS, BASE_NANOS << Math.min(20, attempt - 1));
        return Math.min(maxWaitNanos, ThreadLocalRandom.current().nextLong(ceiling + 1));
    }

    static void noteRetryAfter(ResponseHead head, Hint hint) {
        int s = head.status();
        if (s != 429 && s != 503 && s != 408 && s / 100 != 5) {
            return;
        }
        String v = head.headers().first("Retry-After");
        if (v != null) {
            hint.retryAfterNanos = parseRetryAfter(v.strip(), System.currentTimeMillis());
        }
    }

    /** Seconds ("120") or an HTTP date; 0 when absent, invalid or in the past. */
    static long parseRetryAfter(String v, long nowMillis) {
        if (v.matches("[0-9]{1,9}")) {
            return TimeUnit.SECONDS.toNanos(Long.parseLong(v));
        }
        try {
            Instant when = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            long ms = when.toEpochMilli() - nowMillis;
            return ms > 0 ? TimeUnit.MILLISECONDS.toNanos(ms) : 0;
        } catch (RuntimeException e) {
            return 0;
        }
    }
}
