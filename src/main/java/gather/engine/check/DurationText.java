package gather.engine.check;

import java.time.Duration;
import java.util.Locale;

/** Durations as a person writes them on the command line: 500ms, 2s, 1.5s, 1m, 12h, 14d; and measured times in ms. */
final class DurationText {
    private DurationText() { }

    static String of(Duration d) {
        long ms = d.toMillis();
        if (ms >= 86_400_000 && ms % 86_400_000 == 0) {
            return ms / 86_400_000 + "d";
        }
        if (ms >= 3_600_000 && ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms >= 60_000 && ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        if (ms >= 1000 && ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        if (ms >= 86_400_000) {
            return String.format(Locale.ROOT, "%.1fd", ms / 86_400_000.0);
        }
        return ms + "ms";
    }

    /** A measured time in milliseconds with one decimal, as the JSON timings: "812.3ms". */
    static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.1fms", nanos / 1e6);
    }
}
