package gather.report;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Serialized results by input index, so the JSON document comes out in input order without
 * holding result objects. Small runs stay in memory; past {@code spillBytes} the JSON goes to a
 * temporary file (appended through a buffer) and only (offset, length) per index stays in the
 * heap: 12 bytes per URL. Reading back in index order goes through a 1 MiB window, since results
 * finish roughly in input order.
 */
final class ResultStore implements AutoCloseable {
    private static final int WINDOW = 1 << 20;

    private final long spillBytes;
    private byte[][] inMemory = new byte[256][];
    private long memoryBytes;
    private Path spillFile;
    private OutputStream spill;
    private long spillLength;
    private long[] offsets = new long[0];
    private int[] lengths = new int[0];
    private long maxIndex = -1;

    ResultStore(long spillBytes) {
        this.spillBytes = spillBytes;
    }

    void put(long index, byte[] json) throws IOException {
        maxIndex = Math.max(maxIndex, index);
        if (spill == null && memoryBytes + json.length > spillBytes) {
            startSpilling();
        }
        if (spill == null) {
            int i = Math.toIntExact(index);
            if (i >= inMemory.length) {
                inMemory = Arrays.copyOf(inMemory, Math.max(i + 1, inMemory.length * 2));
            }
            inMemory[i] = json;
            memoryBytes += json.length;
        } else {
            append(index, json);
        }
    }

    private void startSpilling() throws IOException {
        spillFile = Files.createTempFile("gather-results-", ".json");
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
                append(i, old[i]);
            }
        }
    }

    private void append(long index, byte[] json) throws IOException {
        int i = Math.toIntExact(index);
        if (i >= offsets.length) {
            int n = Math.max(i + 1, offsets.length * 2);
            int old = lengths.length;
            offsets = Arrays.copyOf(offsets, n);
            lengths = Arrays.copyOf(lengths, n);
            Arrays.fill(lengths, old, n, -1);
        }
        spill.write(json);
        offsets[i] = spillLength;
        lengths[i] = json.length;
        spillLength += json.length;
    }

    /** Writes every stored result in index order, separated by ",\n". */
    void writeInOrder(OutputStream out) throws IOException {
        if (spill == null) {
            boolean first = true;
            for (int i = 0; i <= maxIndex && i < inMemory.length; i++) {
                if (inMemory[i] != null) {
                    first = separate(out, first);
                    out.write(inMemory[i]);
                }
            }
            return;
        }
        spill.flush();
        try (FileChannel ch = FileChannel.open(spillFile, StandardOpenOption.READ)) {
            ByteBuffer window = ByteBuffer.allocate(WINDOW);
            long windowStart = 0;
            int windowLength = 0;
            boolean first = true;
            for (int i = 0; i <= maxIndex && i < lengths.length; i++) {
                int len = lengths[i];
                if (len < 0) {
                    continue;
                }
                first = separate(out, first);
                long at = offsets[i];
                if (len > WINDOW) {
                    ByteBuffer big = ByteBuffer.allocate(len);
                    readFully(ch, big, at);
                    out.write(big.array(), 0, len);
                    continue;
                }
                if (at < windowStart || at + len > windowStart + windowLength) {
                    window.clear();
                    windowStart = at;
                    readFully(ch, window, at);
                    windowLength = window.position();
                }
                out.write(window.array(), (int) (at - windowStart), len);
            }
        }
    }

    private static boolean separate(OutputStream out, boolean first) throws IOException {
        if (!first) {
            out.write(',');
            out.write('\n');
        }
        return false;
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
            spill.close();
            Files.deleteIfExists(spillFile);
        }
    }
}
