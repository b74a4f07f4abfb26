package gather.io;

import java.io.IOException;
import java.io.InputStream;

/**
 * An input stream that is read in blocks: a subclass implements {@link #read(byte[], int, int)}
 * and the single-byte {@link #read()} goes through it. (InputStream's own default goes the other
 * way, a byte at a time.) gather's body streams (framing, limits, decoding, throttling) are all such.
 */
public abstract class BlockInputStream extends InputStream {
    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public abstract int read(byte[] b, int off, int len) throws IOException;
}
