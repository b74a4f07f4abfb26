package gather.body;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Keeps the decoded body, up to a bound, for the checks that need all of it at once (a regular
 * expression, a JSON document). Past the bound it keeps nothing more and says so: a large body
 * is never held whole.
 */
public final class BodyCapture implements BodyTap {
    /** The largest body a regex or JSON check reads: 8 MiB. */
    public static final int DEFAULT_LIMIT = 8 << 20;

    private final int limit;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private boolean overflowed;

    public BodyCapture(int limit) {
        this.limit = limit;
    }

    @Override
    public void feed(byte[] b, int off, int len) {
        if (overflowed) {
            return;
        }
        if (kept.size() + (long) len > limit) {
            overflowed = true;
            kept.reset();
            return;
        }
        kept.write(b, off, len);
    }

    /** The body was larger than the bound: nothing is kept. */
    public boolean overflowed() {
        return overflowed;
    }

    public int limit() {
        return limit;
    }

    /** The body's bytes (empty after an overflow). */
    public byte[] bytes() {
        return kept.toByteArray();
    }

    /** The body as UTF-8 text (malformed bytes become U+FFFD). */
    public String text() {
        return kept.toString(StandardCharsets.UTF_8);
    }
}
