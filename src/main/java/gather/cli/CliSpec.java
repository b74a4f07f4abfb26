package gather.cli;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import picocli.CommandLine.Help;
import picocli.CommandLine.IHelpSectionRenderer;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * picocli's programmatic API, the way gather uses it: no annotations (building a command from
 * annotations creates a proxy class per annotation type at run time, which the AOT cache cannot
 * hold, and reads every field by reflection). Each command declares its options as a table, one
 * line each, grouped in {@link Section}s that become the headings of --help: names and label in
 * one string ({@code "-X, --method=M"}), the help text, and the setter that puts the parsed value
 * into the field the rest of the code reads, exactly where an annotated field would have received it.
 */
final class CliSpec {
    private CliSpec() { }

    /** A command with gather's conventions: the version provider, options listed in declaration order. */
    static CommandSpec command(Object userObject, String name, String... description) {
        CommandSpec spec = CommandSpec.wrapWithoutInspection(userObject);
        // No ${...} variables in gather's texts: without this picocli scans every option's names
        // and text for them each time it asks for them (a third of declaring the ~90 options).
        spec.interpolateVariables(false);
        spec.name(name);
        spec.versionProvider(new Version());
        spec.usageMessage().description(description).sortOptions(false);
        return spec;
    }

    /** Options shown together under {@code heading} in --help; {@link #end()} adds them to the command. */
    static Section section(CommandSpec spec, String heading) {
        return new Section(spec, heading);
    }

    /**
     * An option outside any section, listed before the sections in --help, with its builder as is
     * (the older form of the table: prefer a {@link Section} line).
     */
    static void option(CommandSpec spec, OptionSpec.Builder option, Consumer<Object> field) {
        Binding b = new Binding(field);
        spec.addOption(option.hasInitialValue(false).getter(b).setter(b).build());
    }

    /** Like an option, for a positional parameter (label and help text). */
    static void positional(CommandSpec spec, PositionalParamSpec.Builder positional, Consumer<Object> field) {
        Binding b = new Binding(field);
        spec.addPositional(positional.hasInitialValue(false).getter(b).setter(b).build());
    }

    /** The headings of a command's --help, each with its options in declaration order (empty: none declared). */
    static List<Map.Entry<String, List<OptionSpec>>> sections(CommandSpec spec) {
        return spec.usageMessage().sectionMap().get(UsageMessageSpec.SECTION_KEY_OPTION_LIST) instanceof Sections s
                ? s.headings() : List.of();
    }

    /**
     * One heading's options. No initial values: picocli never resets a field, which keeps its Java
     * initializer as its default (as with an annotated field). A help text that shows a default names it.
     */
    static final class Section {
        private final CommandSpec spec;
        private final String heading;
        private final List<OptionSpec> options = new ArrayList<>();

        private Section(CommandSpec spec, String heading) {
            this.spec = spec;
            this.heading = heading;
        }

        /** An option without a value ({@code "-k, --insecure"}). */
        Section flag(String names, String description, Consumer<Boolean> field) {
            return add(builder(names).type(boolean.class), description, v -> field.accept((Boolean) v));
        }

        /** An option with a text value ({@code "-X, --method=M"}). */
        Section text(String namesAndLabel, String description, Consumer<String> field) {
            return add(builder(namesAndLabel).type(String.class), description, v -> field.accept((String) v));
        }

        /** An option with a value of {@code type}, converted by {@code converter} (null: picocli's own for the type). */
        @SuppressWarnings("unchecked")
        <T> Section value(String namesAndLabel, Class<T> type, ITypeConverter<T> converter, String description,
                          Consumer<T> field) {
            OptionSpec.Builder b = builder(namesAndLabel).type(type);
            if (converter != null) {
                b.converters(converter);
            }
            return add(b, description, v -> field.accept((T) v));
        }

        /** A repeatable option; the field gets every value given, in order. */
        @SuppressWarnings("unchecked")
        <T> Section values(String namesAndLabel, Class<T> type, ITypeConverter<T> converter, String description,
                           Consumer<List<T>> field) {
            OptionSpec.Builder b = builder(namesAndLabel).type(List.class).auxiliaryTypes(type);
            if (converter != null) {
                b.converters(converter);
            }
            return add(b, description, v -> field.accept((List<T>) v));
        }

        /** -h/--help and -V/--version, as picocli's mixinStandardHelpOptions would add them. */
        Section standardHelp() {
            options.add(OptionSpec.builder("-h", "--help").type(boolean.class).usageHelp(true)
                    .description("Show this help message and exit.").build());
            options.add(OptionSpec.builder("-V", "--version").type(boolean.class).versionHelp(true)
                    .description("Print version information and exit.").build());
            return this;
        }

        /** Adds the options to the command, and the heading to its --help. */
        void end() {
            options.forEach(spec::addOption);
            Sections.of(spec).add(heading, options);
        }

        private Section add(OptionSpec.Builder option, String description, Consumer<Object> field) {
            Binding b = new Binding(field);
            options.add(option.description(description).hasInitialValue(false).getter(b).setter(b).build());
            return this;
        }

        private static OptionSpec.Builder builder(String namesAndLabel) {
            int eq = namesAndLabel.indexOf('=');
            String names = eq < 0 ? namesAndLabel : namesAndLabel.substring(0, eq);
            OptionSpec.Builder b = OptionSpec.builder(names(names));
            return eq < 0 ? b : b.paramLabel(namesAndLabel.substring(eq + 1));
        }
    }

    /**
     * --help's option list with headings: what picocli prints for argument groups with headings,
     * without argument groups, which picocli's parser matches and validates on every run (15 ms of
     * a one-URL run; plain options cost 1). First the options outside any section, then each
     * section's heading and options, in declaration order.
     */
    private static final class Sections implements IHelpSectionRenderer {
        private final List<Map.Entry<String, List<OptionSpec>>> headings = new ArrayList<>();

        static Sections of(CommandSpec spec) {
            Map<String, IHelpSectionRenderer> map = spec.usageMessage().sectionMap();
            if (map.get(UsageMessageSpec.SECTION_KEY_OPTION_LIST) instanceof Sections s) {
                return s;
            }
            Sections s = new Sections();
            map.put(UsageMessageSpec.SECTION_KEY_OPTION_LIST, s);
            return s;
        }

        void add(String heading, List<OptionSpec> options) {
            headings.add(Map.entry(heading, List.copyOf(options)));
        }

        List<Map.Entry<String, List<OptionSpec>>> headings() {
            return List.copyOf(headings);
        }

        @Override
        public String render(Help help) {
            Set<OptionSpec> inSections = new HashSet<>();
            headings.forEach(h -> inSections.addAll(h.getValue()));
            List<OptionSpec> rest = help.commandSpec().options().stream()
                    .filter(o -> !o.hidden() && !inSections.contains(o)).toList();
            StringBuilder sb = new StringBuilder(help.optionListExcludingGroups(rest));
            for (Map.Entry<String, List<OptionSpec>> h : headings) {
                Help.Layout layout = help.createDefaultLayout();
                layout.addOptions(h.getValue(), help.parameterLabelRenderer());
                sb.append(help.createHeading(h.getKey() + ":%n")).append(layout);
            }
            return sb.toString();
        }
    }

    /** "-s, --silent" as its names; by hand: String.split(", ") compiles a regex per option at every start. */
    private static String[] names(String list) {
        List<String> names = new ArrayList<>(3);
        int from = 0;
        for (int comma = list.indexOf(", "); comma >= 0; comma = list.indexOf(", ", from)) {
            names.add(list.substring(from, comma));
            from = comma + 2;
        }
        names.add(list.substring(from));
        return names.toArray(String[]::new);
    }

    /** The last value picocli set (its getter; for multi-value options the collection it adds to), forwarded to a field. */
    private static final class Binding implements IGetter, ISetter {
        private final Consumer<Object> field;
        private Object value;

        Binding(Consumer<Object> field) {
            this.field = field;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T get() {
            return (T) value;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T set(T newValue) {
            T previous = (T) value;
            value = newValue;
            field.accept(newValue);
            return previous;
        }
    }
}
