package gather.report;

import gather.result.FetchResult;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * --report FILE: keeps every result, by input index, while the run goes, and writes the
 * {@link HtmlReport} at its end. Glue for the run as it is wired today; once reports are plug-ins
 * that get every result in input order at the end, this class goes and HtmlReport is fed directly.
 */
public final class HtmlReportFile {
    private final Path file;
    private final Instant started = Instant.now();
    private final long startNanos = System.nanoTime();
    private final ReentrantLock lock = new ReentrantLock();
    private FetchResult[] results = new FetchResult[256]; // guarded by lock

    public HtmlReportFile(Path file) {
        this.file = file;
    }

    /** One finished URL (called concurrently by the workers). */
    public void accept(FetchResult r) {
        int i = Math.toIntExact(r.index());
        lock.lock();
        try {
            if (i >= results.length) {
                results = Arrays.copyOf(results, Math.max(i + 1, results.length * 2));
            }
            results[i] = r;
        } finally {
            lock.unlock();
        }
    }

    /** Writes the page; the message of the exception says what went wrong in a user's words. */
    public void write(String version) throws IOException {
        long wall = System.nanoTime() - startNanos;
        Iterable<FetchResult> inOrder;
        lock.lock();
        try {
            inOrder = Arrays.stream(results).filter(Objects::nonNull).toList();
        } finally {
            lock.unlock();
        }
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            HtmlReport.write(out, new HtmlReport.RunInfo(version, started, wall), inOrder);
        } catch (IOException e) {
            String why = e instanceof NoSuchFileException ? "no such file or directory"
                    : e instanceof AccessDeniedException ? "permission denied"
                    : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new IOException("cannot write --report " + file + ": " + why, e);
        }
    }
}
