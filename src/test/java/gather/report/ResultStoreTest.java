package gather.report;

import static org.assertj.core.api.Assertions.assertThat;

import gather.result.FetchResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ResultStoreTest {

    private static FetchResult result(int i, int size) {
        return FetchResult.builder(i, "http://h/" + i + "/" + "x".repeat(size)).body(i, null).build();
    }

    private static void put(ResultStore<FetchResult> store, FetchResult r) throws Exception {
        store.put(r.index(), ResultCodec.encode(r));
    }

    private static List<FetchResult> read(ResultStore<FetchResult> store) {
        List<FetchResult> out = new ArrayList<>();
        store.inOrder().forEach(out::add);
        return out;
    }

    @Test
    void inMemoryResultsComeOutInIndexOrderSkippingMissingIndices() throws Exception {
        try (ResultStore<FetchResult> store = ResultStore.ofResults(1 << 20, null)) {
            put(store, result(3, 7));
            put(store, result(0, 3));
            put(store, result(1, 5));
            assertThat(store.spilled()).isFalse();
            assertThat(read(store)).containsExactly(result(0, 3), result(1, 5), result(3, 7));
            assertThat(read(store)).as("read twice").hasSize(3);
        }
    }

    @Test
    void spilledResultsOutOfOrderAcrossManyWindowsComeOutInIndexOrder() throws Exception {
        int n = 5000;
        Random random = new Random(42);
        int[] sizes = new int[n];
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            sizes[i] = random.nextInt(i % 997 == 0 ? 3_000_000 : 900);
            order.add(i);
        }
        Collections.shuffle(order, random);
        try (ResultStore<FetchResult> store = ResultStore.ofResults(10_000, null)) {
            for (int i : order) {
                put(store, result(i, sizes[i]));
            }
            assertThat(store.spilled()).isTrue();
            List<FetchResult> back = read(store);
            assertThat(back).hasSize(n);
            for (int i = 0; i < n; i++) {
                assertThat(back.get(i)).isEqualTo(result(i, sizes[i]));
            }
        }
    }

    @Test
    void spilledJsonObjectsComeBackAsTheSameBytesInIndexOrder() throws Exception {
        try (ResultStore<byte[]> store = ResultStore.ofBytes(2_000, null)) {
            for (int i : new int[] {4, 0, 2, 1, 3}) {
                store.put(i, ResultJson.bytes(result(i, 400)));
            }
            assertThat(store.spilled()).isTrue();
            List<byte[]> back = new ArrayList<>();
            store.inOrder().forEach(back::add);
            assertThat(back).hasSize(5);
            for (int i = 0; i < 5; i++) {
                assertThat(back.get(i)).isEqualTo(ResultJson.bytes(result(i, 400)));
            }
        }
    }
}
