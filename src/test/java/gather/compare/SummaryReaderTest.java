package gather.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What SummaryReader accepts, and that every refusal names the file and what is wrong. */
class SummaryReaderTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "{\"schema\":1,\"tool\":\"gather\",\"results\":[}                 | not JSON",
        "''                                                                | empty file",
        "[1,2]                                                             | not a gather summary document: it is not a JSON object",
        "{\"schema\":1,\"results\":[]}                                     | no \"tool\": \"gather\"",
        "{\"schema\":1,\"tool\":\"curl\",\"results\":[]}                   | no \"tool\": \"gather\"",
        "{\"tool\":\"gather\",\"results\":[]}                              | no \"schema\" number",
        "{\"schema\":2,\"tool\":\"gather\",\"results\":[]}                 | schema 2 is newer than this gather reads (1)",
        "{\"schema\":1,\"tool\":\"gather\",\"totals\":{\"urls\":0}}        | no \"results\" array",
        "{\"schema\":1,\"tool\":\"gather\",\"results\":{}}                 | \"results\" is not an array",
        "{\"schema\":1,\"tool\":\"gather\",\"results\":[{\"ok\":true}]}    | results[0] has no \"url\" string",
        "{\"schema\":1,\"tool\":\"gather\",\"results\":[{\"url\":\"u\"}]}  | results[0] has no \"ok\" true or false",
        "{\"schema\":1,\"tool\":\"gather\",\"results\":[]} {}              | more after the document's end",
    })
    void refusesWithTheFileAndTheReason(String text, String reason) {
        Path f = Docs.write(dir, "run.json", text);
        assertThatThrownBy(() -> SummaryReader.read(f)).isInstanceOf(InvalidSummaryException.class)
                .hasMessageStartingWith(f + ": ").hasMessageContaining(reason);
    }

    @Test
    void aMissingFileOrADirectoryIsRefused() {
        Path missing = dir.resolve("missing.json");
        assertThatThrownBy(() -> SummaryReader.read(missing)).hasMessage(missing + ": no such file");
        assertThatThrownBy(() -> SummaryReader.read(dir)).hasMessage(dir + ": is a directory");
    }

    @Test
    void readsTheFieldsAComparisonNeedsAndSkipsTheRest() throws Exception {
        String text = Docs.doc(Docs.ok("http://h/a", 200, "ab".repeat(32), 12.5),
                Docs.with(Docs.failed("http://h/b", null, "connect"), "\"line\":7,\"name\":\"b\",\"checks\":[{\"n\":1}]"));
        RunDocument d = SummaryReader.read(Docs.write(dir, "ok.json", text));
        assertThat(d.results()).containsExactly(
                new RunResult(0, "http://h/a", true, 200, null, "ab".repeat(32), 12.5, null, null),
                new RunResult(1, "http://h/b", false, null, "connect", null, 1.0, 7L, "b"));
        assertThat(d.failed()).extracting(RunResult::url).containsExactly("http://h/b");
    }
}
