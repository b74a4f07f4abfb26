package gather.engine.check;

import gather.body.BodyCapture;
import gather.body.BodyTap;
import gather.body.TextSearch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What watches one response's body as it streams, for the checks: a search per expected text,
 * and the bounded body itself (null: no check needs it).
 */
public record BodyWatch(Map<String, TextSearch> searches, BodyCapture capture) {
    public static final BodyWatch NONE = new BodyWatch(Map.of(), null);

    /** What the body sink must feed. */
    public List<BodyTap> taps() {
        if (capture == null) {
            return List.copyOf(searches.values());
        }
        List<BodyTap> all = new ArrayList<>(searches.values());
        all.add(capture);
        return all;
    }
}
