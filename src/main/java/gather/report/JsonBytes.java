package gather.report;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * JSON as UTF-8 bytes: strings escaped (RFC 8259) and encoded in one pass, keys prepared once as
 * byte arrays ({@link #key}) and copied whole. Each result is written with it directly
 * (ResultJson), the summary through {@link JsonOut}; the JSON document stores and prints these
 * bytes as they are. Bytes, not a StringBuilder then an encoding, because a result is written
 * for every URL: built with about a hundred appends and then encoded, a result took ~6% of the
 * CPU of a 50,000-page run.
 */
final class JsonBytes {
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private byte[] buf;
    private int len;

    JsonBytes(int capacity) {
        buf = new byte[capacity];
    }

    /** {@code "name":} as bytes, after a comma unless it is the first member of its object. */
    static byte[] key(String name, boolean first) {
        return ((first ? "\"" : ",\"") + name + "\":").getBytes(StandardCharsets.US_ASCII);
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, len);
    }

    JsonBytes raw(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, len, b.length);
        len += b.length;
        return this;
    }

    JsonBytes raw(char ascii) {
        ensure(1);
        buf[len++] = (byte) ascii;
        return this;
    }

    JsonBytes nul() {
        return raw(NULL);
    }

    JsonBytes bool(boolean v) {
        return raw(v ? TRUE : FALSE);
    }

    /** A whole number, or null. */
    JsonBytes number(Number v) {
        return v == null ? nul() : number(v.longValue());
    }

    JsonBytes number(long v) {
        ensure(20);
        if (v < 0) {
            if (v == Long.MIN_VALUE) {
                return raw(Long.toString(v).getBytes(StandardCharsets.US_ASCII));
            }
            buf[len++] = '-';
            v = -v;
        }
        int digits = 1;
        for (long x = v; x >= 10; x /= 10) {
            digits++;
        }
        int end = len + digits;
        for (int i = end - 1; i >= len; i--) {
            buf[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        len = end;
        return this;
    }

    /** Nanoseconds as milliseconds with one decimal ("75.8", "0.0"), rounded half up. */
    JsonBytes millis(long nanos) {
        return decimal(Math.round(nanos / 1e5), 1);
    }

    /**
     * {@code scaled} (the value times 10 or 100) with {@code decimals} (1 or 2) places: "18.7",
     * "-0.05". Also the human summary line's numbers ({@link #decimalString}), so both print alike.
     */
    JsonBytes decimal(long scaled, int decimals) {
        long scale = decimals == 1 ? 10 : 100;
        if (scaled < 0) {
            raw('-');
            scaled = -scaled;
        }
        number(scaled / scale).raw('.');
        long frac = scaled % scale;
        if (decimals == 2 && frac < 10) {
            raw('0');
        }
        return number(frac);
    }

    /** {@link #decimal} as a String. */
    static String decimalString(long scaled, int decimals) {
        return new String(new JsonBytes(24).decimal(scaled, decimals).toByteArray(), StandardCharsets.US_ASCII);
    }

    /**
     * A JSON string, or null: {@code "}, {@code \}, the C0 controls and DEL escaped, a valid
     * surrogate pair as its character, a lone surrogate as U+FFFD (escaped: it cannot be
     * encoded); everything else as its UTF-8 bytes.
     */
    JsonBytes string(String s) {
        if (s == null) {
            return nul();
        }
        int n = s.length();
        ensure(2 + 6 * n); // the most a char can take: six bytes, as a \\u escape
        byte[] b = buf;
        int p = len;
        b[p++] = '"';
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                if (c >= 0x20 && c != '"' && c != '\\' && c != 0x7f) {
                    b[p++] = (byte) c;
                    continue;
                }
                b[p++] = '\\';
                switch (c) {
                    case '"' -> b[p++] = '"';
                    case '\\' -> b[p++] = '\\';
                    case '\n' -> b[p++] = 'n';
                    case '\r' -> b[p++] = 'r';
                    case '\t' -> b[p++] = 't';
                    default -> {
                        b[p++] = 'u';
                        b[p++] = '0';
                        b[p++] = '0';
                        b[p++] = HEX[c >> 4];
                        b[p++] = HEX[c & 15];
                    }
                }
            } else if (c < 0x800) {
                b[p++] = (byte) (0xc0 | c >> 6);
                b[p++] = (byte) (0x80 | c & 0x3f);
            } else if (!Character.isSurrogate(c)) {
                b[p++] = (byte) (0xe0 | c >> 12);
                b[p++] = (byte) (0x80 | c >> 6 & 0x3f);
                b[p++] = (byte) (0x80 | c & 0x3f);
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                b[p++] = (byte) (0xf0 | cp >> 18);
                b[p++] = (byte) (0x80 | cp >> 12 & 0x3f);
                b[p++] = (byte) (0x80 | cp >> 6 & 0x3f);
                b[p++] = (byte) (0x80 | cp & 0x3f);
            } else {
                // a lone surrogate cannot be encoded: the replacement character, escaped
                b[p++] = '\\';
                b[p++] = 'u';
                b[p++] = 'f';
                b[p++] = 'f';
                b[p++] = 'f';
                b[p++] = 'd';
            }
        }
        b[p++] = '"';
        len = p;
        return this;
    }

    private void ensure(int more) {
        if (len + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
        }
    }
}
