package gather.jmh;

import java.io.InputStream;

/**
 * An in-memory stream for the benchmarks: returns as much as asked (like a socket with the data
 * already in its receive buffer), not synchronized (unlike ByteArrayInputStream, whose lock would
 * be measured too), and {@link #rewind() rewound} for the next operation instead of reallocated.
 */
final class MemoryStream extends InputStream {
    private final byte[] data;
    private int pos;

    MemoryStream(byte[] data) {
        this.data = data;
    }

    void rewind() {
        pos = 0;
    }

    @Override
    public int read() {
        return pos < data.length ? data[pos++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (len == 0) {
            return 0;
        }
        int n = Math.min(len, data.length - pos);
        if (n <= 0) {
            return -1;
        }
        System.arraycopy(data, pos, b, off, n);
        pos += n;
        return n;
    }
}
