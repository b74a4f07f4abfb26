package gather.cli;

import static gather.cli.CliTestSupport.assertNoStackTrace;
import static gather.cli.CliTestSupport.doc;
import static gather.cli.CliTestSupport.results;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import gather.testing.GatherRun;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** gather demo: local HTTP and HTTPS servers with slow pages, fetched by the real engine. */
@Timeout(30)
class DemoCommandTest {

    @Test
    void demoJsonFetchesEveryPageHalfOverHttps() {
        GatherRun run = GatherRun.run("demo", "--json", "--pages", "6", "--delay", "20");
        assertThat(run.exitCode).as("%s", run).isZero();
        assertNoStackTrace(run);
        JsonNode doc = doc(run); // strict: stdout is only the document
        assertThat(doc.get("schema").asInt()).isEqualTo(1);
        assertThat(doc.get("tool").asText()).isEqualTo("gather");
        assertThat(doc.get("totals").get("urls").asInt()).isEqualTo(6);
        assertThat(doc.get("totals").get("ok").asInt()).isEqualTo(6);
        assertThat(doc.get("totals").get("failed").asInt()).isZero();
        List<JsonNode> rs = results(doc);
        assertThat(rs).hasSize(6);
        for (int i = 0; i < rs.size(); i++) {
            JsonSchemaTest.assertResultShape(rs.get(i), i);
        }
        assertThat(rs).allSatisfy(r -> {
            assertThat(r.get("ok").asBoolean()).isTrue();
            assertThat(r.get("status").asInt()).isEqualTo(200);
            assertThat(r.get("bytes").asLong()).isPositive();
            assertThat(r.get("timing_ms").get("total").asDouble()).as("each page takes its delay")
                    .isGreaterThanOrEqualTo(15.0);
        });
        List<JsonNode> https = rs.stream().filter(r -> !r.get("tls").isNull()).toList();
        List<JsonNode> http = rs.stream().filter(r -> r.get("tls").isNull()).toList();
        assertThat(https).as("half over https").hasSize(3);
        assertThat(http).hasSize(3);
        assertThat(https).allSatisfy(r -> {
            assertThat(r.get("url").asText()).startsWith("https://127.0.0.1:");
            assertThat(r.get("tls").get("protocol").asText()).startsWith("TLSv1.");
            assertThat(r.get("tls").get("cipher").asText()).isNotBlank();
            assertThat(r.get("timing_ms").get("tls").asDouble()).isGreaterThanOrEqualTo(0.0);
        });
        assertThat(http).allSatisfy(r -> assertThat(r.get("url").asText()).startsWith("http://127.0.0.1:"));
        assertThat(run.err).as("human lines go to stderr in --json mode").contains("speedup");
    }

    @Test
    void serveStartsOnlyTheServersAndPrintsAUrlFileNamingItsCacert(@TempDir Path dir) throws Exception {
        CountDownLatch fourUrls = new CountDownLatch(4);
        StringWriter out = new StringWriter() {
            @Override
            public void write(String str, int off, int len) { // counts each URL line as it is printed
                super.write(str, off, len);
                str.substring(off, off + len).lines().filter(l -> l.startsWith("http")).forEach(l -> fourUrls.countDown());
            }
        };
        CommandLine cl = GatherCommand.commandLine(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true));
        AtomicInteger code = new AtomicInteger(-1);
        Thread server = new Thread(() -> code.set(cl.execute("demo", "--serve", "--pages", "4", "--delay", "0")));
        server.start();
        assertThat(fourUrls.await(20, TimeUnit.SECONDS)).as("4 URLs printed; so far: %s", out).isTrue();
        List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSize(6);
        assertThat(lines.get(0)).startsWith("# gather demo --serve: 4 pages, 0 ms each");
        assertThat(lines.get(1)).startsWith("# --cacert ");
        String ca = lines.get(1).substring("# --cacert ".length());
        assertThat(Files.readString(Path.of(ca))).contains("-----BEGIN CERTIFICATE-----");
        Path urls = dir.resolve("urls.txt");
        Files.write(urls, lines); // the output as it is: a URL file for -i, comments skipped

        GatherRun run = GatherRun.run("--json", "-i", urls.toString(), "--cacert", ca);
        assertThat(run.exitCode).as("%s", run).isZero();
        List<JsonNode> rs = results(doc(run));
        assertThat(rs).hasSize(4).allSatisfy(r -> assertThat(r.get("status").asInt()).isEqualTo(200));
        assertThat(rs.stream().filter(r -> !r.get("tls").isNull())).as("served over https too").hasSize(2);

        server.interrupt();
        server.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(server.isAlive()).isFalse();
        assertThat(code.get()).as("interrupted: 130").isEqualTo(130);
        GatherRun after = GatherRun.run("--json", lines.get(2));
        assertThat(after.exitCode).as("the servers stopped: %s", after).isEqualTo(1);
        assertThat(after.errorKind(0)).isEqualTo("connect");
    }
}
