package gather.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LatencyThresholdTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "50%        | 0.5  | 100",
        "20%        | 0.2  | 100",
        "250ms      | 0.5  | 250",
        "2s         | 0.5  | 2000",
        "10%,0ms    | 0.1  | 0",
        "1.5s, 0%   | 0.0  | 1500",
    })
    void parsesAPercentageADurationOrBoth(String text, double ratio, double floorMs) {
        assertThat(LatencyThreshold.parse(text)).isEqualTo(new LatencyThreshold(ratio, floorMs));
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", "fast", "50", "-5%", "50%,60%", "1s,2ms", "50%,100ms,1s", "NaN%", "Infinityms"})
    void refusesAnythingElse(String text) {
        assertThatThrownBy(() -> LatencyThreshold.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a latency threshold");
    }
}
