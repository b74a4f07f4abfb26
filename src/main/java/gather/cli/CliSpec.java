package gather.cli;

import java.util.function.Consumer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * picocli's programmatic API, the way gather uses it: no annotations (building a command from
 * annotations creates a proxy class per annotation type at run time, which the AOT cache cannot
 * hold, and reads every field by reflection). Each option is declared once, in a table in its
 * command's class, with a setter that puts the parsed value into the field the rest of the code
 * reads, exactly where the annotated field would have received it.
 */
final class CliSpec {
    private CliSpec() { }

    /** A command with gather's conventions: the version provider, options listed in declaration order. */
    static CommandSpec command(Object userObject, String name, String... description) {
        CommandSpec spec = CommandSpec.wrapWithoutInspection(userObject);
        spec.name(name);
        spec.versionProvider(new Version());
        spec.usageMessage().description(description).sortOptions(false);
        return spec;
    }

    /**
     * Adds an option whose value goes to {@code field} when parsed. No initial value: picocli never
     * resets the field, which keeps its Java initializer as its default (as with an annotated field).
     */
    static void option(CommandSpec spec, OptionSpec.Builder option, Consumer<Object> field) {
        Binding b = new Binding(field);
        spec.addOption(option.hasInitialValue(false).getter(b).setter(b).build());
    }

    /** Like {@link #option}, for a positional parameter. */
    static void positional(CommandSpec spec, PositionalParamSpec.Builder positional, Consumer<Object> field) {
        Binding b = new Binding(field);
        spec.addPositional(positional.hasInitialValue(false).getter(b).setter(b).build());
    }

    /** -h/--help and -V/--version, last in the list, as picocli's mixinStandardHelpOptions would add them. */
    static void standardHelpOptions(CommandSpec spec) {
        spec.addOption(OptionSpec.builder("-h", "--help").type(boolean.class).usageHelp(true)
                .description("Show this help message and exit.").build());
        spec.addOption(OptionSpec.builder("-V", "--version").type(boolean.class).versionHelp(true)
                .description("Print version information and exit.").build());
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
