package gather.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * The one place a configured gather command line is built, for main and for tests (jbang's habit):
 * the main command with every subcommand, always. A subcommand is one class and one line here.
 */
final class CommandLineFactory {
    private CommandLineFactory() { }

    static CommandLine create(PrintWriter out, PrintWriter err, Interrupts interrupts) {
        GatherCommand gather = new GatherCommand();
        gather.interrupts = interrupts;
        DemoCommand demo = new DemoCommand();
        demo.interrupts = interrupts;
        CommandLine cl = new CommandLine(gather.declare());
        cl.addSubcommand(new CommandLine(demo.declare()));
        cl.addSubcommand(new CommandLine(new DiffCommand().declare()));
        cl.addSubcommand(new CommandLine(new MergeCommand().declare()));
        cl.addSubcommand(new CommandLine(new ManPageCommand().declare()));
        cl.addSubcommand(new CommandLine(new CompletionCommand().declare()));
        cl.setExecutionStrategy(CommandLineFactory::execute);
        cl.setExpandAtFiles(false); // or "-d @body.json" would be swallowed as an @-file
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            cmd.getErr().println(GatherCommand.redactorOf(cmd).text("gather: internal error: " + ex));
            if (parseResult.hasMatchedOption("--debug")) {
                for (StackTraceElement e : ex.getStackTrace()) {
                    cmd.getErr().println("\tat " + e);
                }
            }
            cmd.getErr().flush();
            return Runner.FAILED;
        });
        cl.setParameterExceptionHandler((ex, badArgs) -> {
            CommandLine cmd = ex.getCommandLine();
            PrintWriter e = cmd.getErr();
            e.println(GatherCommand.redactorOf(cmd).text("gather: " + ex.getMessage()));
            if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
                e.println("Did you mean " + String.join(" or ", u.getSuggestions()) + "?"); // picocli's guesses for a typo
            }
            e.println("Try 'gather" + (cmd.getParent() == null ? "" : " " + cmd.getCommandName()) + " --help' for more"
                    + " information.");
            e.flush();
            return Runner.USAGE;
        });
        return cl;
    }

    /**
     * picocli's RunLast, once the subcommand rule holds: a subcommand is the first argument. picocli
     * takes a subcommand's name wherever it stands, and would drop what came before it without a
     * word ({@code gather http://x/ diff a b} would compare and never fetch); that is a usage error.
     */
    private static int execute(CommandLine.ParseResult parsed) {
        if (parsed.hasSubcommand() && !parsed.matchedArgs().isEmpty()
                && !parsed.isUsageHelpRequested() && !parsed.isVersionHelpRequested()) {
            String name = parsed.subcommand().commandSpec().name();
            throw new CommandLine.ParameterException(parsed.commandSpec().commandLine(), "'" + name + "' names a"
                    + " subcommand, which must come first (gather " + name + " ...); to fetch a host of that name,"
                    + " write http://" + name + "/ or put the URLs after --");
        }
        return new CommandLine.RunLast().execute(parsed);
    }
}
