package gather.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The --limit-rate bucket on a clock the test drives: the rate, the burst, and exact accounting. */
class TokenBucketTest {
    /** Time moves only when the bucket sleeps. */
    private static final class FakeClock implements TokenBucket.Clock {
        long now = 1_000_000_000L;
        final List<Long> sleeps = new ArrayList<>();

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void sleepNanos(long nanos) {
            sleeps.add(nanos);
            now += nanos;
        }
    }

    @Test
    void readsRunAtTheRateAfterTheFirstBurst() throws Exception {
        FakeClock clock = new FakeClock();
        long rate = 1024 * 1024;
        TokenBucket bucket = new TokenBucket(rate, clock);
        long start = clock.now;
        long total = 0;
        byte[] buf = new byte[256 * 1024];
        InputStream a = bucket.throttle(new ByteArrayInputStream(new byte[4 * 1024 * 1024]));
        int n;
        while ((n = a.read(buf, 0, buf.length)) > 0) {
            assertThat(n).isLessThanOrEqualTo(bucket.quantum());
            total += n;
        }
        assertThat(total).isEqualTo(4L * 1024 * 1024);
        assertThat(bucket.passed()).isEqualTo(total);
        double seconds = (clock.now - start) / 1e9;
        double expected = (total - bucket.capacity()) / (double) rate; // the bucket starts full
        assertThat(seconds).isBetween(expected * 0.99, expected * 1.01);
    }

    @Test
    void burstIsBoundedAndRefillIsFineGrained() throws Exception {
        FakeClock clock = new FakeClock();
        TokenBucket bucket = new TokenBucket(1024 * 1024, clock);
        assertThat(bucket.capacity()).isEqualTo(1024 * 1024 / 50); // 20 ms of the rate
        assertThat(bucket.acquire(64 * 1024)).isEqualTo(bucket.quantum()); // reads are cut to 16 KiB grants
        assertThat(clock.sleeps).isEmpty(); // the first grant comes from the full bucket
        bucket.acquire(64 * 1024);
        // the second waits only for the missing part of one grant at 1 MiB/s: about 11 ms, not a whole second
        long missing = 2L * bucket.quantum() - bucket.capacity();
        assertThat(clock.sleeps).hasSize(1);
        assertThat(clock.sleeps.get(0)).isBetween(missing * 1_000_000_000L / (1024 * 1024),
                missing * 1_000_000_000L / (1024 * 1024) + 1000);
        clock.now += 10_000_000_000L; // idle for 10 s: the bucket does not save up more than its capacity
        long free = 0;
        int before = clock.sleeps.size();
        while (clock.sleeps.size() == before) {
            free += bucket.acquire(1024);
        }
        assertThat(free - 1024).isLessThanOrEqualTo(bucket.capacity());
    }

    @Test
    void unusedGrantsAreGivenBack() throws Exception {
        FakeClock clock = new FakeClock();
        TokenBucket bucket = new TokenBucket(10_000, clock);
        InputStream in = bucket.throttle(new ByteArrayInputStream(new byte[100]));
        byte[] buf = new byte[8192];
        assertThat(in.read(buf, 0, buf.length)).isEqualTo(100);
        assertThat(in.read(buf, 0, buf.length)).isEqualTo(-1);
        assertThat(bucket.passed()).isEqualTo(100);
    }

    @Test
    void aSlowRateStillAllowsReads() throws Exception {
        FakeClock clock = new FakeClock();
        TokenBucket bucket = new TokenBucket(100, clock);
        assertThat(bucket.capacity()).isEqualTo(100);
        long start = clock.now;
        long got = 0;
        while (got < 1000) {
            got += bucket.acquire(8192);
        }
        assertThat((clock.now - start) / 1e9).isBetween(8.9, 9.1);
    }
}
