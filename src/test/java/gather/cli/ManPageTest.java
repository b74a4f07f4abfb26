package gather.cli;

import static org.assertj.core.api.Assertions.assertThat;

import gather.testing.GatherRun;
import org.junit.jupiter.api.Test;

/** gather manpage: roff made from the command line's own model, every option in it. */
class ManPageTest {
    @Test
    void theManPageListsEveryOptionAndSubcommandInRoff() {
        GatherRun run = GatherRun.run("manpage");
        assertThat(run.exitCode).isZero();
        assertThat(run.out).startsWith(".TH GATHER 1 ").contains("\n.SH NAME\ngather \\- ")
                .contains("\n.SH INPUT AND CONCURRENCY\n")
                .contains(".B \\-j, \\-\\-parallel N\n")
                .contains(".B \\-\\-junit FILE\n")
                .contains(".B \\-\\-no\\-config\n")
                .contains("\n.SH COMMANDS\n").contains(".B merge\n").contains(".B completion\n")
                .doesNotContain("%n").doesNotContain("%N");
        for (String line : run.out.split("\n")) {
            assertThat(line).as("no text line may start as a roff request").doesNotStartWith("'");
        }
    }

    @Test
    void roffEscapesWhatWouldBeReadAsMarkup() {
        assertThat(ManPageCommand.roff(".start -x \\y")).isEqualTo("\\&.start \\-x \\ey");
    }
}
