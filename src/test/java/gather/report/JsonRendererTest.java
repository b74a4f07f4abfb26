package gather.report;

import static org.assertj.core.api.Assertions.assertThat;

import gather.result.FetchResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class JsonRendererTest {
    private static FetchResult result(int i) {
        return FetchResult.builder(i, "http://h/" + i + "/\u00e9\ud83d\ude00").body(i, null).build();
    }

    @Test
    void resultsFromManyThreadsComeBackAsTheirJsonInIndexOrderThroughAFullQueueAndASpill() throws Exception {
        int n = JsonRenderer.QUEUE * 3 + 17;
        try (JsonRenderer renderer = new JsonRenderer(ResultStore.ofBytes(64 * 1024, null))) {
            AtomicInteger next = new AtomicInteger(n);
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> workers = new ArrayList<>();
            for (int w = 0; w < 8; w++) {
                workers.add(Thread.ofVirtual().start(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    int i;
                    while ((i = next.decrementAndGet()) >= 0) { // last index first: the store sorts them
                        renderer.submit(result(i));
                    }
                }));
            }
            go.countDown();
            for (Thread t : workers) {
                t.join();
            }
            List<byte[]> back = new ArrayList<>();
            renderer.finish().forEach(back::add);
            assertThat(back).hasSize(n);
            for (int i = 0; i < n; i++) {
                assertThat(back.get(i)).as("result %d", i).isEqualTo(ResultJson.bytes(result(i)));
            }
        }
    }

    @Test
    void anInterruptedWorkerStillHandsItsResultOverAndKeepsItsInterrupt() throws Exception {
        try (JsonRenderer renderer = new JsonRenderer(ResultStore.ofBytes(1 << 20, null))) {
            Thread.currentThread().interrupt();
            renderer.submit(result(0));
            assertThat(Thread.interrupted()).as("the interrupt is still set").isTrue();
            List<byte[]> back = new ArrayList<>();
            renderer.finish().forEach(back::add);
            assertThat(back).hasSize(1);
            assertThat(back.get(0)).isEqualTo(ResultJson.bytes(result(0)));
        }
    }
}
