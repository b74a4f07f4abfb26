package gather.report;

import gather.result.FetchResult;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Every result by input index, so reports get them in input order at the end, in bounded
 * memory. Each result is kept as bytes in one form ({@link ResultCodec}'s compact form, read
 * back as {@link FetchResult}s; or its JSON object, read back as bytes): in memory
 * for small runs; past {@code spillBytes} in a temporary file (appended through a buffer), with
 * only (offset, length) per index in the heap: 12 bytes per URL. Reading back in index order goes
 * through a 1 MiB window, since results finish roughly in input order.
 *
 * @param <T> what a stored entry is read back as
 */
final class ResultStore<T> implements AutoCloseable {
    private static final int WINDOW = 1 << 20;

    /** Reads one stored entry back from {@code length} bytes of {@code bytes} at {@code offset}. */
    @FunctionalInterface
    interface Decoder<T> {
        T decode(byte[] bytes, int offset, int length) throws IOException;
    }

    /** Results in {@link ResultCodec}'s form, read back as results. */
    static ResultStore<FetchResult> ofResults(long spillBytes, Path spillDir) {
        return new ResultStore<>(spillBytes, spillDir, ResultCodec::decode);
    }

    /** Entries kept as they are (a result's JSON object), read back as a copy of those bytes. */
    static ResultStore<byte[]> ofBytes(long spillBytes, Path spillDir) {
        return new ResultStore<>(spillBytes, spillDir,
                (bytes, offset, length) -> Arrays.copyOfRange(bytes, offset, offset + length));
    }

    private final long spillBytes;
    private final Path spillDir;
    private final Decoder<T> decoder;
    private byte[][] inMemory = new byte[256][];
    private long memoryBytes;
    private Path spillFile;
    private OutputStream spill;
    private FileChannel reader;
    private long spillLength;
    private long[] offsets = new long[0];
    private int[] lengths = new int[0];
    private long maxIndex = -1;

    /** @param spillDir where the temporary file goes (null: the JVM's temporary folder) */
    ResultStore(long spillBytes, Path spillDir, Decoder<T> decoder) {
        this.spillBytes = spillBytes;
        this.spillDir = spillDir;
        this.decoder = decoder;
    }

    /** Keeps a result's bytes, made by the caller (outside any lock); the store owns the array from now on. */
    void put(long index, byte[] encoded) throws IOException {
        put(index, encoded, 0, encoded.length, false);
    }

    /** Keeps {@code length} bytes of {@code bytes} at {@code offset}, copied (the caller may reuse its buffer). */
    void put(long index, byte[] bytes, int offset, int length) throws IOException {
        put(index, bytes, offset, length, true);
    }

    private void put(long index, byte[] bytes, int offset, int length, boolean copy) throws IOException {
        maxIndex = Math.max(maxIndex, index);
        if (spill == null && memoryBytes + length > spillBytes) {
            startSpilling();
        }
        if (spill == null) {
            int i = Math.toIntExact(index);
            if (i >= inMemory.length) {
                inMemory = Arrays.copyOf(inMemory, Math.max(i + 1, inMemory.length * 2));
            }
            inMemory[i] = copy ? Arrays.copyOfRange(bytes, offset, offset + length) : bytes;
            memoryBytes += length;
        } else {
            append(index, bytes, offset, length); // written out now: no copy needed
        }
    }

    /** Where the temporary file goes: the folder given, else the JVM's temporary folder. */
    Path spillPlace() {
        return spillDir != null ? spillDir : Path.of(System.getProperty("java.io.tmpdir"));
    }

    boolean spilled() {
        return spill != null;
    }

    private void startSpilling() throws IOException {
        spillFile = spillDir == null ? Files.createTempFile("gather-results-", ".bin")
                : Files.createTempFile(spillDir, "gather-results-", ".bin");
        spillFile.toFile().deleteOnExit();
        spill = new BufferedOutputStream(Files.newOutputStream(spillFile), 1 << 16);
        offsets = new long[Math.max(1024, inMemory.length)];
        lengths = new int[offsets.length];
        Arrays.fill(lengths, -1);
        byte[][] old = inMemory;
        inMemory = null;
        memoryBytes = 0;
        for (int i = 0; i < old.length; i++) {
            if (old[i] != null) {
                append(i, old[i], 0, old[i].length);
            }
        }
    }

    private void append(long index, byte[] bytes, int offset, int length) throws IOException {
        int i = Math.toIntExact(index);
        if (i >= offsets.length) {
            int n = Math.max(i + 1, offsets.length * 2);
            int old = lengths.length;
            offsets = Arrays.copyOf(offsets, n);
            lengths = Arrays.copyOf(lengths, n);
            Arrays.fill(lengths, old, n, -1);
        }
        spill.write(bytes, offset, length);
        offsets[i] = spillLength;
        lengths[i] = length;
        spillLength += length;
    }

    /**
     * Every stored entry, read back, in index order (an index without one is skipped). Reading the
     * spill file fails as an {@link UncheckedIOException}.
     */
    Iterable<T> inOrder() {
        return spill == null ? InMemory::new : () -> new Spilled(openReader());
    }

    private FileChannel openReader() {
        try {
            spill.flush();
            if (reader == null) {
                reader = FileChannel.open(spillFile, StandardOpenOption.READ);
            }
            return reader;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Walks the indices up to maxIndex, skipping those without a result. */
    private abstract class Walk implements Iterator<T> {
        private int next = -1;

        abstract boolean has(int i);

        abstract T read(int i) throws IOException;

        private int following() {
            int i = next + 1;
            while (i <= maxIndex && !has(i)) {
                i++;
            }
            return i;
        }

        @Override
        public boolean hasNext() {
            return following() <= maxIndex;
        }

        @Override
        public T next() {
            int i = following();
            if (i > maxIndex) {
                throw new NoSuchElementException();
            }
            next = i;
            try {
                return read(i);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private final class InMemory extends Walk {
        @Override
        boolean has(int i) {
            return i < inMemory.length && inMemory[i] != null;
        }

        @Override
        T read(int i) throws IOException {
            return decoder.decode(inMemory[i], 0, inMemory[i].length);
        }
    }

    private final class Spilled extends Walk {
        private final FileChannel ch;
        private final ByteBuffer window = ByteBuffer.allocate(WINDOW);
        private long windowStart;
        private int windowLength;

        Spilled(FileChannel ch) {
            this.ch = ch;
        }

        @Override
        boolean has(int i) {
            return i < lengths.length && lengths[i] >= 0;
        }

        @Override
        T read(int i) throws IOException {
            int len = lengths[i];
            long at = offsets[i];
            if (len > WINDOW) {
                ByteBuffer big = ByteBuffer.allocate(len);
                readFully(ch, big, at);
                return decoder.decode(big.array(), 0, len);
            }
            if (at < windowStart || at + len > windowStart + windowLength) {
                window.clear();
                windowStart = at;
                readFully(ch, window, at);
                windowLength = window.position();
            }
            return decoder.decode(window.array(), (int) (at - windowStart), len);
        }
    }

    /** Fills {@code buf} from {@code at} (up to its limit or the end of the file). */
    private static void readFully(FileChannel ch, ByteBuffer buf, long at) throws IOException {
        long pos = at;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos);
            if (n < 0) {
                break;
            }
            pos += n;
        }
    }

    @Override
    public void close() throws IOException {
        if (spill != null) {
            try (FileChannel r = reader) {
                spill.close();
            } finally {
                Files.deleteIfExists(spillFile);
            }
        }
    }
}
