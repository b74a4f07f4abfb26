package gather.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Serialized results by input index, so the JSON document comes out in input order without
 * holding result objects. Small runs stay in memory; past {@code spillBytes} the JSON goes to a
 * temporary file and only (offset, length) per index stays in the heap.
 */
final class ResultStore implements AutoCloseable {
    private final long spillBytes;
    private byte[][] inMemory = new byte[256][];
    private long memoryBytes;
    private Path spillFile;
    private RandomAccessFile spill;
    private long[] offsets = new long[0];
    private int[] lengths = new int[0];
    private long count;
    private long maxIndex = -1;

    ResultStore(long spillBytes) {
        this.spillBytes = spillBytes;
    }

    void put(long index, byte[] json) throws IOException {
        count++;
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
        spillFile = Files.createTempFile("gather-results-", ".jsonl");
        spillFile.toFile().deleteOnExit();
        spill = new RandomAccessFile(spillFile.toFile(), "rw");
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
        long at = spill.length();
        spill.seek(at);
        spill.write(json);
        offsets[i] = at;
        lengths[i] = json.length;
    }

    long count() {
        return count;
    }

    /** Writes every stored result in index order, separated by ",\n". */
    void writeInOrder(OutputStream out) throws IOException {
        boolean first = true;
        for (long idx = 0; idx <= maxIndex; idx++) {
            int i = (int) idx;
            byte[] json;
            if (spill == null) {
                json = i < inMemory.length ? inMemory[i] : null;
            } else if (i < lengths.length && lengths[i] >= 0) {
                json = new byte[lengths[i]];
                spill.seek(offsets[i]);
                spill.readFully(json);
            } else {
                json = null;
            }
            if (json == null) {
                continue;
            }
            if (!first) {
                out.write(',');
                out.write('\n');
            }
            first = false;
            out.write(json);
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
