package gather.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The summary line's numbers are formatted by hand (no Formatter on a cold JVM); they must read as %.1f / %.2f would. */
class HumanLinesFormatTest {
    @Test
    void fixedMatchesFormatterOnOrdinaryValues() {
        assertThat(HumanLines.fixed(new StringBuilder(), 0.0, 1).toString()).isEqualTo("0.0");
        assertThat(HumanLines.fixed(new StringBuilder(), 0.0, 2).toString()).isEqualTo("0.00");
        assertThat(HumanLines.fixed(new StringBuilder(), 20.24, 1).toString()).isEqualTo("20.2");
        assertThat(HumanLines.fixed(new StringBuilder(), 0.45, 2).toString()).isEqualTo("0.45");
        assertThat(HumanLines.fixed(new StringBuilder(), 0.049, 2).toString()).isEqualTo("0.05");
        assertThat(HumanLines.fixed(new StringBuilder(), 3821.7, 1).toString()).isEqualTo("3821.7");
        assertThat(HumanLines.fixed(new StringBuilder(), 45.851, 2).toString()).isEqualTo("45.85");
        assertThat(HumanLines.fixed(new StringBuilder(), 9.96, 1).toString()).isEqualTo("10.0");
        assertThat(HumanLines.fixed(new StringBuilder(), 1.0 / 3, 2).toString()).isEqualTo("0.33");
    }

    @Test
    void fixedAgreesWithFormatterAwayFromExactHalves() {
        Random random = new Random(42);
        for (int i = 0; i < 10_000; i++) {
            double v = random.nextDouble() * Math.pow(10, random.nextInt(7));
            for (int decimals = 1; decimals <= 2; decimals++) {
                double scaled = v * Math.pow(10, decimals);
                if (Math.abs(scaled - Math.floor(scaled) - 0.5) < 1e-6) {
                    continue; // a tie: Formatter rounds the exact binary value, either answer is honest
                }
                assertThat(HumanLines.fixed(new StringBuilder(), v, decimals).toString())
                        .as("%s with %d decimals", v, decimals)
                        .isEqualTo(String.format(Locale.ROOT, "%." + decimals + "f", v));
            }
        }
    }
}
