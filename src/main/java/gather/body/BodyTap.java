package gather.body;

/** Sees the decoded body as it streams through a {@link BodySink}, in order, chunk by chunk. */
public interface BodyTap {
    void feed(byte[] b, int off, int len);
}
