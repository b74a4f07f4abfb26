package gather.compare;

import java.util.Locale;

/**
 * When a slower result counts as a latency regression: its total time grew by more than
 * {@code ratio} of the old time AND by at least {@code floorMs} milliseconds. Both must hold, so
 * a 4 ms page that took 9 ms (125% slower, but 5 ms) does not flap, and neither does a 10 s
 * download that took 100 ms longer.
 *
 * @param ratio   0.5 for 50%
 * @param floorMs the smallest increase, in milliseconds, that can count
 */
public record LatencyThreshold(double ratio, double floorMs) {
    public static final LatencyThreshold DEFAULT = new LatencyThreshold(0.5, 100);

    public LatencyThreshold {
        if (!(ratio >= 0) || !(floorMs >= 0) || Double.isInfinite(ratio) || Double.isInfinite(floorMs)) {
            throw new IllegalArgumentException("a latency threshold is not negative");
        }
    }

    /** True when going from {@code oldMs} to {@code newMs} crosses this threshold. */
    public boolean exceeded(double oldMs, double newMs) {
        double increase = newMs - oldMs;
        return increase > oldMs * ratio && increase >= floorMs && increase > 0;
    }

    /**
     * "50%", "100ms", "2s" or both joined by a comma ("50%,100ms"): what is given replaces the
     * default's part of the same kind, the other keeps the default.
     *
     * @throws IllegalArgumentException with a message for the user
     */
    public static LatencyThreshold parse(String text) {
        String[] parts = text.split(",", -1);
        if (parts.length > 2) {
            throw new IllegalArgumentException(bad(text));
        }
        Double ratio = null;
        Double floor = null;
        for (String part : parts) {
            String p = part.strip().toLowerCase(Locale.ROOT);
            try {
                if (p.endsWith("%") && ratio == null) {
                    ratio = Double.parseDouble(p.substring(0, p.length() - 1)) / 100;
                } else if (p.endsWith("ms") && floor == null) {
                    floor = Double.parseDouble(p.substring(0, p.length() - 2));
                } else if (p.endsWith("s") && floor == null) {
                    floor = Double.parseDouble(p.substring(0, p.length() - 1)) * 1000;
                } else {
                    throw new IllegalArgumentException(bad(text));
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(bad(text));
            }
        }
        try {
            return new LatencyThreshold(ratio == null ? DEFAULT.ratio : ratio, floor == null ? DEFAULT.floorMs : floor);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(bad(text));
        }
    }

    private static String bad(String text) {
        return "'" + text + "' is not a latency threshold: give a percentage, a duration or both,"
                + " e.g. 50%, 100ms, 50%,100ms";
    }

    /** "50% and 100 ms". */
    public String describe() {
        return Math.round(ratio * 1000) / 10.0 + "% and " + Math.round(floorMs * 10) / 10.0 + " ms";
    }
}
