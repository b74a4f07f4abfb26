package gather.cli;

import static gather.cli.CliTestSupport.results;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import gather.testing.GatherRun;
import gather.testing.ScriptedResponse;
import gather.testing.ScriptedServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One batch split three ways with --shard and merged back equals the single run. */
class ShardMergeTest {
    @TempDir
    Path dir;

    private static ScriptedServer server() {
        ScriptedServer s = ScriptedServer.plain();
        s.setDispatcher(req -> req.path().endsWith("7") ? ScriptedResponse.notFound() : ScriptedResponse.ok("page " + req.path()));
        return s;
    }

    /** The document without what depends on timing or on when it ran. */
    private static String stable(JsonNode doc) {
        List<String> lines = new ArrayList<>();
        for (JsonNode r : results(doc)) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) r).remove(List.of("timing_ms", "reused_connection",
                    "remote_address"));
            lines.add(r.toString());
        }
        JsonNode t = doc.get("totals");
        return String.join("\n", lines) + "\n" + t.get("urls") + " " + t.get("ok") + " " + t.get("failed") + " "
                + t.get("bytes") + " " + t.get("errors");
    }

    @Test
    void threeShardsMergedEqualTheSingleRun() throws Exception {
        try (ScriptedServer s = server()) {
            Path input = dir.resolve("urls.txt");
            StringBuilder urls = new StringBuilder("# a batch\n");
            for (int i = 0; i < 20; i++) {
                urls.append(s.url("/p" + i)).append(i == 4 ? " name=four" : "").append('\n');
            }
            Files.writeString(input, urls.toString());
            GatherRun single = GatherRun.run("--json", "-i", input.toString());
            assertThat(single.exitCode).isEqualTo(1);
            List<String> files = new ArrayList<>();
            for (int k = 1; k <= 3; k++) {
                Path f = dir.resolve("shard" + k + ".json");
                GatherRun shard = GatherRun.run("-q", "--summary-file", f.toString(), "--shard", k + "/3",
                        "-i", input.toString());
                JsonNode doc = CliTestSupport.strictJson(Files.readString(f));
                assertThat(doc.get("shard").get("index").asInt()).isEqualTo(k);
                assertThat(doc.get("shard").get("total").asInt()).isEqualTo(3);
                for (JsonNode r : results(doc)) {
                    assertThat(r.get("index").asLong() % 3).as("shard %d holds positions p mod 3 = %d", k, k - 1)
                            .isEqualTo(k - 1);
                }
                assertThat(shard.exitCode).isEqualTo(results(doc).stream().anyMatch(r -> !r.get("ok").asBoolean()) ? 1 : 0);
                files.add(f.toString());
            }
            List<String> args = new ArrayList<>(List.of("merge"));
            args.addAll(files.reversed());
            GatherRun merged = GatherRun.run(args.toArray(String[]::new));
            assertThat(merged.exitCode).as("%s", merged).isEqualTo(1);
            JsonNode m = CliTestSupport.strictJson(merged.out);
            assertThat(stable(m)).isEqualTo(stable(CliTestSupport.strictJson(single.out)));
            assertThat(results(m)).extracting(r -> r.get("index").asLong()).isSorted().hasSize(20);
            assertThat(merged.err).contains("gather merge: 3 files; 20 URLs: 18 ok, 2 failed");
        }
    }

    @Test
    void autoReadsTheRunnersIndexAndBadValuesAreUsageErrors() throws Exception {
        try (ScriptedServer s = server()) {
            String[] urls = {s.url("/a"), s.url("/b"), s.url("/c"), s.url("/d")};
            GatherRun gitlab = GatherRun.run(null, Map.of("CI_NODE_INDEX", "2", "CI_NODE_TOTAL", "2"),
                    concat(urls, "--json", "--shard", "auto"));
            assertThat(results(CliTestSupport.strictJson(gitlab.out))).extracting(r -> r.get("index").asLong())
                    .containsExactly(1L, 3L);
            GatherRun k8s = GatherRun.run(null, Map.of("JOB_COMPLETION_INDEX", "0"), concat(urls, "--json", "--shard", "auto/4"));
            assertThat(results(CliTestSupport.strictJson(k8s.out))).extracting(r -> r.get("url").asText())
                    .containsExactly(urls[0]);
            for (String bad : List.of("0/3", "4/3", "x/3", "3", "auto")) {
                GatherRun run = GatherRun.run(null, Map.of(), concat(urls, "--shard", bad));
                assertThat(run.exitCode).as(bad).isEqualTo(2);
            }
            GatherRun noTotal = GatherRun.run(null, Map.of("JOB_COMPLETION_INDEX", "1"), concat(urls, "--shard", "auto"));
            assertThat(noTotal.exitCode).isEqualTo(2);
            assertThat(noTotal.err).contains("GATHER_SHARD_TOTAL");
        }
    }

    @Test
    void mergeRefusesWhatIsNotOneBatchsShards() throws Exception {
        try (ScriptedServer s = server()) {
            Path f = dir.resolve("one.json");
            GatherRun.run("-q", "--summary-file", f.toString(), s.url("/a"));
            GatherRun twice = GatherRun.run("merge", f.toString(), f.toString());
            assertThat(twice.exitCode).isEqualTo(2);
            assertThat(twice.err).contains("both hold input position 0");
            Path junk = dir.resolve("junk.json");
            Files.writeString(junk, "{\"tool\":\"curl\"}");
            assertThat(GatherRun.run("merge", junk.toString()).exitCode).isEqualTo(2);
            GatherRun ok = GatherRun.run("merge", f.toString());
            assertThat(ok.exitCode).isZero();
        }
    }

    private static String[] concat(String[] a, String... b) {
        List<String> all = new ArrayList<>(List.of(a));
        all.addAll(List.of(b));
        return all.toArray(String[]::new);
    }
}
