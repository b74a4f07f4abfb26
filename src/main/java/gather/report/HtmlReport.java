package gather.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import gather.result.ErrorKind;
import gather.result.FetchResult;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The HTML report (--report FILE.html): one self-contained page, no network, with the run's
 * totals, a waterfall of every request on one time axis (queue, DNS, connect, TLS, waiting for
 * the first byte, download), a latency histogram and the failures grouped by kind.
 *
 * <p>The results go into the page once, as one JSON object of arrays in a
 * {@code <script type="application/json">} ({@code <}, {@code >} and {@code &} escaped, so no text
 * from a URL or a message can close it); the page's own script (html-report.js, allowed by its
 * hash in the page's Content-Security-Policy, which forbids every fetch) draws the waterfall and
 * the histogram on canvases, only the rows in view, so 10,000 results open at once. The totals
 * and the failures are plain HTML, escaped, written after the data (the results are read in one
 * pass) and put on top by the stylesheet.
 */
public final class HtmlReport {
    /** The fields of each row of the embedded data, in order (times in microseconds). */
    public static final List<String> COLUMNS = List.of("index", "url", "status", "ok", "start_us", "queue_us", "dns_us",
            "connect_us", "tls_us", "ttfb_us", "total_us", "bytes", "kind", "message", "attempts", "redirects",
            "reused");
    /** URLs listed under each failure kind (the rest are counted). */
    static final int FAILURES_LISTED = 20;

    private static final DateTimeFormatter STARTED =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS 'UTC'").withZone(ZoneOffset.UTC);
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private HtmlReport() { }

    /** The page's stylesheet and script, read once from the class path. */
    private static final class Assets {
        static final String CSS = resource("html-report.css");
        static final String JS = resource("html-report.js");
        static final String SCRIPT_HASH = "sha256-" + Base64.getEncoder().encodeToString(sha256(JS));

        private static String resource(String name) {
            try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource " + name);
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static byte[] sha256(String s) {
            try {
                return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * Writes the page for this run (its results read once, in input order; its totals as the JSON
     * summary has them) to {@code out}; flushes, does not close.
     */
    public static void write(OutputStream out, RunSummary run) throws IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        w.write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        // nothing may be fetched; the only script that may run is ours (by its hash)
        w.write("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
                + "script-src '" + Assets.SCRIPT_HASH + "'\">\n");
        w.write("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        w.write("<title>gather report " + html(STARTED.format(run.started())) + "</title>\n<style>\n");
        w.write(Assets.CSS);
        w.write("</style>\n</head>\n<body>\n<header><h1>gather report</h1><p>started "
                + html(STARTED.format(run.started())) + " &middot; gather " + html(run.version()) + "</p></header>\n");
        w.write("<main>\n");
        w.write(WATERFALL_AND_HISTOGRAM);
        w.write("<script type=\"application/json\" id=\"data\">");
        Failures failures = writeData(w, run);
        w.write("</script>\n");
        w.write(totals(run));
        w.write(failures(failures));
        w.write("</main>\n<script>");
        w.write(Assets.JS);
        w.write("</script>\n</body>\n</html>\n");
        w.flush();
    }

    /** The sections the script draws into (the stylesheet orders them after the totals). */
    private static final String WATERFALL_AND_HISTOGRAM = """
            <section id="waterfall"><h2>Waterfall</h2>
            <div class="bar"><div id="legend"></div><label>order <select id="order">
            <option value="input">input</option><option value="start">start time</option>
            <option value="slow">slowest first</option><option value="failed">failures first</option>
            </select></label></div>
            <canvas id="overview" height="90"></canvas>
            <div id="wf-scroll"><canvas id="wf"></canvas><div id="wf-spacer"></div></div>
            <p class="hint">Hover a row for its timings; click to pin. The overview above shows every request; click it to jump.</p>
            </section>
            <section id="histogram"><h2>Latency</h2><canvas id="hist" height="220"></canvas></section>
            <div id="tip" hidden></div>
            """;

    /** Streams the results as the page's data and groups the failures by kind. */
    private static Failures writeData(Writer w, RunSummary run) throws IOException {
        Failures s = new Failures();
        JsonGenerator g = JSON.createGenerator(w);
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        g.setCharacterEscapes(ScriptSafe.INSTANCE);
        g.writeStartObject();
        g.writeNumberField("wall_us", run.wallNanos() / 1000);
        g.writeArrayFieldStart("columns");
        for (String c : COLUMNS) {
            g.writeString(c);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("rows");
        for (FetchResult r : run.results()) {
            s.add(r);
            FetchResult.Timings t = r.timing();
            g.writeStartArray();
            g.writeNumber(r.index());
            g.writeString(r.url());
            if (r.status() == null) {
                g.writeNull();
            } else {
                g.writeNumber(r.status());
            }
            g.writeNumber(r.ok() ? 1 : 0);
            g.writeNumber(r.startNanos() / 1000);
            g.writeNumber(t.queueNanos() / 1000);
            g.writeNumber(t.dnsNanos() / 1000);
            g.writeNumber(t.connectNanos() / 1000);
            g.writeNumber(t.tlsNanos() / 1000);
            g.writeNumber(t.ttfbNanos() / 1000);
            g.writeNumber(t.totalNanos() / 1000);
            g.writeNumber(r.bytes());
            g.writeString(r.ok() ? null : r.error().kind().wireName());
            g.writeString(r.ok() ? null : r.error().message());
            g.writeNumber(r.attempts());
            g.writeNumber(r.redirects());
            g.writeNumber(r.reusedConnection() ? 1 : 0);
            g.writeEndArray();
        }
        g.writeEndArray();
        g.writeEndObject();
        g.flush();
        return s;
    }

    /** JSON that can sit inside a script element: {@code < > &} as \\u escapes (JSON.parse reads them back). */
    private static final class ScriptSafe extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        static final ScriptSafe INSTANCE = new ScriptSafe();
        private final int[] escapes = CharacterEscapes.standardAsciiEscapesForJSON();

        private ScriptSafe() {
            escapes['<'] = CharacterEscapes.ESCAPE_STANDARD;
            escapes['>'] = CharacterEscapes.ESCAPE_STANDARD;
            escapes['&'] = CharacterEscapes.ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return escapes;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return null;
        }
    }

    /** The failure section's groups, gathered in the one pass over the results. */
    private static final class Failures {
        final Map<ErrorKind, Group> byKind = new EnumMap<>(ErrorKind.class);

        void add(FetchResult r) {
            if (!r.ok()) {
                byKind.computeIfAbsent(r.error().kind(), k -> new Group()).add(r);
            }
        }
    }

    /** One failure kind: how many, and the first few. */
    private static final class Group {
        long count;
        final List<FetchResult> first = new ArrayList<>();

        void add(FetchResult r) {
            count++;
            if (first.size() < FAILURES_LISTED) {
                first.add(r);
            }
        }
    }

    private static String totals(RunSummary run) {
        Totals t = run.totals();
        Totals.Latency l = t.latency();
        StringBuilder sb = new StringBuilder(2048);
        sb.append("<section id=\"totals\"><h2>Totals</h2><div class=\"cards\">\n");
        card(sb, "URLs", String.valueOf(t.urls()), null);
        card(sb, "ok", String.valueOf(t.ok()), t.failed() == 0 ? "good" : null);
        card(sb, "failed", String.valueOf(t.failed()), t.failed() == 0 ? null : "bad");
        card(sb, "bytes", size(t.bytes()), null);
        card(sb, "wall time", duration(run.wallNanos()), null);
        card(sb, "requests/s", decimal(run.requestsPerSecond(), 1), null);
        card(sb, "p50", duration(l.p50()), null);
        card(sb, "p90", duration(l.p90()), null);
        card(sb, "p99", duration(l.p99()), null);
        sb.append("</div>\n<p class=\"fine\">latency min ").append(duration(l.min()))
                .append(" &middot; mean ").append(duration(l.mean()))
                .append(" &middot; max ").append(duration(l.max()))
                .append(" &middot; the per-URL times add up to ").append(decimal(run.speedup(), 2))
                .append("&times; the wall time (what concurrency bought)");
        if (t.retriedOk() > 0) {
            sb.append(" &middot; ").append(t.retriedOk()).append(" succeeded only after a retry");
        }
        sb.append("</p></section>\n");
        return sb.toString();
    }

    private static void card(StringBuilder sb, String label, String value, String cls) {
        sb.append("<div class=\"card").append(cls == null ? "" : " " + cls).append("\"><b>").append(value)
                .append("</b><span>").append(label).append("</span></div>\n");
    }

    private static String failures(Failures s) {
        StringBuilder sb = new StringBuilder(4096);
        sb.append("<section id=\"failures\"><h2>Failures by kind</h2>\n");
        if (s.byKind.isEmpty()) {
            sb.append("<p>None: every URL succeeded.</p>\n");
        }
        for (Map.Entry<ErrorKind, Group> e : s.byKind.entrySet()) {
            Group g = e.getValue();
            sb.append("<details open><summary><span class=\"kind\">").append(e.getKey().wireName())
                    .append("</span> ").append(g.count).append(g.count == 1 ? " URL" : " URLs").append("</summary><ol>\n");
            for (FetchResult r : g.first) {
                sb.append("<li data-row=\"").append(r.index()).append("\"><code>").append(html(r.url())).append("</code>");
                if (r.status() != null) {
                    sb.append(" <span class=\"status\">").append(r.status()).append("</span>");
                }
                sb.append(" &mdash; ").append(html(r.error().message())).append("</li>\n");
            }
            sb.append("</ol>");
            if (g.count > g.first.size()) {
                sb.append("<p class=\"fine\">and ").append(g.count - g.first.size()).append(" more</p>");
            }
            sb.append("</details>\n");
        }
        sb.append("</section>\n");
        return sb.toString();
    }

    /** Text for HTML element content and quoted attribute values. */
    static String html(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String rep = switch (c) {
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '&' -> "&amp;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> null;
            };
            if (rep != null && sb == null) {
                sb = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (sb != null) {
                if (rep != null) {
                    sb.append(rep);
                } else {
                    sb.append(c);
                }
            }
        }
        return sb == null ? s : sb.toString();
    }

    static String duration(long nanos) {
        return HumanLines.duration(nanos);
    }

    static String size(long bytes) {
        return HumanLines.size(bytes);
    }

    private static String decimal(double v, int places) {
        return String.format(Locale.ROOT, "%." + places + "f", v);
    }
}
