package gather.engine;

import gather.http1.HttpInput;
import gather.net.Connection;
import gather.result.ErrorKind;
import gather.result.FetchException;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** The whole-request deadline (--timeout) and the idle-read limit (--read-timeout) of one fetch. */
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

    /** Before each read: SO_TIMEOUT = min(read timeout, time left); a timeout names the limit that hit. */
    HttpInput.ReadGuard guard(Connection conn) {
        return new HttpInput.ReadGuard() {
            private boolean totalBinds;

            @Override
            public void beforeRead() throws IOException {
                long left = remainingNanos();
                if (left <= 0) {
                    throw expired();
                }
                long wait = readTimeoutNanos > 0 ? Math.min(readTimeoutNanos, left) : left;
                totalBinds = wait == left;
                long ms = wait == Long.MAX_VALUE ? 0 : Math.max(1, TimeUnit.NANOSECONDS.toMillis(wait));
                conn.readTimeoutMillis((int) Math.min(Integer.MAX_VALUE, ms));
            }

            @Override
            public FetchException timedOut() {
                return totalBinds ? expired() : new FetchException(ErrorKind.TIMEOUT,
                        "no data from the server for " + fmt(readTimeoutNanos / 1e9) + " s (--read-timeout)");
            }
        };
    }

    static String fmt(double seconds) {
        return seconds == Math.rint(seconds) ? String.valueOf((long) seconds) : String.valueOf(seconds);
    }
}
