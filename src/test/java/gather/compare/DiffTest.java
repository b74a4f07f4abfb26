package gather.compare;

import static gather.compare.Docs.doc;
import static gather.compare.Docs.failed;
import static gather.compare.Docs.ok;
import static gather.compare.Docs.with;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The classification of a NEW run against an OLD one, as a table of small documents read by SummaryReader. */
class DiffTest {
    private static final String A = "http://h/a";
    private static final String H1 = "1".repeat(64);
    private static final String H2 = "2".repeat(64);

    @TempDir
    Path dir;

    private Diff diff(String oldDoc, String newDoc) throws InvalidSummaryException {
        return Diff.compare(SummaryReader.read(Docs.write(dir, "old.json", oldDoc)),
                SummaryReader.read(Docs.write(dir, "new.json", newDoc)), LatencyThreshold.DEFAULT);
    }

    enum Category {
        NEW_FAILURES(d -> d.newFailures().size()), RECOVERIES(d -> d.recoveries().size()),
        STILL_FAILING(d -> d.stillFailing().size()), STATUS_CHANGES(d -> d.statusChanges().size()),
        BODY_CHANGES(d -> d.bodyChanges().size()), LATENCY(d -> d.latencyRegressions().size()),
        ADDED(d -> d.added().size()), REMOVED(d -> d.removed().size());

        final Function<Diff, Integer> size;

        Category(Function<Diff, Integer> size) {
            this.size = size;
        }
    }

    static Stream<Arguments> table() {
        return Stream.of(
                // name, OLD result(s), NEW result(s), the only non-empty categories, regressed
                Arguments.of("unchanged", ok(A, 200, H1, 40), ok(A, 200, H1, 45), List.of(), false),
                Arguments.of("ok then failed", ok(A, 200, H1, 40), failed(A, 500, "http_status"),
                        List.of(Category.NEW_FAILURES), true),
                Arguments.of("failed then ok", failed(A, null, "connect"), ok(A, 200, H1, 40),
                        List.of(Category.RECOVERIES), false),
                Arguments.of("failed twice, other kind", failed(A, null, "connect"), failed(A, 503, "http_status"),
                        List.of(Category.STILL_FAILING), false),
                Arguments.of("status 200 then 204", ok(A, 200, H1, 40), ok(A, 204, H1, 40),
                        List.of(Category.STATUS_CHANGES), true),
                Arguments.of("body changed", ok(A, 200, H1, 40), ok(A, 200, H2, 40),
                        List.of(Category.BODY_CHANGES), false),
                Arguments.of("no hash on one side", ok(A, 200, null, 40), ok(A, 200, H2, 40), List.of(), false),
                Arguments.of("40 ms then 250 ms", ok(A, 200, H1, 40), ok(A, 200, H1, 250), List.of(Category.LATENCY), true),
                Arguments.of("100 ms then 200 ms: both limits just met", ok(A, 200, H1, 100), ok(A, 200, H1, 200),
                        List.of(Category.LATENCY), true),
                Arguments.of("4 ms then 90 ms: under the 100 ms floor", ok(A, 200, H1, 4), ok(A, 200, H1, 90),
                        List.of(), false),
                Arguments.of("1000 ms then 1400 ms: under 50%", ok(A, 200, H1, 1000), ok(A, 200, H1, 1400),
                        List.of(), false),
                Arguments.of("faster", ok(A, 200, H1, 900), ok(A, 200, H1, 10), List.of(), false),
                Arguments.of("slower but failed: a new failure only", ok(A, 200, H1, 10), with(failed(A, 500, "http_status"),
                        "\"x\":1"), List.of(Category.NEW_FAILURES), true),
                Arguments.of("all three on one ok URL", ok(A, 200, H1, 10), ok(A, 203, H2, 500),
                        List.of(Category.STATUS_CHANGES, Category.BODY_CHANGES, Category.LATENCY), true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void classifiesOnePair(String name, String oldResult, String newResult, List<Category> expected, boolean regressed)
            throws Exception {
        Diff d = diff(doc(oldResult), doc(newResult));
        for (Category c : Category.values()) {
            assertThat(c.size.apply(d)).as(c.name()).isEqualTo(expected.contains(c) ? 1 : 0);
        }
        assertThat(d.regressed()).as("regressed").isEqualTo(regressed);
        assertThat(d.matched()).isEqualTo(1);
    }

    @Test
    void addedOkIsNoRegressionButAddedFailureIs() throws Exception {
        Diff okAdded = diff(doc(ok(A, 200, H1, 1)), doc(ok(A, 200, H1, 1), ok("http://h/b", 200, H1, 1)));
        assertThat(okAdded.added()).extracting(RunResult::url).containsExactly("http://h/b");
        assertThat(okAdded.regressed()).isFalse();
        Diff failedAdded = diff(doc(ok(A, 200, H1, 1)), doc(failed("http://h/b", null, "dns"), ok(A, 200, H1, 1)));
        assertThat(failedAdded.addedFailures()).extracting(RunResult::url).containsExactly("http://h/b");
        assertThat(failedAdded.regressed()).isTrue();
    }

    @Test
    void removedIsReportedInOldOrderAndIsNoRegression() throws Exception {
        Diff d = diff(doc(failed("http://h/z", null, "dns"), ok(A, 200, H1, 1), ok("http://h/y", 200, H1, 1)),
                doc(ok(A, 200, H1, 1)));
        assertThat(d.removed()).extracting(RunResult::url).containsExactly("http://h/z", "http://h/y");
        assertThat(d.regressed()).isFalse();
    }

    @Test
    void aRepeatedUrlMatchesByOccurrenceOrder() throws Exception {
        // OLD: A ok, A failed; NEW: A ok, A ok -> the second occurrence recovered, the first is unchanged
        Diff d = diff(doc(ok(A, 200, H1, 1), failed(A, 500, "http_status")), doc(ok(A, 200, H1, 1), ok(A, 200, H1, 1)));
        assertThat(d.recoveries()).singleElement().satisfies(p -> {
            assertThat(p.old().index()).isEqualTo(1);
            assertThat(p.now().index()).isEqualTo(1);
        });
        assertThat(d.matched()).isEqualTo(2);
        assertThat(d.newFailures()).isEmpty();
        // one occurrence fewer in NEW: the later one of OLD is removed
        Diff fewer = diff(doc(ok(A, 200, H1, 1), failed(A, 500, "http_status")), doc(ok(A, 200, H1, 1)));
        assertThat(fewer.removed()).singleElement().satisfies(r -> assertThat(r.index()).isEqualTo(1));
        assertThat(fewer.recoveries()).isEmpty();
    }

    @Test
    void matchesByUrlWhateverTheOrder() throws Exception {
        Diff d = diff(doc(ok(A, 200, H1, 1), failed("http://h/b", null, "connect")),
                doc(ok("http://h/b", 200, H1, 1), ok(A, 200, H1, 1)));
        assertThat(d.matched()).isEqualTo(2);
        assertThat(d.recoveries()).extracting(p -> p.now().url()).containsExactly("http://h/b");
        assertThat(d.added()).isEmpty();
        assertThat(d.removed()).isEmpty();
    }

    @Test
    void lineAndNameAreReadWhenPresent() throws Exception {
        Diff d = diff(doc(with(ok(A, 200, H1, 1), "\"line\":3,\"name\":\"shop health\"")),
                doc(with(failed(A, 500, "http_status"), "\"line\":4,\"name\":\"shop health\"")));
        RunResult now = d.newFailures().get(0).now();
        assertThat(now.line()).isEqualTo(4);
        assertThat(now.name()).isEqualTo("shop health");
        assertThat(now.errorKind()).isEqualTo("http_status");
        assertThat(d.newFailures().get(0).old().line()).isEqualTo(3);
    }

    @Test
    void aCustomThresholdChangesTheVerdict() throws Exception {
        RunDocument old = SummaryReader.read(Docs.write(dir, "o.json", doc(ok(A, 200, H1, 4))));
        RunDocument now = SummaryReader.read(Docs.write(dir, "n.json", doc(ok(A, 200, H1, 9))));
        assertThat(Diff.compare(old, now, LatencyThreshold.DEFAULT).regressed()).isFalse();
        assertThat(Diff.compare(old, now, LatencyThreshold.parse("100%,0ms")).latencyRegressions()).hasSize(1);
        assertThat(Diff.compare(old, now, LatencyThreshold.parse("200%,0ms")).latencyRegressions()).isEmpty();
    }
}
