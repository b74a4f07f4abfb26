package gather.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

/** The durations of --max-ttfb, --max-latency and --cert-valid-for. */
class DurationConverterTest {
    @ParameterizedTest
    @CsvSource({"500ms, PT0.5S", "2s, PT2S", "1.5s, PT1.5S", "1m, PT1M", "12h, PT12H", "14d, PT336H", "0.5d, PT12H",
            "250 MS, PT0.25S", "0s, PT0S"})
    void converts(String text, String iso) {
        assertThat(new Converters.Duration().convert(text)).isEqualTo(Duration.parse(iso));
    }

    @ParameterizedTest
    @ValueSource(strings = {"5", "", "s", "-1s", "1.s", "2w", "1e3ms", "40000d"})
    void refuses(String text) {
        assertThatThrownBy(() -> new Converters.Duration().convert(text)).isInstanceOf(TypeConversionException.class);
    }
}
