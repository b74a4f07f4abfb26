package gather.report;

import static org.assertj.core.api.Assertions.assertThat;

import gather.result.CheckFailure;
import gather.result.ErrorKind;
import gather.result.FetchResult;
import java.lang.reflect.RecordComponent;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A stored result reads back equal to what went in, every field (the failure's exception aside). */
class ResultCodecTest {
    private static FetchResult roundTrip(FetchResult r) throws Exception {
        byte[] b = ResultCodec.encode(r);
        byte[] framed = new byte[b.length + 7];
        System.arraycopy(b, 0, framed, 3, b.length);
        return ResultCodec.decode(framed, 3, b.length);
    }

    /** Every field set to something other than its default, so a field the codec forgets shows. */
    static FetchResult full() {
        return FetchResult.builder(7, "https://h\u00e9.example/\ud83d\ude00?q")
                .statusLine(503, "Service Unavailable", "HTTP/1.1")
                .finalUrl("https://other.example/")
                .redirects(2)
                .attempts(3)
                .body(1256, "ab".repeat(32))
                .contentLength(1256L)
                .contentType("text/html")
                .connection("10.0.0.1:443", true, new FetchResult.Tls("TLSv1.3", "TLS_AES_256_GCM_SHA384"))
                .queueNanos(1)
                .phases(2, 3, 4)
                .ttfbNanos(5)
                .totalNanos(6)
                .savedTo("out/x")
                .fail(ErrorKind.EXPECTATION, "2 checks failed: \u00fcber")
                .checks(List.of(new CheckFailure("expect-text", "caf\u00e9", "not found"),
                        new CheckFailure("max-ttfb", "500ms", "612.3ms")))
                .notModified(true)
                .resumedFrom(4000)
                .startNanos(8)
                .reproduce("curl 'https://h\u00e9.example/'")
                .input(12, "shop health")
                .build()
                .allowedFailure();
    }

    @Test
    void everyFieldReadsBackEqual() throws Exception {
        FetchResult full = full();
        for (RecordComponent c : FetchResult.class.getRecordComponents()) {
            if (c.getName().equals("transcript")) {
                continue; // only the live output (-v, -I) shows it: not stored
            }
            Object v = c.getAccessor().invoke(full);
            Object fresh = c.getAccessor().invoke(FetchResult.builder(0, "x").build());
            assertThat(v).as("the test data sets %s", c.getName()).isNotEqualTo(fresh);
        }
        assertThat(roundTrip(full)).isEqualTo(full);
        FetchResult fresh = FetchResult.builder(0, "http://127.0.0.1:1/").build();
        assertThat(roundTrip(fresh)).isEqualTo(fresh);
        FetchResult zeroStatus = FetchResult.builder(1, "u").statusLine(0, "", null).contentLength(0L).build();
        assertThat(roundTrip(zeroStatus)).isEqualTo(zeroStatus);
    }

    @Test
    void aLoneSurrogateReadsBackAsTheReplacementCharacterAsJsonWritesIt() throws Exception {
        FetchResult r = FetchResult.builder(0, "http://a/\ud800x").build();
        assertThat(roundTrip(r).url()).isEqualTo("http://a/\ufffdx");
    }
}
