package gather.http1;

/**
 * Sizes a server controls, bounded. {@code maxHeadBytes} bounds a whole response head (status
 * line and header lines); {@code maxLineBytes} any single line; {@code maxHeaders} the number of
 * fields; {@code maxChunkLineBytes} a chunk-size line with its extensions; {@code maxTrailerBytes}
 * the trailer section.
 */
public record HttpLimits(int maxHeadBytes, int maxLineBytes, int maxHeaders, int maxChunkLineBytes,
                         int maxTrailerBytes) {
    public static final HttpLimits DEFAULT = new HttpLimits(256 * 1024, 100 * 1024, 256, 4096, 16 * 1024);
}
