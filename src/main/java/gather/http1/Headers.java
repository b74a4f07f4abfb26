package gather.http1;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Header fields in arrival order; names compare case-insensitively; repeated names are kept. */
public final class Headers {
    private final List<String> names = new ArrayList<>();
    private final List<String> values = new ArrayList<>();

    public void add(String name, String value) {
        names.add(name);
        values.add(value);
    }

    public int size() {
        return names.size();
    }

    public String name(int i) {
        return names.get(i);
    }

    public String value(int i) {
        return values.get(i);
    }

    /** Replaces the value of the last field (obs-fold continuation joins onto it with one SP). */
    void appendToLast(String more) {
        if (more.isEmpty()) {
            return;
        }
        int last = values.size() - 1;
        String value = values.get(last);
        values.set(last, value.isEmpty() ? more : value + " " + more);
    }

    public String first(String name) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                return values.get(i);
            }
        }
        return null;
    }

    public List<String> all(String name) {
        List<String> out = null;
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                if (out == null) {
                    out = new ArrayList<>(2);
                }
                out.add(values.get(i));
            }
        }
        return out == null ? Collections.emptyList() : out;
    }

    /** All comma-separated elements of every field with this name, trimmed, empty ones dropped. */
    public List<String> elements(String name) {
        List<String> out = new ArrayList<>(2);
        for (String v : all(name)) {
            for (String part : v.split(",", -1)) {
                String t = ResponseHead.trimOws(part);
                if (!t.isEmpty()) {
                    out.add(t);
                }
            }
        }
        return out;
    }

    public boolean has(String name) {
        return first(name) != null;
    }

    /** True when a comma-separated field with this name holds the token (case-insensitive). */
    public boolean hasToken(String name, String token) {
        for (String e : elements(name)) {
            if (e.equalsIgnoreCase(token)) {
                return true;
            }
        }
        return false;
    }
}
