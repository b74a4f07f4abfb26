package gather.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * {@code gather completion bash|zsh}: a completion script for every option and subcommand, made by
 * picocli's AutoComplete from the command line itself. The script is a bash script; in zsh it
 * loads bash's completion support itself (autoload bashcompinit), so both shells get the same text.
 */
final class CompletionCommand implements Callable<Integer> {
    static final String NAME = "completion";
    /** One line in gather --help's list of commands, and the first of this command's help. */
    static final String DESCRIPTION = "Print a shell completion script for gather: in bash, source <(gather completion bash);"
            + " in zsh, source <(gather completion zsh).";

    CommandSpec spec;
    String shell;

    CommandSpec declare() {
        CommandSpec s = CliSpec.command(this, NAME, DESCRIPTION);
        CliSpec.positional(s, PositionalParamSpec.builder().index("0").arity("1").required(true).paramLabel("SHELL")
                .type(String.class).completionCandidates(java.util.List.of("bash", "zsh"))
                .description("bash or zsh."), v -> shell = (String) v);
        CliSpec.section(s, "Help").standardHelp().end();
        spec = s;
        return s;
    }

    @Override
    public Integer call() {
        if (!shell.equals("bash") && !shell.equals("zsh")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "completion: unknown shell '" + shell
                    + "' (bash or zsh)");
        }
        CommandLine root = spec.root().commandLine();
        spec.commandLine().getOut().print(AutoComplete.bash(root.getCommandName(), root));
        spec.commandLine().getOut().flush();
        return Runner.OK;
    }
}
