package gather.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gather.result.ErrorKind;
import gather.result.FetchResult;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The HTML report's page: self-contained, every result in its data, text from the network escaped. */
class HtmlReportTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Instant STARTED = Instant.parse("2026-11-22T09:00:00.123Z");
    private static final String HOSTILE_URL = "http://x/<script>alert(1)</script>";
    private static final String HOSTILE_MESSAGE = "</script><img src=x onerror=alert(2)> & \"quotes\" 'too'";

    private static final long MS = 1_000_000L;

    private static FetchResult ok(long index, String url, long startMs, long totalMs) {
        return FetchResult.builder(index, url).statusLine(200, "OK", "HTTP/1.1").attempts(1).body(1234, "00")
                .queueNanos(startMs * MS).phases(1 * MS, 2 * MS, 3 * MS).ttfbNanos(4 * MS).totalNanos(totalMs * MS)
                .startNanos(startMs * MS).connection("127.0.0.1:80", index % 2 == 1, null).build();
    }

    private static FetchResult failed(long index, String url, ErrorKind kind, String message) {
        return FetchResult.builder(index, url).attempts(1).queueNanos(0).startNanos(7 * MS).totalNanos(9 * MS)
                .fail(kind, message).build();
    }

    private static String page(List<FetchResult> results) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        HtmlReport.write(out, MergedRun.summary("9.8.7", STARTED, 100_000_000L, results));
        return out.toString(StandardCharsets.UTF_8);
    }

    private static final Pattern DATA =
            Pattern.compile("<script type=\"application/json\" id=\"data\">(.*?)</script>", Pattern.DOTALL);

    private static JsonNode data(String page) throws Exception {
        Matcher m = DATA.matcher(page);
        assertThat(m.find()).as("the data script").isTrue();
        return MAPPER.readTree(m.group(1));
    }

    private static List<FetchResult> mixed() {
        return List.of(ok(0, "http://a.test/one", 0, 30), failed(1, HOSTILE_URL, ErrorKind.INVALID_URL, HOSTILE_MESSAGE),
                ok(2, "https://b.test/two", 5, 10), failed(3, "http://c.test/", ErrorKind.TIMEOUT, "no data for 1 s"),
                failed(4, "http://d.test/", ErrorKind.TIMEOUT, "no data for 1 s"));
    }

    @Test
    void theDataHoldsEveryResultWithItsFieldsInInputOrder() throws Exception {
        JsonNode data = data(page(mixed()));
        List<String> columns = new ArrayList<>();
        data.get("columns").forEach(c -> columns.add(c.asText()));
        assertThat(columns).isEqualTo(HtmlReport.COLUMNS);
        JsonNode rows = data.get("rows");
        assertThat(rows).hasSize(5);
        assertThat(data.get("wall_us").asLong()).isEqualTo(100_000);

        JsonNode first = rows.get(0);
        assertThat(first.get(columns.indexOf("index")).asLong()).isZero();
        assertThat(first.get(columns.indexOf("url")).asText()).isEqualTo("http://a.test/one");
        assertThat(first.get(columns.indexOf("status")).asInt()).isEqualTo(200);
        assertThat(first.get(columns.indexOf("ok")).asInt()).isEqualTo(1);
        assertThat(first.get(columns.indexOf("dns_us")).asLong()).isEqualTo(1000);
        assertThat(first.get(columns.indexOf("connect_us")).asLong()).isEqualTo(2000);
        assertThat(first.get(columns.indexOf("tls_us")).asLong()).isEqualTo(3000);
        assertThat(first.get(columns.indexOf("ttfb_us")).asLong()).isEqualTo(4000);
        assertThat(first.get(columns.indexOf("total_us")).asLong()).isEqualTo(30_000);
        assertThat(first.get(columns.indexOf("bytes")).asLong()).isEqualTo(1234);
        assertThat(first.get(columns.indexOf("kind")).isNull()).isTrue();

        JsonNode third = rows.get(2);
        assertThat(third.get(columns.indexOf("start_us")).asLong()).isEqualTo(5000);
        assertThat(third.get(columns.indexOf("queue_us")).asLong()).isEqualTo(5000);
        assertThat(third.get(columns.indexOf("reused")).asInt()).isZero();
        assertThat(rows.get(1).get(columns.indexOf("reused")).asInt()).isZero();

        JsonNode timeout = rows.get(3);
        assertThat(timeout.get(columns.indexOf("ok")).asInt()).isZero();
        assertThat(timeout.get(columns.indexOf("status")).isNull()).isTrue();
        assertThat(timeout.get(columns.indexOf("kind")).asText()).isEqualTo("timeout");
        assertThat(timeout.get(columns.indexOf("message")).asText()).isEqualTo("no data for 1 s");
        assertThat(timeout.get(columns.indexOf("start_us")).asLong()).isEqualTo(7000);
        for (int i = 0; i < rows.size(); i++) {
            assertThat(rows.get(i).get(0).asLong()).isEqualTo(i);
            assertThat(rows.get(i)).hasSize(columns.size());
        }
    }

    @Test
    void hostileUrlsAndMessagesCannotAddMarkupOrScript() throws Exception {
        String page = page(mixed());
        // exactly our two script elements: the data and the code
        assertThat(count(page.toLowerCase(), "<script")).isEqualTo(2);
        assertThat(count(page.toLowerCase(), "</script")).isEqualTo(2);
        assertThat(page).doesNotContain("<img").doesNotContain("alert(1)</").doesNotContain("onerror=alert(2)>");
        // the data reads back to the very text, and the failure list shows it as text
        JsonNode hostile = data(page).get("rows").get(1);
        assertThat(hostile.get(1).asText()).isEqualTo(HOSTILE_URL);
        assertThat(hostile.get(HtmlReport.COLUMNS.indexOf("message")).asText()).isEqualTo(HOSTILE_MESSAGE);
        assertThat(page).contains("<code>http://x/&lt;script&gt;alert(1)&lt;/script&gt;</code>")
                .contains("&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt; &amp; &quot;quotes&quot; &#39;too&#39;");
    }

    @Test
    void thePageFetchesNothingAndOnlyItsOwnScriptMayRun() throws Exception {
        String page = page(mixed());
        String withoutData = DATA.matcher(page).replaceAll("");
        String withoutFailures = withoutData.replaceAll("(?s)<section id=\"failures\">.*?</section>", "");
        assertThat(withoutFailures).doesNotContainPattern("(?i)https?:")
                .doesNotContainPattern("(?i)\\b(src|href|srcset|action|poster)\\s*=")
                .doesNotContainPattern("(?i)url\\(|@import|<link|<iframe|<img|<object|<embed|fetch\\(|XMLHttpRequest|import\\(");
        // the Content-Security-Policy forbids every fetch and admits only the script whose hash it names
        Matcher csp = Pattern.compile("content=\"default-src 'none'; style-src 'unsafe-inline'; script-src '(sha256-[^']+)'\"")
                .matcher(page);
        assertThat(csp.find()).as("the CSP").isTrue();
        Matcher code = Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL).matcher(page);
        assertThat(code.find()).isTrue();
        String hash = "sha256-" + Base64.getEncoder().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(code.group(1).getBytes(StandardCharsets.UTF_8)));
        assertThat(csp.group(1)).isEqualTo(hash);
    }

    @Test
    void theTotalsAreThoseOfTheResults() throws Exception {
        List<FetchResult> results = List.of(ok(0, "http://a.test/1", 0, 10), ok(1, "http://a.test/2", 0, 20),
                ok(2, "http://a.test/3", 0, 30), failed(3, "http://a.test/4", ErrorKind.CONNECT, "refused"));
        String page = page(results);
        assertThat(page).contains("<b>4</b><span>URLs</span>").contains("<b>3</b><span>ok</span>")
                .contains("<b>1</b><span>failed</span>").contains("<b>3.6 KiB</b><span>bytes</span>") // 3 x 1234 B
                .contains("<b>100.0 ms</b><span>wall time</span>").contains("<b>40.0</b><span>requests/s</span>")
                .contains("<b>10.0 ms</b><span>p50</span>") // nearest rank over 9, 10, 20, 30 ms
                .contains("<b>30.0 ms</b><span>p90</span>").contains("<b>30.0 ms</b><span>p99</span>")
                .contains("latency min 9.0 ms").contains("max 30.0 ms")
                .contains("add up to 0.69&times; the wall time");
    }

    @Test
    void failuresAreGroupedByKindWithTheFirstFewListed() throws Exception {
        List<FetchResult> results = new ArrayList<>();
        int timeouts = HtmlReport.FAILURES_LISTED + 5;
        for (int i = 0; i < timeouts; i++) {
            results.add(failed(i, "http://t.test/" + i, ErrorKind.TIMEOUT, "slow"));
        }
        results.add(failed(timeouts, "http://c.test/", ErrorKind.CONNECT, "refused"));
        results.add(ok(timeouts + 1, "http://ok.test/", 0, 5));
        String page = page(results);
        String failures = page.substring(page.indexOf("<section id=\"failures\">"));
        assertThat(failures).contains("<span class=\"kind\">connect</span> 1 URL</summary>")
                .contains("<span class=\"kind\">timeout</span> " + timeouts + " URLs</summary>")
                .contains("and 5 more").doesNotContain("http://ok.test/")
                .contains("<li data-row=\"" + timeouts + "\"><code>http://c.test/</code> &mdash; refused</li>");
        assertThat(count(failures, "<li ")).isEqualTo(HtmlReport.FAILURES_LISTED + 1);
        assertThat(failures).contains("http://t.test/" + (HtmlReport.FAILURES_LISTED - 1) + "<")
                .doesNotContain("http://t.test/" + HtmlReport.FAILURES_LISTED + "<");
    }

    @Test
    void aRunWithoutFailuresSaysSo() throws Exception {
        assertThat(page(List.of(ok(0, "http://a.test/", 0, 5)))).contains("None: every URL succeeded.");
    }

    @Test
    void tenThousandResultsStayCompact() throws Exception {
        List<FetchResult> results = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            results.add(i % 50 == 0 ? failed(i, "http://127.0.0.1:1/page/" + i, ErrorKind.CONNECT, "connection refused")
                    : ok(i, "http://127.0.0.1:8080/page/" + i, i / 10, 40));
        }
        String page = page(results);
        assertThat(data(page).get("rows")).hasSize(10_000);
        assertThat(page.length()).as("bytes per result").isLessThan(10_000 * 120 + 40_000);
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
