package gather.compare;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The results of one run, in that run's input order.
 *
 * @param source where they came from, for messages (a file name, or "this run")
 * @param nodes   each result's whole JSON object (only when read for a merge; else empty)
 * @param started the run's "started" text, or null; {@code wallMs} its wall_ms
 */
public record RunDocument(String source, List<RunResult> results, List<JsonNode> nodes, String started, double wallMs) {
    public RunDocument {
        results = List.copyOf(results);
        nodes = List.copyOf(nodes);
    }

    public RunDocument(String source, List<RunResult> results) {
        this(source, results, List.of(), null, 0);
    }

    /** The failed results, in input order. */
    public List<RunResult> failed() {
        return results.stream().filter(r -> !r.ok()).toList();
    }
}
