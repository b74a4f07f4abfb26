package gather.engine;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Ctrl-C: a flag every wait checks, and a latch that cuts waits short. */
public final class Cancellation {
    private final CountDownLatch cancelled = new CountDownLatch(1);

    public void cancel() {
        cancelled.countDown();
    }

    public boolean cancelled() {
        return cancelled.getCount() == 0;
    }

    /** Sleeps, unless cancelled first; returns false when cancelled. */
    public boolean sleep(long nanos) {
        if (nanos <= 0) {
            return !cancelled();
        }
        try {
            return !cancelled.await(nanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
