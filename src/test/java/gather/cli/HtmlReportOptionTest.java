package gather.cli;

import static gather.cli.CliTestSupport.doc;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gather.report.HtmlReport;
import gather.testing.GatherRun;
import gather.testing.ScriptedResponse;
import gather.testing.ScriptedServer;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** --report FILE.html end to end: the run writes the page, with every result, failures included. */
@Timeout(20)
class HtmlReportOptionTest {
    private static final Pattern DATA =
            Pattern.compile("<script type=\"application/json\" id=\"data\">(.*?)</script>", Pattern.DOTALL);

    @TempDir
    Path tmp;

    @Test
    void theReportHoldsEveryResultOfTheRun() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Path report = tmp.resolve("out.html");
        try (ScriptedServer server = ScriptedServer.plain()) {
            server.setDispatcher(req -> req.path().equals("/missing") ? ScriptedResponse.of(404)
                    : ScriptedResponse.ok("fine " + req.path()));
            String refused = "http://127.0.0.1:" + closedPort + "/";
            GatherRun run = GatherRun.json("--report", report.toString(), server.url("/a"), server.url("/missing"),
                    refused, server.url("/b"));
            assertThat(run.exitCode).as("%s", run).isEqualTo(1);
            assertThat(doc(run).get("results")).hasSize(4); // stdout is unchanged by --report

            String page = Files.readString(report, StandardCharsets.UTF_8);
            assertThat(page).startsWith("<!DOCTYPE html>").endsWith("</html>\n");
            Matcher m = DATA.matcher(page);
            assertThat(m.find()).isTrue();
            JsonNode rows = new ObjectMapper().readTree(m.group(1)).get("rows");
            assertThat(rows).hasSize(4);
            int url = HtmlReport.COLUMNS.indexOf("url");
            int status = HtmlReport.COLUMNS.indexOf("status");
            int kind = HtmlReport.COLUMNS.indexOf("kind");
            int start = HtmlReport.COLUMNS.indexOf("start_us");
            int total = HtmlReport.COLUMNS.indexOf("total_us");
            assertThat(rows.get(0).get(url).asText()).isEqualTo(server.url("/a"));
            assertThat(rows.get(0).get(status).asInt()).isEqualTo(200);
            assertThat(rows.get(1).get(kind).asText()).isEqualTo("http_status");
            assertThat(rows.get(1).get(status).asInt()).isEqualTo(404);
            assertThat(rows.get(2).get(url).asText()).isEqualTo(refused);
            assertThat(rows.get(2).get(kind).asText()).isEqualTo("connect");
            assertThat(rows.get(3).get(url).asText()).isEqualTo(server.url("/b"));
            for (JsonNode row : rows) {
                assertThat(row.get(start).asLong()).as("start offset").isNotNegative();
                assertThat(row.get(total).asLong()).as("total").isPositive();
            }
            assertThat(page).contains("<span class=\"kind\">connect</span> 1 URL")
                    .contains("<span class=\"kind\">http_status</span> 1 URL")
                    .contains("<b>4</b><span>URLs</span>").contains("<b>2</b><span>ok</span>");
        }
    }

    @Test
    void eachRequestStartsWhereItsFetchBeganOnTheRunsClock() throws Exception {
        Path report = tmp.resolve("seq.html");
        try (ScriptedServer server = ScriptedServer.plain()) {
            server.setDispatcher(req -> ScriptedResponse.ok("x"));
            GatherRun run = GatherRun.run("-q", "-j", "1", "--report", report.toString(), server.url("/1"),
                    server.url("/2"), server.url("/3"));
            assertThat(run.exitCode).as("%s", run).isZero();
        }
        Matcher m = DATA.matcher(Files.readString(report, StandardCharsets.UTF_8));
        assertThat(m.find()).isTrue();
        JsonNode rows = new ObjectMapper().readTree(m.group(1)).get("rows");
        int start = HtmlReport.COLUMNS.indexOf("start_us");
        int total = HtmlReport.COLUMNS.indexOf("total_us");
        for (int i = 1; i < rows.size(); i++) {
            // with -j 1 a fetch begins after the one before it ended (times truncated to microseconds)
            long prevEnd = rows.get(i - 1).get(start).asLong() + rows.get(i - 1).get(total).asLong();
            assertThat(rows.get(i).get(start).asLong()).as("start of #%d", i).isGreaterThanOrEqualTo(prevEnd - 1);
        }
        assertThat(rows.get(2).get(start).asLong()).isPositive();
    }

    @Test
    void anUnparseableUrlIsInTheReportAsText() throws Exception {
        Path report = tmp.resolve("r.html");
        GatherRun run = GatherRun.run("-q", "--report", report.toString(), "http://bad host/<script>alert(1)</script>");
        assertThat(run.exitCode).as("%s", run).isEqualTo(1);
        String page = Files.readString(report, StandardCharsets.UTF_8);
        assertThat(page.toLowerCase()).containsOnlyOnce("<script>").doesNotContain("<script>alert");
        assertThat(page).contains("<span class=\"kind\">invalid_url</span> 1 URL");
    }

    @Test
    void aReportInAMissingDirectoryIsAUsageErrorBeforeAnyFetch() {
        try (ScriptedServer server = ScriptedServer.plain()) {
            GatherRun run = GatherRun.run("--report", tmp.resolve("no/such/dir/r.html").toString(), server.url("/"));
            assertThat(run.exitCode).isEqualTo(2);
            assertThat(run.err).contains("cannot write --report").contains("is not a directory");
            assertThat(server.requestCount()).isZero();
        }
    }

    @Test
    void aReportThatIsADirectoryIsAUsageError() {
        GatherRun run = GatherRun.run("--report", tmp.toString(), "http://127.0.0.1:1/");
        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.err).contains("cannot write --report").contains("it is a directory");
    }
}
