package gather.plan;

import java.util.BitSet;

/** Statuses that count as success: "200-299", "200,301-304". */
public final class StatusSet {
    private final BitSet bits = new BitSet(600);
    private final String text;

    private StatusSet(String text) {
        this.text = text;
    }

    public static final StatusSet DEFAULT = parse("200-299");

    /** Throws IllegalArgumentException with a user-facing message on bad input. */
    public static StatusSet parse(String text) {
        StatusSet s = new StatusSet(text.strip());
        for (String part : text.split(",")) {
            String p = part.strip();
            if (p.isEmpty()) {
                throw new IllegalArgumentException("empty entry in status list '" + text + "'");
            }
            int dash = p.indexOf('-');
            int lo;
            int hi;
            try {
                lo = Integer.parseInt(dash < 0 ? p : p.substring(0, dash).strip());
                hi = dash < 0 ? lo : Integer.parseInt(p.substring(dash + 1).strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + p + "' is not a status or a range like 200-299");
            }
            if (lo < 100 || hi > 599 || lo > hi) {
                throw new IllegalArgumentException("status range '" + p + "' must lie within 100-599");
            }
            s.bits.set(lo, hi + 1);
        }
        return s;
    }

    public boolean accepts(int status) {
        return status >= 0 && status < 600 && bits.get(status);
    }

    @Override
    public String toString() {
        return text;
    }
}
