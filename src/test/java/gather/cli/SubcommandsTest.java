package gather.cli;

import static org.assertj.core.api.Assertions.assertThat;

import gather.testing.GatherRun;
import gather.testing.RecordedRequest;
import gather.testing.ScriptedResponse;
import gather.testing.ScriptedServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/** Subcommands are always there; a first argument naming one is that subcommand; completion scripts; did-you-mean. */
@Timeout(30)
class SubcommandsTest {
    @Test
    void everySubcommandIsAlwaysBuiltWhateverTheArguments() {
        CommandLine cl = GatherCommand.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        assertThat(cl.getSubcommands()).containsOnlyKeys("demo", "diff", "merge", "completion", "manpage");
    }

    @Test
    void aSubcommandNameAfterOtherArgumentsIsAUsageErrorNotASilentSwitch() {
        for (List<String> args : List.of(List.of("http://example.invalid/", "demo"), List.of("-q", "demo"),
                List.of("-j", "2", "diff", "a.json", "b.json"))) {
            GatherRun run = GatherRun.run(args.toArray(String[]::new));
            assertThat(run.exitCode).as("%s: %s", args, run).isEqualTo(2);
            assertThat(run.err).contains("names a subcommand, which must come first").contains("http://");
            assertThat(run.out).isEmpty();
        }
    }

    /** A host named like a subcommand: after "--" (or with a scheme) it is a URL; through a proxy to see the request. */
    @Test
    void aHostNamedLikeASubcommandIsFetchedAfterDoubleDashOrWithAScheme() throws Exception {
        try (ScriptedServer proxy = ScriptedServer.plain()) {
            proxy.setDispatcher(req -> ScriptedResponse.ok("via proxy"));
            GatherRun dashed = GatherRun.run("--json", "-x", proxy.url(""), "--", "demo", "diff");
            assertThat(dashed.exitCode).as("%s", dashed).isZero();
            GatherRun scheme = GatherRun.run("--json", "-x", proxy.url(""), "http://completion/");
            assertThat(scheme.exitCode).as("%s", scheme).isZero();
            assertThat(proxy.recordedRequests()).extracting(RecordedRequest::target)
                    .containsExactlyInAnyOrder("http://demo/", "http://diff/", "http://completion/");
        }
        assertThat(GatherRun.run("--help").out).contains("gather http://demo/").contains("gather -- demo");
    }

    @Test
    void completionPrintsABashScriptNamingTheOptionsAndSubcommandsThatZshLoadsThroughBashcompinit() {
        GatherRun bash = GatherRun.run("completion", "bash");
        assertThat(bash.exitCode).as("%s", bash).isZero();
        assertThat(bash.out).contains("complete -F").contains("--output-dir").contains("--parallel").contains("--max-time")
                .contains("-o").contains("demo").contains("diff").contains("completion");
        GatherRun zsh = GatherRun.run("completion", "zsh");
        assertThat(zsh.exitCode).isZero();
        assertThat(zsh.out).contains("bashcompinit").contains("--output-dir");
        GatherRun fish = GatherRun.run("completion", "fish");
        assertThat(fish.exitCode).isEqualTo(2);
        assertThat(fish.err).contains("bash or zsh");
    }

    @Test
    void aMistypedOptionGetsDidYouMeanWithTheUsageError() {
        GatherRun run = GatherRun.run("--jsn", "http://example.invalid/");
        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.err).contains("Unknown option: '--jsn'").contains("Did you mean --json");
        GatherRun dir = GatherRun.run("--output-di", "x", "http://example.invalid/");
        assertThat(dir.err).containsPattern("Did you mean .*--output-dir");
    }

    @Test
    void helpGroupsTheOptionsUnderHeadings() {
        String help = GatherRun.run("--help").out;
        assertThat(help).contains("Input and concurrency:", "Output:", "Saving bodies:", "Request:", "Network and TLS:",
                "Help:");
        assertThat(help.indexOf("Saving bodies:")).isLessThan(help.indexOf("--output-dir")).isLessThan(help.indexOf("Request:"));
        assertThat(help).containsPattern("-L, --location\\s+Follow redirects: gather's default")
                .containsPattern("-f, --fail\\s+Fail on HTTP errors: gather's default");
    }
}
