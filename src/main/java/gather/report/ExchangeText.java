package gather.report;

import gather.result.FetchResult;
import gather.result.Transcript;
import java.io.PrintWriter;

/**
 * A URL's exchanges as text: with -v its whole transcript, as {@code curl -v} writes it
 * ("* " notes, "> " request heads, "< " response heads), and with -I its final response head, as
 * {@code curl -I} writes it. Both are made whole per URL and written in one piece under the
 * fan-out's lock, just before the URL's human line (this report comes first in the fan-out), so
 * concurrent URLs never interleave.
 */
public final class ExchangeText implements Report {
    public static final ExchangeText OFF = new ExchangeText(null, null);

    private final PrintWriter transcriptOut;
    private final PrintWriter headOut;

    /**
     * @param transcriptOut where -v's transcripts go (stderr), or null without -v
     * @param headOut       where -I's response heads go, or null when they are not shown
     */
    public ExchangeText(PrintWriter transcriptOut, PrintWriter headOut) {
        this.transcriptOut = transcriptOut;
        this.headOut = headOut;
    }

    /** What to write for this result (either part may be null); made before taking the output lock. */
    public Text text(FetchResult r) {
        if (transcriptOut == null && headOut == null) {
            return null;
        }
        Transcript.Entry last = headOut == null ? null : r.transcript().lastResponse();
        return new Text(transcriptOut == null ? null : transcript(r), last == null ? null : head(last));
    }

    /** Writes a result's text; the caller holds the lock that keeps output whole. */
    public void write(Text t) {
        if (t == null) {
            return;
        }
        if (t.transcript() != null) {
            transcriptOut.print(t.transcript());
            transcriptOut.flush(); // before the URL's line, which may go to the other stream
        }
        if (t.head() != null) {
            headOut.print(t.head());
        }
    }

    @Override
    public void onResult(FetchResult r) {
        write(text(r));
    }

    @Override
    public void finish(RunSummary run) {
        flush();
    }

    @Override
    public void flush() {
        if (headOut != null) {
            headOut.flush();
        }
    }

    /** The two texts of one result. */
    public record Text(String transcript, String head) { }

    /** The transcript block: a first note naming the URL, then each entry; each head ends with a bare "&gt;" or "&lt;". */
    static String transcript(FetchResult r) {
        StringBuilder sb = new StringBuilder(512);
        sb.append("* #").append(r.index()).append(' ').append(r.url()).append('\n');
        for (Transcript.Entry e : r.transcript().entries()) {
            switch (e.kind()) {
                case NOTE -> sb.append("* ").append(e.firstLine()).append('\n');
                case REQUEST -> head(sb, '>', e);
                case RESPONSE -> head(sb, '<', e);
            }
        }
        return sb.toString();
    }

    private static void head(StringBuilder sb, char mark, Transcript.Entry e) {
        sb.append(mark).append(' ').append(e.firstLine()).append('\n');
        for (String f : e.fields()) {
            sb.append(mark).append(' ').append(f).append('\n');
        }
        sb.append(mark).append('\n');
    }

    /** A response head as curl -I prints it: the status line, the fields, an empty line. */
    static String head(Transcript.Entry response) {
        StringBuilder sb = new StringBuilder(256);
        sb.append(response.firstLine()).append('\n');
        for (String f : response.fields()) {
            sb.append(f).append('\n');
        }
        return sb.append('\n').toString();
    }
}
