package gather.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ResultStoreTest {

    private static String record(int i, int size) {
        return "{\"index\":" + i + ",\"pad\":\"" + "x".repeat(size) + "\"}";
    }

    private static String expected(int n, int[] sizes) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(",\n");
            }
            sb.append(record(i, sizes[i]));
        }
        return sb.toString();
    }

    private static String written(ResultStore store) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        store.writeInOrder(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void inMemoryResultsComeOutInIndexOrder() throws Exception {
        try (ResultStore store = new ResultStore(1 << 20)) {
            int[] sizes = {3, 5, 7};
            store.put(2, record(2, 7).getBytes(StandardCharsets.UTF_8));
            store.put(0, record(0, 3).getBytes(StandardCharsets.UTF_8));
            store.put(1, record(1, 5).getBytes(StandardCharsets.UTF_8));
            assertThat(written(store)).isEqualTo(expected(3, sizes));
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
        try (ResultStore store = new ResultStore(10_000)) {
            for (int i : order) {
                store.put(i, record(i, sizes[i]).getBytes(StandardCharsets.UTF_8));
            }
            assertThat(written(store)).isEqualTo(expected(n, sizes));
        }
    }
}
