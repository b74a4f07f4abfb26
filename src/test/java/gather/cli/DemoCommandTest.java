package gather.cli;

import static gather.cli.CliTestSupport.assertNoStackTrace;
import static gather.cli.CliTestSupport.doc;
import static gather.cli.CliTestSupport.results;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import gather.testing.GatherRun;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

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
}
