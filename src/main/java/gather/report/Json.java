package gather.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;

/**
 * How gather writes JSON: Jackson's streaming generator (jackson-core only, no ObjectMapper),
 * configured once, and the contract's number formats, which a double cannot give ("20000.0",
 * never "2.0E4"; one or two decimals, rounded half up). Strings are written with each lone
 * surrogate (which has no UTF-8 form) replaced by U+FFFD and valid pairs as their 4-byte
 * character.
 */
final class Json {
    /** Immutable once built and safe to share between threads. */
    private static final JsonFactory FACTORY = new JsonFactoryBuilder()
            .rootValueSeparator((String) null)
            .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();

    private Json() { }

    /** UTF-8 bytes onto {@code out} (not closed by the generator). */
    static JsonGenerator generator(OutputStream out) throws IOException {
        return FACTORY.createGenerator(out, JsonEncoding.UTF8);
    }

    /**
     * Onto {@code w}, after what it holds: as bytes when it is a {@link Utf8PrintWriter} (main's
     * stdout: no decoding and encoding again), else as characters. Nothing else may write to
     * {@code w} until the generator is flushed.
     */
    static JsonGenerator generator(PrintWriter w) throws IOException {
        return w instanceof Utf8PrintWriter u
                ? generator(new BufferedOutputStream(u.bytesAfterCharacters(), 1 << 16))
                : FACTORY.createGenerator((Writer) w);
    }

    /** A field name written as ready bytes: the result writer's names, made once (Jackson quotes a String name on every write). */
    static SerializableString name(String name) {
        return new SerializedString(name);
    }

    static void text(JsonGenerator g, SerializableString name, String value) throws IOException {
        g.writeFieldName(name);
        if (value == null) {
            g.writeNull();
        } else {
            // As characters: one copy (an intrinsic) that the check and Jackson then walk as an
            // array, faster than two walks with String.charAt where it matters, under C1.
            char[] chars = value.toCharArray();
            cleanInPlace(chars);
            g.writeString(chars, 0, chars.length);
        }
    }

    /** Each lone surrogate in {@code c} replaced by U+FFFD; valid pairs stay. */
    static void cleanInPlace(char[] c) {
        for (int i = 0; i < c.length; i++) {
            char ch = c[i];
            if (ch >= Character.MIN_SURROGATE && ch <= Character.MAX_SURROGATE) {
                if (Character.isHighSurrogate(ch) && i + 1 < c.length && Character.isLowSurrogate(c[i + 1])) {
                    i++;
                } else {
                    c[i] = '\ufffd';
                }
            }
        }
    }

    /** A string gather made itself (hex digits, an address, a TLS or error-kind name): nothing to clean. */
    static void plain(JsonGenerator g, SerializableString name, String value) throws IOException {
        g.writeFieldName(name);
        if (value == null) {
            g.writeNull();
        } else {
            g.writeString(value);
        }
    }

    static void number(JsonGenerator g, SerializableString name, Number whole) throws IOException {
        g.writeFieldName(name);
        if (whole == null) {
            g.writeNull();
        } else {
            g.writeNumber(whole.longValue());
        }
    }

    static void number(JsonGenerator g, SerializableString name, long whole) throws IOException {
        g.writeFieldName(name);
        g.writeNumber(whole);
    }

    static void bool(JsonGenerator g, SerializableString name, boolean value) throws IOException {
        g.writeFieldName(name);
        g.writeBoolean(value);
    }

    /** Nanoseconds as milliseconds with one decimal ("75.8", "0.0"), rounded half up. */
    static void millis(JsonGenerator g, SerializableString name, long nanos) throws IOException {
        g.writeFieldName(name);
        char[] digits = new char[24];
        int start = decimal(Math.round(nanos / 1e5), 1, digits);
        g.writeNumber(digits, start, digits.length - start);
    }

    // The same with a String name: the summary's fields, written once a run.

    static void plain(JsonGenerator g, String name, String value) throws IOException {
        plain(g, name(name), value);
    }

    static void number(JsonGenerator g, String name, Number whole) throws IOException {
        number(g, name(name), whole);
    }

    static void millis(JsonGenerator g, String name, long nanos) throws IOException {
        millis(g, name(name), nanos);
    }

    /** {@code value} (finite) with {@code decimals} (1 or 2) places, rounded half up ("18.7", "1.52"). */
    static void fixed(JsonGenerator g, String name, double value, int decimals) throws IOException {
        g.writeFieldName(name);
        g.writeNumber(decimal(Math.round(value * (decimals == 1 ? 10 : 100)), decimals));
    }

    /**
     * {@code scaled} (the value times 10 or 100) with {@code decimals} (1 or 2) places: "18.7",
     * "-0.05". Also the human summary line's numbers, so both print alike.
     */
    static String decimal(long scaled, int decimals) {
        char[] digits = new char[24];
        int start = decimal(scaled, decimals, digits);
        return new String(digits, start, digits.length - start);
    }

    /** {@link #decimal(long, int)} into the end of {@code out} (24 chars): returns where it starts. */
    private static int decimal(long scaled, int decimals, char[] out) {
        int at = out.length;
        boolean negative = scaled < 0;
        long v = negative ? -scaled : scaled; // |Long.MIN_VALUE| is not a number of nanoseconds or a rate
        for (int i = 0; i < decimals; i++) {
            out[--at] = (char) ('0' + v % 10);
            v /= 10;
        }
        out[--at] = '.';
        do {
            out[--at] = (char) ('0' + v % 10);
            v /= 10;
        } while (v > 0);
        if (negative) {
            out[--at] = '-';
        }
        return at;
    }

    /** {@code s} with each lone surrogate replaced by U+FFFD (the same string when it has none). */
    static String clean(String s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            if (Character.isSurrogate(s.charAt(i))) {
                char[] chars = s.toCharArray();
                cleanInPlace(chars);
                return new String(chars);
            }
        }
        return s;
    }
}
