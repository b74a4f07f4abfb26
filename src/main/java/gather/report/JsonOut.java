package gather.report;

/**
 * The summary object's JSON, with names and commas tracked for nested objects; it writes through
 * {@link JsonBytes}, as each result does, so strings are escaped and numbers printed in one way
 * only. Hand-written: a general JSON library costs more to run and far more to JIT-compile than
 * these few lines. Tests parse every shape with Jackson.
 */
final class JsonOut {
    private final JsonBytes out = new JsonBytes(1024);
    private boolean needComma;

    byte[] toByteArray() {
        return out.toByteArray();
    }

    JsonOut begin() {
        comma();
        out.raw('{');
        needComma = false;
        return this;
    }

    JsonOut begin(String name) {
        name(name);
        out.raw('{');
        needComma = false;
        return this;
    }

    JsonOut end() {
        out.raw('}');
        needComma = true;
        return this;
    }

    JsonOut beginArray(String name) {
        name(name);
        out.raw('[');
        needComma = false;
        return this;
    }

    JsonOut endArray() {
        out.raw(']');
        needComma = true;
        return this;
    }

    JsonOut field(String name, String value) {
        name(name);
        out.string(value);
        return this;
    }

    JsonOut field(String name, long value) {
        name(name);
        out.number(value);
        return this;
    }

    /** Nanoseconds as milliseconds with one decimal ("75.8", "0.0"). */
    JsonOut millis(String name, long nanos) {
        name(name);
        out.millis(nanos);
        return this;
    }

    /** A value with a fixed number of decimals (1 or 2), rounded half up ("18.7", "1.52"). */
    JsonOut number(String name, double value, int decimals) {
        name(name);
        out.decimal(Math.round(value * (decimals == 1 ? 10 : 100)), decimals);
        return this;
    }

    private void name(String name) {
        comma();
        out.string(name).raw(':');
        needComma = true;
    }

    private void comma() {
        if (needComma) {
            out.raw(',');
        }
    }
}
