package gather.cli;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code gather manpage}: the manual page (man(7) roff), made from picocli's model of the command
 * line itself, so it lists exactly the options --help lists, in the same sections. Install:
 * {@code gather manpage > ~/.local/share/man/man1/gather.1}. (picocli's own ManPageGenerator
 * writes AsciiDoc, which needs asciidoctor to become a man page.)
 */
final class ManPageCommand implements Callable<Integer> {
    static final String NAME = "manpage";
    /** One line in gather --help's list of commands, and the first of this command's help. */
    static final String DESCRIPTION = "Print gather's manual page (roff): gather manpage > ~/.local/share/man/man1/gather.1";

    CommandSpec spec;

    CommandSpec declare() {
        CommandSpec s = CliSpec.command(this, NAME, DESCRIPTION);
        CliSpec.section(s, "Help").standardHelp().end();
        spec = s;
        return s;
    }

    @Override
    public Integer call() {
        CommandSpec root = spec.root();
        PrintWriter out = spec.commandLine().getOut();
        out.print(render(root));
        out.flush();
        return Runner.OK;
    }

    static String render(CommandSpec root) {
        StringBuilder sb = new StringBuilder(16 * 1024);
        sb.append(".TH GATHER 1 \"").append(LocalDate.now()).append("\" \"gather ").append(Version.VERSION)
                .append("\" \"User Commands\"\n");
        sb.append(".SH NAME\ngather \\- ").append(roff(String.join(" ", root.usageMessage().description()))).append('\n');
        sb.append(".SH SYNOPSIS\n");
        for (String line : root.usageMessage().customSynopsis()) {
            sb.append(".br\n").append(roff(line.strip())).append('\n');
        }
        Set<OptionSpec> grouped = new HashSet<>();
        for (Map.Entry<String, List<OptionSpec>> section : CliSpec.sections(root)) {
            sb.append(".SH ").append(roff(section.getKey().toUpperCase(java.util.Locale.ROOT))).append('\n');
            for (OptionSpec o : section.getValue()) {
                option(sb, o);
                grouped.add(o);
            }
        }
        List<OptionSpec> rest = root.options().stream().filter(o -> !grouped.contains(o)).toList();
        if (!rest.isEmpty()) {
            sb.append(".SH OPTIONS\n");
            rest.forEach(o -> option(sb, o));
        }
        sb.append(".SH COMMANDS\n");
        for (Map.Entry<String, CommandLine> c : root.subcommands().entrySet()) {
            sb.append(".TP\n.B ").append(roff(c.getKey())).append('\n')
                    .append(roff(String.join(" ", c.getValue().getCommandSpec().usageMessage().description()))).append('\n');
        }
        sb.append(".SH NOTES\n");
        for (String line : root.usageMessage().footer()) {
            sb.append(line.isBlank() ? ".PP\n" : roff(line.strip()) + "\n.br\n");
        }
        sb.append(".SH SEE ALSO\ncurl(1), wget2(1)\n");
        return sb.toString();
    }

    private static void option(StringBuilder sb, OptionSpec o) {
        sb.append(".TP\n.B ").append(roff(String.join(", ", o.names())));
        if (o.arity().max() > 0) {
            sb.append(' ').append(roff(o.paramLabel()));
        }
        sb.append('\n').append(roff(String.join(" ", o.description()))).append('\n');
    }

    /** Text safe in roff: backslashes and hyphens escaped, a line never starting as a request. */
    static String roff(String s) {
        String t = s.replace("\\", "\\e").replace("-", "\\-");
        return t.startsWith(".") || t.startsWith("'") ? "\\&" + t : t;
    }
}
