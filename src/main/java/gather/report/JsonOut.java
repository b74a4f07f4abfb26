package gather.report;

/**
 * A small JSON writer for the summary object: appends to a StringBuilder, escapes strings as
 * RFC 8259 requires, writes milliseconds with one decimal. Each result, the per-URL hot path, is
 * written as bytes by {@link JsonBytes}, which escapes alike. Hand-written: a general JSON
 * library costs more to run and far more to JIT-compile than these few lines. Tests parse every
 * shape with Jackson.
 */
final class JsonOut {
    private final StringBuilder sb;
    private boolean needComma;

    JsonOut(StringBuilder sb) {
        this.sb = sb;
    }

    JsonOut begin() {
        comma();
        sb.append('{');
        needComma = false;
        return this;
    }

    JsonOut begin(String name) {
        name(name);
        sb.append('{');
        needComma = false;
        return this;
    }

    JsonOut end() {
        sb.append('}');
        needComma = true;
        return this;
    }

    JsonOut beginArray(String name) {
        name(name);
        sb.append('[');
        needComma = false;
        return this;
    }

    JsonOut endArray() {
        sb.append(']');
        needComma = true;
        return this;
    }

    JsonOut field(String name, String value) {
        name(name);
        if (value == null) {
            sb.append("null");
        } else {
            string(sb, value);
        }
        return this;
    }

    JsonOut field(String name, long value) {
        name(name);
        sb.append(value);
        return this;
    }

    /** Nanoseconds as milliseconds with one decimal ("75.8", "0.0"). */
    JsonOut millis(String name, long nanos) {
        name(name);
        long tenths = Math.round(nanos / 1e5);
        return decimal(tenths, 1);
    }

    /** A value with a fixed number of decimals, rounded half up ("18.7", "1.52"). */
    JsonOut number(String name, double value, int decimals) {
        name(name);
        long scale = decimals == 1 ? 10 : 100;
        return decimal(Math.round(value * scale), decimals);
    }

    private JsonOut decimal(long scaled, int decimals) {
        decimal(sb, scaled, decimals);
        return this;
    }

    /**
     * {@code scaled} (the value times 10 or 100) with {@code decimals} (1 or 2) places: "18.7",
     * "-0.05". Also the human summary line's numbers (Reporter), so both print alike.
     */
    static StringBuilder decimal(StringBuilder sb, long scaled, int decimals) {
        long scale = decimals == 1 ? 10 : 100;
        if (scaled < 0) {
            sb.append('-');
            scaled = -scaled;
        }
        sb.append(scaled / scale).append('.');
        long frac = scaled % scale;
        if (decimals == 2 && frac < 10) {
            sb.append('0');
        }
        return sb.append(frac);
    }

    private void name(String name) {
        comma();
        sb.append('"').append(name).append("\":");
        needComma = true;
    }

    private void comma() {
        if (needComma) {
            sb.append(',');
        }
    }

    static void string(StringBuilder sb, String s) {
        sb.append('"');
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\' && c != 0x7f && !Character.isSurrogate(c)) {
                continue;
            }
            sb.append(s, start, i);
            start = i + 1;
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                        sb.append(c).append(s.charAt(i + 1)); // a valid pair: the character itself
                        i++;
                        start = i + 1;
                    } else if (Character.isSurrogate(c)) {
                        sb.append("\\ufffd"); // a lone surrogate cannot be encoded: the replacement character
                    } else {
                        sb.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
                    }
                }
            }
        }
        sb.append(s, start, s.length()).append('"');
    }
}
