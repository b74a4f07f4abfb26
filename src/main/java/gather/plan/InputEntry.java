package gather.plan;

/**
 * One URL of the input as the engine takes it, with what its batch-file line said about it.
 *
 * @param url    the URL as written
 * @param line   its 1-based line in the input file, or null for a URL argument
 * @param name   the line's label for reports ({@code name=...}), or null
 * @param checks the checks for this URL when its line replaced some ({@code status=...}), or null: the run's
 * @param index  its position in the whole input when that is not the order it is taken in (--shard), or null
 */
public record InputEntry(String url, Integer line, String name, CheckSet checks, Long index) {
    public InputEntry(String url, Integer line, String name, CheckSet checks) {
        this(url, line, name, checks, null);
    }

    public static InputEntry of(String url) {
        return new InputEntry(url, null, null, null, null);
    }

    /** This entry at a fixed position of the whole input (a shard keeps the positions of the batch). */
    public InputEntry at(long position) {
        return new InputEntry(url, line, name, checks, position);
    }
}
