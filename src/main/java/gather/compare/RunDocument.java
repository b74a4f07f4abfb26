package gather.compare;

import java.util.List;

/**
 * The results of one run, in that run's input order.
 *
 * @param source where they came from, for messages (a file name, or "this run")
 */
public record RunDocument(String source, List<RunResult> results) {
    public RunDocument {
        results = List.copyOf(results);
    }

    /** The failed results, in input order. */
    public List<RunResult> failed() {
        return results.stream().filter(r -> !r.ok()).toList();
    }
}
