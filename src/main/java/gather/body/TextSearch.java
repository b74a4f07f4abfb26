package gather.body;

/**
 * Streaming substring search (Knuth-Morris-Pratt over bytes): feed the body chunk by chunk, ask
 * {@link #found()} at the end. Used by --expect-text; holds only the pattern.
 */
public final class TextSearch implements BodyTap {
    private final byte[] pattern;
    private final int[] failure;
    private int matched;
    private boolean found;

    public TextSearch(byte[] pattern) {
        this.pattern = pattern;
        this.failure = new int[pattern.length];
        for (int i = 1, k = 0; i < pattern.length; i++) {
            while (k > 0 && pattern[i] != pattern[k]) {
                k = failure[k - 1];
            }
            if (pattern[i] == pattern[k]) {
                k++;
            }
            failure[i] = k;
        }
        this.found = pattern.length == 0;
    }

    @Override
    public void feed(byte[] b, int off, int len) {
        if (found) {
            return;
        }
        int k = matched;
        for (int i = off; i < off + len; i++) {
            while (k > 0 && b[i] != pattern[k]) {
                k = failure[k - 1];
            }
            if (b[i] == pattern[k]) {
                k++;
                if (k == pattern.length) {
                    found = true;
                    return;
                }
            }
        }
        matched = k;
    }

    public boolean found() {
        return found;
    }
}
