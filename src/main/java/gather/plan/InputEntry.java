package gather.plan;

/**
 * One URL of the input as the engine takes it, with what its batch-file line said about it.
 *
 * @param url    the URL as written
 * @param line   its 1-based line in the input file, or null for a URL argument
 * @param name   the line's label for reports ({@code name=...}), or null
 * @param checks the checks for this URL when its line replaced some ({@code status=...}), or null: the run's
 */
public record InputEntry(String url, Integer line, String name, CheckSet checks) {
    public static InputEntry of(String url) {
        return new InputEntry(url, null, null, null);
    }
}
