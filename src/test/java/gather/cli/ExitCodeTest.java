package gather.cli;

import static gather.cli.CliTestSupport.assertNoStackTrace;
import static gather.cli.CliTestSupport.doc;
import static gather.cli.CliTestSupport.lines;
import static org.assertj.core.api.Assertions.assertThat;

import gather.testing.GatherRun;
import gather.testing.ScriptedResponse;
import gather.testing.ScriptedServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** Exit status: 0 all ok, 1 some failed, 2 unusable command line or input (clean one-line message, no trace). */
@Timeout(20)
class ExitCodeTest {
    @TempDir
    Path tmp;

    private static ScriptedServer server() {
        ScriptedServer server = ScriptedServer.plain();
        server.setDispatcher(req -> req.path().equals("/missing") ? ScriptedResponse.of(404)
                : ScriptedResponse.ok("fine"));
        return server;
    }

    @Test
    void zeroWhenEveryUrlSucceeded() {
        try (ScriptedServer server = server()) {
            GatherRun run = GatherRun.json(server.url("/a"), server.url("/b"));
            assertThat(run.exitCode).as("%s", run).isZero();
            assertThat(doc(run).get("totals").get("failed").asInt()).isZero();
        }
    }

    @Test
    void oneWhenOneUrlFailed() {
        try (ScriptedServer server = server()) {
            GatherRun run = GatherRun.json(server.url("/a"), server.url("/missing"));
            assertThat(run.exitCode).as("%s", run).isEqualTo(1);
            assertThat(doc(run).get("totals").get("failed").asInt()).isEqualTo(1);
            assertNoStackTrace(run);
        }
    }

    @Test
    void oneWhenTheOnlyUrlCannotConnect() throws Exception {
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        GatherRun run = GatherRun.json("http://127.0.0.1:" + closedPort + "/");
        assertThat(run.exitCode).as("%s", run).isEqualTo(1);
        assertThat(run.errorKind(0)).isEqualTo("connect");
        assertNoStackTrace(run);
    }

    static Stream<Arguments> usageErrors() {
        return Stream.of(
                Arguments.of("unknown option", List.of("--no-such-option")),
                Arguments.of("--json with --jsonl", List.of("--json", "--jsonl")),
                Arguments.of("bad --accept-status word", List.of("--accept-status", "fine")),
                Arguments.of("bad --accept-status range", List.of("--accept-status", "99-700")),
                Arguments.of("bad --accept-status reversed", List.of("--accept-status", "300-200")),
                Arguments.of("bad --accept-status empty entry", List.of("--accept-status", "200,,404")),
                Arguments.of("bad --rate word", List.of("--rate", "fast")),
                Arguments.of("bad --rate zero", List.of("--rate", "0")),
                Arguments.of("bad --rate unit", List.of("--rate", "5/fortnight")),
                Arguments.of("bad --rate negative", List.of("--rate", "-3/s")),
                Arguments.of("-H with CR LF", List.of("-H", "X-A: b\r\nX-Injected: 1")),
                Arguments.of("-H with LF", List.of("-H", "X-A: b\nX-Injected: 1")),
                Arguments.of("-H with CR", List.of("-H", "X-A: b\rc")),
                Arguments.of("-H with NUL", List.of("-H", "X-A: b\0c")),
                Arguments.of("-H without colon", List.of("-H", "NoColonHere")),
                Arguments.of("-H with a space in the name", List.of("-H", "Bad Name: v")),
                Arguments.of("bad --max-size negative", List.of("--max-size", "-1")),
                Arguments.of("bad --max-size word", List.of("--max-size", "lots")),
                Arguments.of("bad --max-size suffix", List.of("--max-size", "10X")),
                Arguments.of("bad --max-size empty", List.of("--max-size", "")),
                Arguments.of("bad -j zero", List.of("-j", "0")),
                Arguments.of("bad --timeout", List.of("--timeout", "soon")),
                Arguments.of("option missing its value", List.of("--rate")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("usageErrors")
    void usageErrorIsExitTwoWithOneCleanLineAndNothingFetched(String what, List<String> options) {
        try (ScriptedServer server = server()) {
            List<String> args = new ArrayList<>(options);
            if (!what.equals("option missing its value")) {
                args.add(server.url("/a"));
            }
            GatherRun run = GatherRun.run(args.toArray(String[]::new));
            assertUsageError(run);
            assertThat(server.requestCount()).as("nothing is fetched on a usage error").isZero();
        }
    }

    @Test
    void noUrlGivenIsExitTwo() {
        assertUsageError(GatherRun.run());
        assertUsageError(GatherRun.run("--json"));
    }

    @Test
    void missingInputFileIsExitTwo() {
        GatherRun run = GatherRun.run("-i", tmp.resolve("does-not-exist.txt").toString());
        assertUsageError(run);
        assertThat(run.err).contains("does-not-exist.txt");
    }

    @Test
    void directoryAsInputFileIsExitTwo() {
        assertUsageError(GatherRun.run("-i", tmp.toString()));
    }

    @Test
    void inputFileWithOnlyCommentsIsExitTwo() throws Exception {
        Path input = tmp.resolve("comments.txt");
        Files.writeString(input, "# nothing\n\n   # to fetch\n\t\n");
        assertUsageError(GatherRun.run("-i", input.toString()));
        assertUsageError(GatherRun.run("--json", "-i", input.toString()));
    }

    @Test
    void emptyStdinIsExitTwo() {
        assertUsageError(GatherRun.run("", Map.of(), "-i", "-"));
    }

    @Test
    void unreadableRequestBodyFileIsExitTwo() {
        try (ScriptedServer server = server()) {
            GatherRun run = GatherRun.run("-d", "@" + tmp.resolve("no-body.json"), server.url("/a"));
            assertUsageError(run);
            assertThat(server.requestCount()).isZero();
        }
    }

    @Test
    void helpPrintsUsageAndExitsZero() {
        for (String flag : List.of("-h", "--help")) {
            GatherRun run = GatherRun.run(flag);
            assertThat(run.exitCode).as("%s", run).isZero();
            assertThat(run.out).contains("Usage:").contains("gather").contains("--json").contains("--output-dir");
            assertNoStackTrace(run);
        }
    }

    @Test
    void everyWayOfAskingForHelpListsTheDemoSubcommand() {
        // main builds `demo` only when the arguments may need it; help must still list it
        for (List<String> args : List.of(List.of("-h"), List.of("--help"), List.of("-qh"), List.of("-kh"),
                List.of("http://example.invalid/", "--help"), List.of("-j", "4", "-h"))) {
            GatherRun run = GatherRun.run(args.toArray(String[]::new));
            assertThat(run.exitCode).as("%s: %s", args, run).isZero();
            assertThat(run.out).as("%s", args).contains("Usage:").containsPattern("(?m)^\\s+demo\\s");
        }
    }

    @Test
    void subcommandsAreBuiltOnlyForArgumentsThatMayUseThem() {
        assertThat(GatherCommand.mayUseSubcommands(new String[] {"demo", "--pages", "3"})).isTrue();
        assertThat(GatherCommand.mayUseSubcommands(new String[] {"-q", "demo"})).isTrue();
        assertThat(GatherCommand.mayUseSubcommands(new String[] {"--help"})).isTrue();
        assertThat(GatherCommand.mayUseSubcommands(new String[] {"-qh"})).isTrue();
        assertThat(GatherCommand.mayUseSubcommands(new String[] {"-j", "1", "-i", "urls.txt", "--json"})).isFalse();
        assertThat(GatherCommand.mayUseSubcommands(new String[] {"http://h/demo", "-H", "X: y", "--per-host", "4"})).isFalse();
        assertThat(GatherCommand.mayUseSubcommands(new String[] {"-V"})).isFalse();
        // without `demo` built, a run still parses and fetches as before (end to end in the other tests)
        CommandLine cl = GatherCommand.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
                new String[] {"http://h/"});
        assertThat(cl.getSubcommands()).containsOnlyKeys("diff"); // diff is always there
        assertThat(GatherCommand.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
                new String[] {"demo"}).getSubcommands()).containsOnlyKeys("demo", "diff");
    }

    @Test
    void versionPrintsVersionAndExitsZero() {
        for (String flag : List.of("-V", "--version")) {
            GatherRun run = GatherRun.run(flag);
            assertThat(run.exitCode).as("%s", run).isZero();
            assertThat(run.out.strip()).contains(Version.VERSION).contains("gather");
            assertThat(Version.VERSION).matches("\\d+\\.\\d+\\.\\d+.*").isNotEqualTo("0.0.0");
        }
    }

    private static void assertUsageError(GatherRun run) {
        assertThat(run.exitCode).as("%s", run).isEqualTo(2);
        assertNoStackTrace(run);
        List<String> errLines = lines(run.err);
        assertThat(errLines).as("a message on stderr: %s", run).isNotEmpty();
        assertThat(errLines.get(0)).as("first stderr line").startsWith("gather: ").hasSizeGreaterThan("gather: ".length() + 5);
        // one line saying what is wrong (a hint to --help may follow), not the whole usage text
        assertThat(errLines).as("stderr is short: %s", run).hasSizeLessThanOrEqualTo(2);
        assertThat(run.out).as("nothing on stdout for a usage error: %s", run).isEmpty();
    }
}
