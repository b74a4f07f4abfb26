package gather.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The one place a configured gather command line is built, for main and for tests (jbang's habit):
 * the main command with every subcommand, always. A subcommand is one class and one line here.
 *
 * <p>Each subcommand is there from the start with its name and description (for parsing, --help,
 * "did you mean"), but its options are declared only when it runs: the subcommand's stand-in then
 * builds the whole command line again, every subcommand declared, and runs it on the same
 * arguments. A run of gather never pays for the subcommands' options (2-4 ms of a one-URL run).
 */
final class CommandLineFactory {
    /** A subcommand: its name, its one-line description, and how its command is declared. */
    private record Subcommand(String name, String description, Function<Interrupts, CommandSpec> declare) { }

    private static final List<Subcommand> SUBCOMMANDS = List.of(
            new Subcommand(DemoCommand.NAME, DemoCommand.DESCRIPTION, interrupts -> {
                DemoCommand demo = new DemoCommand();
                demo.interrupts = interrupts;
                return demo.declare();
            }),
            new Subcommand(DiffCommand.NAME, DiffCommand.DESCRIPTION, interrupts -> new DiffCommand().declare()),
            new Subcommand(MergeCommand.NAME, MergeCommand.DESCRIPTION, interrupts -> new MergeCommand().declare()),
            new Subcommand(ManPageCommand.NAME, ManPageCommand.DESCRIPTION, interrupts -> new ManPageCommand().declare()),
            new Subcommand(CompletionCommand.NAME, CompletionCommand.DESCRIPTION,
                    interrupts -> new CompletionCommand().declare()));

    private CommandLineFactory() { }

    /**
     * picocli's own converters gather never uses: each command line would otherwise look up
     * java.sql (its DriverManager) and 15 java.time classes by reflection when it is built, 4-8 ms
     * of a one-URL run. Its documented switch, a system property read as each command line is
     * made; gather's Duration options have converters of their own.
     */
    private static final String PICOCLI_CONVERTERS_EXCLUDED = "java\\.(sql|time)\\..*";

    static CommandLine create(PrintWriter out, PrintWriter err, Interrupts interrupts) {
        System.setProperty("picocli.converters.excludes", PICOCLI_CONVERTERS_EXCLUDED);
        return create(out, err, interrupts, false);
    }

    /** @param declared every subcommand declared now (else each one only when it runs) */
    private static CommandLine create(PrintWriter out, PrintWriter err, Interrupts interrupts, boolean declared) {
        GatherCommand gather = new GatherCommand();
        gather.interrupts = interrupts;
        CommandLine cl = new CommandLine(gather.declare());
        for (Subcommand sub : SUBCOMMANDS) {
            cl.addSubcommand(new CommandLine(declared ? sub.declare().apply(interrupts)
                    : standIn(sub, () -> create(out, err, interrupts, true))));
        }
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
     * What stands for a subcommand until it runs: its name and description, and every argument
     * after its name taken as is; running it runs the whole command line, declared, on the same
     * arguments (the config file is never read for a subcommand: they are the command line's own).
     */
    private static CommandSpec standIn(Subcommand sub, Supplier<CommandLine> declared) {
        CommandSpec[] self = new CommandSpec[1];
        Callable<Integer> run = () -> declared.get().execute(
                self[0].root().commandLine().getParseResult().originalArgs().toArray(String[]::new));
        CommandSpec s = CommandSpec.wrapWithoutInspection(run);
        s.interpolateVariables(false);
        s.name(sub.name());
        s.usageMessage().description(sub.description());
        s.parser().unmatchedArgumentsAllowed(true).stopAtUnmatched(true);
        self[0] = s;
        return s;
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
