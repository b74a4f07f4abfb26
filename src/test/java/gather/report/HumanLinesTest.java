package gather.report;

import static org.assertj.core.api.Assertions.assertThat;

import gather.result.ErrorKind;
import gather.result.FetchResult;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The human line's columns and colours, and the progress line's text and redraw rules. */
class HumanLinesTest {
    private static final char ESC = 0x1b;

    private static FetchResult ok(String url, long bytes, long nanos) {
        return FetchResult.builder(0, url).statusLine(200, "OK", "HTTP/1.1").attempts(1).body(bytes, null)
                .totalNanos(nanos).build();
    }

    @Test
    void columnsLineUpWhateverTheSizeAndTime() {
        String a = HumanLines.line(ok("http://a/", 12, 1_500_000));
        String b = HumanLines.line(ok("http://b/", 5L << 20, 2_345_000_000L));
        String c = HumanLines.line(FetchResult.builder(0, "http://c/").attempts(1).totalNanos(30_000_000)
                .fail(ErrorKind.CONNECT, "connection refused").build());
        assertThat(a).isEqualTo("200 ok        12 B    1.5 ms  http://a/");
        assertThat(b).isEqualTo("200 ok     5.0 MiB    2.35 s  http://b/");
        assertThat(c).isEqualTo("--- FAIL       0 B   30.0 ms  http://c/  connect: connection refused");
        assertThat(a.indexOf("http")).isEqualTo(b.indexOf("http")).isEqualTo(c.indexOf("http"));
    }

    @Test
    void colourOnlyWhenAskedAndOnlyOnTheVerdict() {
        FetchResult redirected = FetchResult.builder(0, "http://a/").statusLine(200, "OK", "HTTP/1.1").redirects(1)
                .finalUrl("http://b/").build();
        FetchResult failed = FetchResult.builder(0, "http://c/").statusLine(404, "Not Found", "HTTP/1.1")
                .fail(ErrorKind.HTTP_STATUS, "HTTP 404").build();
        assertThat(HumanLines.line(ok("http://a/", 1, 1), false)).doesNotContain(String.valueOf(ESC));
        assertThat(HumanLines.line(ok("http://a/", 1, 1), true)).contains(ESC + "[32mok  " + ESC + "[39m");
        assertThat(HumanLines.line(redirected, true)).contains(ESC + "[36mok  ").endsWith("http://a/ -> http://b/");
        assertThat(HumanLines.line(failed, true)).contains(ESC + "[31mFAIL").contains(ESC + "[31mhttp_status");
    }

    @Test
    void controlCharactersFromOutsideNeverReachTheTerminal() {
        FetchResult r = FetchResult.builder(0, "http://a/").fail(ErrorKind.PROTOCOL, "bad \u001b[2J line\r").build();
        assertThat(HumanLines.line(r, false)).endsWith("protocol: bad ?[2J line?").doesNotContain(String.valueOf(ESC));
    }

    @Test
    void theProgressLineCountsAndEstimatesTheTimeLeft() {
        AtomicLong clock = new AtomicLong();
        StringWriter sink = new StringWriter();
        ProgressLine p = new ProgressLine(new PrintWriter(sink), true, 10, clock::get);
        for (int i = 0; i < 4; i++) {
            p.count(ok("http://a/" + i, 1024, 1));
        }
        p.count(FetchResult.builder(5, "http://f/").fail(ErrorKind.TIMEOUT, "t").build());
        clock.set(TimeUnit.SECONDS.toNanos(2));
        assertThat(p.text(clock.get())).isEqualTo("5/10 done, 4 ok, 1 failed, 4.0 KiB, 2.5 URLs/s, 2 s left");
        assertThat(new ProgressLine(new PrintWriter(sink), true, -1, clock::get).text(clock.get()))
                .as("unknown total (stdin): no total, no time left").isEqualTo("0 done, 0 ok, 0 failed, 0 B, 0.0 URLs/s");
    }

    @Test
    void aLiveLineIsClearedBeforeLinesGoOutAndDrawnAgainAfter() {
        AtomicLong clock = new AtomicLong();
        StringWriter err = new StringWriter();
        StringWriter out = new StringWriter();
        ProgressLine p = new ProgressLine(new PrintWriter(err), true, 2, clock::get);
        HumanLines human = new HumanLines(new PrintWriter(out), false, p);
        human.onResult(ok("http://a/", 1, 1));
        assertThat(err.toString()).as("not yet due: nothing drawn").isEmpty();
        clock.addAndGet(ProgressLine.REDRAW_NANOS);
        human.onResult(ok("http://b/", 1, 1));
        assertThat(out.toString()).contains("http://a/").contains("http://b/");
        assertThat(err.toString()).isEqualTo("2/2 done, 2 ok, 0 failed, 2 B, 20.0 URLs/s");
        human.flush();
        assertThat(err.toString()).as("cleared, then drawn again")
                .isEqualTo("2/2 done, 2 ok, 0 failed, 2 B, 20.0 URLs/s\r" + ESC + "[K2/2 done, 2 ok, 0 failed, 2 B, 20.0 URLs/s");
        human.finish(new RunSummary("t", java.time.Instant.EPOCH, 1, new Totals(), java.util.List.of()));
        human.flush();
        assertThat(err.toString()).as("cleared at the end, and not drawn again by a later flush")
                .endsWith("URLs/s\r" + ESC + "[K");
    }

    @Test
    void inALogAPlainLineEveryTenSecondsWithoutControlCharacters() {
        AtomicLong clock = new AtomicLong();
        StringWriter err = new StringWriter();
        ProgressLine p = new ProgressLine(new PrintWriter(err), false, -1, clock::get);
        HumanLines human = new HumanLines(new PrintWriter(new StringWriter()), false, p);
        human.onResult(ok("http://a/", 1, 1));
        clock.set(TimeUnit.SECONDS.toNanos(5));
        human.flush();
        assertThat(err.toString()).isEmpty();
        clock.set(TimeUnit.SECONDS.toNanos(10));
        human.onResult(ok("http://b/", 1, 1));
        assertThat(err.toString()).isEqualTo("progress: 2 done, 2 ok, 0 failed, 2 B, 0.2 URLs/s\n");
    }
}
