package gather.engine;

import gather.http1.HttpInput;
import gather.result.ErrorKind;
import gather.result.FetchException;
import java.io.IOException;

/**
 * The whole-request deadline (--timeout) and the idle-read limit (--read-timeout) of one fetch;
 * the {@link Watchdog} enforces them while a read or write blocks.
 */
final class Deadline {
    private final long endNanos;       // Long.MAX_VALUE: none
    private final long readTimeoutNanos;
    private final double totalSeconds;

    Deadline(long startNanos, long totalTimeoutNanos, long readTimeoutNanos) {
        this.endNanos = totalTimeoutNanos > 0 ? startNanos + totalTimeoutNanos : Long.MAX_VALUE;
        this.readTimeoutNanos = readTimeoutNanos;
        this.totalSeconds = totalTimeoutNanos / 1e9;
    }

    long endNanos() {
        return endNanos;
    }

    long remainingNanos() {
        return endNanos == Long.MAX_VALUE ? Long.MAX_VALUE : endNanos - System.nanoTime();
    }

    FetchException expired() {
        return new FetchException(ErrorKind.TIMEOUT, "whole request took longer than --timeout " + fmt(totalSeconds) + " s");
    }

    long readTimeoutNanos() {
        return readTimeoutNanos;
    }

    /** Before each read: past the whole-request deadline already? The watchdog does the rest. */
    HttpInput.ReadGuard guard(Watchdog.Watch watch) {
        return new HttpInput.ReadGuard() {
            @Override
            public void beforeRead() throws IOException {
                long now = System.nanoTime();
                if (endNanos != Long.MAX_VALUE && endNanos - now <= 0) {
                    throw expired();
                }
                watch.reading(now);
            }

            @Override
            public void afterRead() {
                watch.read();
            }

            @Override
            public FetchException failed(IOException e) {
                return watch.fired();
            }
        };
    }

    static String fmt(double seconds) {
        return seconds == Math.rint(seconds) ? String.valueOf((long) seconds) : String.valueOf(seconds);
    }
}
