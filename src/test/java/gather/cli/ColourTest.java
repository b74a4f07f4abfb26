package gather.cli;

import static org.assertj.core.api.Assertions.assertThat;

import gather.testing.GatherRun;
import gather.testing.ScriptedResponse;
import gather.testing.ScriptedServer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Colour only where a person looks: --color, --no-color, NO_COLOR; never a control character in a pipe. */
class ColourTest {
    private static final String ESC = "\u001b";

    private static ScriptedServer server() {
        ScriptedServer s = ScriptedServer.plain();
        s.setDispatcher(req -> req.path().equals("/missing") ? ScriptedResponse.notFound()
                : ScriptedResponse.ok("hello"));
        return s;
    }

    @Test
    void aPipeGetsNoControlCharacterByDefault() {
        try (ScriptedServer s = server()) {
            GatherRun run = GatherRun.run(s.url("/a"), s.url("/missing"));
            assertThat(run.exitCode).isEqualTo(1);
            assertThat(run.out + run.err).as("the test's streams are not a terminal").doesNotContain(ESC).doesNotContain("\r");
        }
    }

    @Test
    void colourAlwaysColoursTheVerdictsAndNoColorWins() {
        try (ScriptedServer s = server()) {
            GatherRun always = GatherRun.run(s.url("/a"), s.url("/missing"), "--color=always");
            assertThat(always.out).contains(ESC + "[32mok").contains(ESC + "[31mFAIL");
            GatherRun never = GatherRun.run(s.url("/a"), "--color=always", "--no-color");
            assertThat(never.out).doesNotContain(ESC);
            GatherRun auto = GatherRun.run(null, Map.of("NO_COLOR", "1"), s.url("/a"), "--color=auto");
            assertThat(auto.out).doesNotContain(ESC);
            GatherRun json = GatherRun.run(s.url("/a"), "--json", "--color=always");
            assertThat(json.out).as("stdout holds JSON only").doesNotContain(ESC);
            assertThat(json.err).as("the human lines, on stderr").contains(ESC + "[32mok");
        }
    }

    @Test
    void aColourWordThatIsNotKnownIsAUsageError() {
        GatherRun run = GatherRun.run("http://127.0.0.1:1/", "--color=sometimes");
        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.err).contains("always, never, auto");
    }
}
