package gather.engine;

import static org.assertj.core.api.Assertions.assertThat;

import gather.http1.Headers;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The rate-limit header forms servers send, and what gather makes of them, as tables. */
class RateLimitHeadersTest {
    /** A fixed "now": 2026-11-22T09:00:00Z in epoch milliseconds. */
    static final long NOW = 1_795_338_000_000L;

    static Stream<Arguments> forms() {
        return Stream.of(
                // fields (name: value | ...), remaining, reset ms, limit; remaining -1: no quota read
                Arguments.of("RateLimit: \"default\";r=5;t=30", 5, 30_000, -1),
                Arguments.of("RateLimit-Policy: \"default\";q=100;w=60|RateLimit: \"default\";r=5;t=30", 5, 30_000, 100),
                Arguments.of("RateLimit: \"day\";r=900;t=3600, \"burst\";r=1;t=10", 1, 10_000, -1),
                Arguments.of("RateLimit: \"a,b\";r=2;t=4", 2, 4_000, -1),
                Arguments.of("RateLimit: \"default\";r=0;t=7", 0, 7_000, -1),
                Arguments.of("RateLimit: limit=100, remaining=3, reset=9", 3, 9_000, 100),
                Arguments.of("RateLimit-Limit: 60|RateLimit-Remaining: 4|RateLimit-Reset: 20", 4, 20_000, 60),
                Arguments.of("RateLimit-Limit: 10, 10;w=1|RateLimit-Remaining: 4|RateLimit-Reset: 2", 4, 2_000, 10),
                Arguments.of("X-RateLimit-Remaining: 2|X-RateLimit-Reset: 2", 2, 2_000, -1),
                Arguments.of("X-RateLimit-Remaining: 2|X-RateLimit-Reset: 1.5", 2, 1_500, -1),
                // epoch seconds (GitHub): 45 s from now
                Arguments.of("X-RateLimit-Limit: 5000|X-RateLimit-Remaining: 7|X-RateLimit-Reset: " + (NOW / 1000 + 45),
                        7, 45_000, 5000),
                // epoch milliseconds
                Arguments.of("X-RateLimit-Remaining: 7|X-RateLimit-Reset: " + (NOW + 3_000), 7, 3_000, -1),
                // an epoch time in the past: reset now
                Arguments.of("X-RateLimit-Remaining: 0|X-RateLimit-Reset: " + (NOW / 1000 - 60), 0, 0, -1),
                // the most restrictive of several forms wins
                Arguments.of("X-RateLimit-Remaining: 50|X-RateLimit-Reset: 60|RateLimit: \"d\";r=0;t=5", 0, 5_000, -1),
                // not a quota
                Arguments.of("X-RateLimit-Remaining: 5", -1, 0, -1),
                Arguments.of("X-RateLimit-Remaining: lots|X-RateLimit-Reset: 5", -1, 0, -1),
                Arguments.of("X-RateLimit-Remaining: -1|X-RateLimit-Reset: 5", -1, 0, -1),
                Arguments.of("RateLimit: \"default\";r=5", -1, 0, -1),
                Arguments.of("RateLimit: garbage;;;,,", -1, 0, -1),
                Arguments.of("Content-Type: text/plain", -1, 0, -1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forms")
    void readsTheQuota(String fields, long remaining, long resetMillis, long limit) {
        Headers h = new Headers();
        for (String f : fields.split("\\|")) {
            int colon = f.indexOf(':');
            h.add(f.substring(0, colon), f.substring(colon + 1).strip());
        }
        RateLimitHeaders.Quota q = RateLimitHeaders.read(h, NOW);
        if (remaining < 0) {
            assertThat(q).isNull();
        } else {
            assertThat(q).isEqualTo(new RateLimitHeaders.Quota(remaining, resetMillis, limit));
        }
    }

    static final long CAP = TimeUnit.SECONDS.toNanos(60);

    static Stream<Arguments> advice() {
        long s = TimeUnit.SECONDS.toNanos(1);
        return Stream.of(
                // remaining, reset ms, limit, others in flight -> pause, interval (nanos)
                Arguments.of(2, 2_000, -1, 0, 0L, s),               // 2 left for 2 s: one a second
                Arguments.of(0, 3_000, -1, 0, 3 * s, 0L),           // none left: wait for the reset
                Arguments.of(10, 5_000, -1, 0, 0L, s / 2),          // at the low-water mark
                Arguments.of(11, 5_000, -1, 0, 0L, 0L),             // above it: full speed
                Arguments.of(400, 60_000, 5000, 0, 0L, 150_000_000L), // a tenth of a known limit is low
                Arguments.of(600, 60_000, 5000, 0, 0L, 0L),
                Arguments.of(3, 6_000, -1, 1, 0L, 3 * s),           // one in flight spends one of the three
                Arguments.of(3, 6_000, -1, 5, 6 * s, 0L),           // those in flight spend them all
                Arguments.of(0, 3_600_000, -1, 0, CAP, 0L),         // an hour's pause is capped
                Arguments.of(1, 3_600_000, -1, 0, 0L, CAP),         // and so is an hour's spacing
                Arguments.of(0, 0, -1, 0, 0L, 0L));                 // reset already: nothing to do
    }

    @ParameterizedTest(name = "r={0} t={1}ms limit={2} inFlight={3}")
    @MethodSource("advice")
    void advisesPauseOrSpacing(long remaining, long resetMillis, long limit, long others, long pause, long interval) {
        RateLimitHeaders.Advice a = RateLimitHeaders.advice(new RateLimitHeaders.Quota(remaining, resetMillis, limit),
                others, CAP);
        assertThat(a).isEqualTo(new RateLimitHeaders.Advice(pause, interval));
    }
}
