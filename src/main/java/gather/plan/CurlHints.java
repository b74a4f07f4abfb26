package gather.plan;

/**
 * What a reproducing curl command needs that the engine's options no longer say: the file a
 * request body came from ({@code -d @FILE}) and the --cacert file. Either may be null.
 */
public record CurlHints(String bodyFile, String cacert) {
    public static final CurlHints NONE = new CurlHints(null, null);
}
