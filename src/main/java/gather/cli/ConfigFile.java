package gather.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;

/**
 * Default options from a file: {@code $GATHER_CONFIG}, else {@code $XDG_CONFIG_HOME/gather/config},
 * else {@code $HOME/.config/gather/config}. One option per line as on the command line
 * ({@code --per-host 8}, {@code --retries=2}, {@code -H 'X-Team: web'}): words split at white
 * space, single quotes keep everything, double quotes allow {@code \"} and {@code \\}; {@code #}
 * at the start of a word begins a comment; blank lines are skipped.
 *
 * <p>The file's options go before the command line's, so the command line overrides them: for an
 * option that takes one value the last one given wins; a repeatable option (-H, --expect-text,
 * --resolve, ...) gets the file's values and the command line's, as curl's .curlrc does. (A picocli
 * default-value provider gives one string per option, which cannot hold three -H lines, and
 * would report a bad value without its file and line.) Each line is checked on its own before
 * anything runs: an unknown option, a missing or bad value, a URL, an unterminated quote, or an
 * option that is no default for every run (--help, --version, --no-config) is a usage error naming
 * the file and the line. {@code --no-config} on the command line skips the
 * file. Only the main command reads it, not the subcommands.
 */
final class ConfigFile {
    /** A line the file cannot hold. */
    static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;

        Invalid(String message) {
            super(message);
        }
    }

    private ConfigFile() { }

    /** Where the config file is for this environment, and whether it must exist (named by $GATHER_CONFIG). */
    record Location(Path path, boolean required) { }

    static Location locate(Map<String, String> env) {
        String named = env.get("GATHER_CONFIG");
        if (named != null && !named.isBlank()) {
            return new Location(Path.of(named), true);
        }
        String xdg = env.get("XDG_CONFIG_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return new Location(Path.of(xdg, "gather", "config"), false);
        }
        String home = env.get("HOME");
        return home == null || home.isBlank() ? null : new Location(Path.of(home, ".config", "gather", "config"), false);
    }

    /**
     * The arguments to run: the config file's options, then {@code args}; {@code args} unchanged
     * when they name a subcommand first, hold --no-config, or there is no file.
     *
     * @param validator makes what checks one line's words as the main command would parse them
     *                  (called once, and only when the file has a line)
     */
    static String[] apply(String[] args, Map<String, String> env, Supplier<CommandLine> validator, List<String> subcommands)
            throws Invalid {
        if (args.length > 0 && subcommands.contains(args[0])) {
            return args;
        }
        CommandLine checker = null;
        if (List.of(args).contains("--no-config")) { // as an option, not as another option's value (-H --no-config)
            checker = validator.get();
            try {
                if (checker.parseArgs(args).hasMatchedOption("--no-config")) {
                    return args;
                }
            } catch (CommandLine.ParameterException e) {
                return args; // the command line itself is wrong: that is the error to show, not the file's
            }
        }
        Location at = locate(env);
        if (at == null) {
            return args;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(at.path(), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            if (at.required()) {
                throw new Invalid("config file " + at.path() + " (GATHER_CONFIG) does not exist");
            }
            return args;
        } catch (IOException e) {
            throw new Invalid("cannot read config file " + at.path() + ": " + e.getMessage());
        }
        List<String> all = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String where = at.path() + ":" + (i + 1);
            List<String> words;
            try {
                words = ShellWords.split(lines.get(i));
            } catch (IllegalArgumentException e) {
                throw new Invalid(where + ": " + e.getMessage());
            }
            if (words.isEmpty()) {
                continue;
            }
            if (!words.get(0).startsWith("-")) {
                throw new Invalid(where + ": '" + words.get(0) + "' is not an option (a config file holds options, not URLs)");
            }
            if (checker == null) {
                checker = validator.get();
            }
            try {
                CommandLine.ParseResult parsed = checker.parseArgs(words.toArray(String[]::new));
                if (parsed.hasSubcommand() || !parsed.matchedPositionals().isEmpty()) {
                    throw new Invalid(where + ": a config line holds options only");
                }
                if (parsed.isUsageHelpRequested() || parsed.isVersionHelpRequested()
                        || parsed.hasMatchedOption("--no-config")) { // every run would print help, or ignore the file
                    throw new Invalid(where + ": '" + words.get(0) + "' is not a default for every run");
                }
            } catch (CommandLine.ParameterException e) {
                throw new Invalid(where + ": " + e.getMessage());
            }
            all.addAll(words);
        }
        all.addAll(List.of(args));
        return all.toArray(String[]::new);
    }

    /** Runs gather with the config file's options first: main's way, and the tests'. */
    static int execute(CommandLine cl, String[] args, Map<String, String> env) {
        String[] all;
        try {
            all = apply(args, env, ConfigFile::validator, List.copyOf(cl.getSubcommands().keySet()));
        } catch (Invalid e) {
            PrintWriter err = cl.getErr();
            err.println("gather: " + e.getMessage());
            err.println("Try 'gather --help' for more information; --no-config skips the file.");
            err.flush();
            return Runner.USAGE;
        }
        if (all != args) {
            cl.setOverwrittenOptionsAllowed(true); // the command line's value replaces the file's
        }
        return cl.execute(all);
    }

    /** A fresh command line of the same shape, to parse one line without touching the real one. */
    private static CommandLine validator() {
        CommandLine v = new CommandLine(new GatherCommand().declare());
        v.setExpandAtFiles(false);
        v.setOverwrittenOptionsAllowed(true);
        return v;
    }
}
