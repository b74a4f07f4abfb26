package gather.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.Test;

/** One SSLContext per run: the connections that open at the same moment at the start share it. */
class TlsSetupTest {
    @Test
    void concurrentFirstUsesGetTheOneFactory() throws Exception {
        TlsSetup tls = new TlsSetup(false, List.of());
        Set<SSLSocketFactory> seen = ConcurrentHashMap.newKeySet();
        CountDownLatch go = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 50; i++) {
                pool.submit(() -> {
                    go.await();
                    seen.add(tls.socketFactory());
                    return null;
                });
            }
            go.countDown();
        }
        assertThat(seen).hasSize(1);
        assertThat(tls.socketFactory()).isSameAs(seen.iterator().next());
    }
}
