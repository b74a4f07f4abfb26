package gather.result;

import java.util.List;

/**
 * What went over the wire for one URL, in order, as {@code curl -v} shows it: every request head
 * sent and response head received (every redirect hop, every attempt) and short notes between
 * them (connection, failure, retry). Credentials in header values are hidden when an entry is
 * recorded, so a transcript never holds them. Recorded only when asked for (-v, -I); otherwise
 * {@link #NONE}.
 */
public record Transcript(List<Entry> entries) {
    public static final Transcript NONE = new Transcript(List.of());

    public Transcript {
        entries = List.copyOf(entries);
    }

    public enum Kind { NOTE, REQUEST, RESPONSE }

    /**
     * @param firstLine the request line, the status line, or a note's text
     * @param fields    header lines ("Name: value"); empty for a note
     */
    public record Entry(Kind kind, String firstLine, List<String> fields) {
        public Entry {
            fields = List.copyOf(fields);
        }
    }

    /** This transcript with {@code f} applied to every line (redaction at the output boundary). */
    public Transcript mapText(java.util.function.UnaryOperator<String> f) {
        if (entries.isEmpty()) {
            return this;
        }
        List<Entry> mapped = new java.util.ArrayList<>(entries.size());
        for (Entry e : entries) {
            mapped.add(new Entry(e.kind(), f.apply(e.firstLine()), e.fields().stream().map(f).toList()));
        }
        return new Transcript(mapped);
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The last response head received, or null. */
    public Entry lastResponse() {
        for (int i = entries.size() - 1; i >= 0; i--) {
            if (entries.get(i).kind() == Kind.RESPONSE) {
                return entries.get(i);
            }
        }
        return null;
    }
}
