package gather.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ctrl-C for one process, made by main and handed down to every run it starts; in-process tests
 * make their own ({@link #none()}), which never touch the JVM's shutdown hooks. On a signal the
 * JVM runs the hook of the run in progress: it cancels the work and waits (at most 10 s) until the
 * run has written its summary; it never calls System.exit, the JVM then exits 130 by itself.
 */
final class Interrupts {
    private final boolean signals;
    private final AtomicBoolean interrupted = new AtomicBoolean();

    private Interrupts(boolean signals) {
        this.signals = signals;
    }

    /** Installs a shutdown hook for each run (main). */
    static Interrupts signals() {
        return new Interrupts(true);
    }

    /** Nothing installed: for in-process runs (tests); a run is cancelled by interrupting its thread. */
    static Interrupts none() {
        return new Interrupts(false);
    }

    /** True once the JVM is shutting down because of a signal: main must then not call exit. */
    boolean interrupted() {
        return interrupted.get();
    }

    /** Guards one run: {@code cancel} runs on Ctrl-C; close the guard once the run's output is written. */
    Guard guard(Runnable cancel) {
        return new Guard(cancel);
    }

    /** One run's hook; {@link #close()} lets a waiting hook return and removes it otherwise. */
    final class Guard implements AutoCloseable {
        private final CountDownLatch written = new CountDownLatch(1);
        private final Thread hook;

        private Guard(Runnable cancel) {
            if (!signals) {
                hook = null;
                return;
            }
            hook = new Thread(() -> {
                interrupted.set(true);
                cancel.run();
                try {
                    written.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException ignored) {
                    // exiting anyway
                }
            }, "gather-interrupt");
            Runtime.getRuntime().addShutdownHook(hook);
        }

        @Override
        public void close() {
            written.countDown();
            if (hook != null && !interrupted.get()) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException ignored) {
                    // already shutting down
                }
            }
        }
    }
}
