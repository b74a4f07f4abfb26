package gather.testing;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scripted HTTP/1.1 server on a Unix domain socket in a temporary directory: the queued
 * {@link ScriptedResponse}s are answered in order (their bytes, keep-alive, cut after N bytes,
 * stall), and the requests recorded with their connection and exchange index.
 */
public final class UnixScriptedServer implements AutoCloseable {
    private final Path dir;
    private final Path path;
    private final ServerSocketChannel server;
    private final BlockingQueue<ScriptedResponse> queue = new LinkedBlockingQueue<>();
    private final BlockingQueue<RecordedRequest> requests = new LinkedBlockingQueue<>();
    private final Set<SocketChannel> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connections = new AtomicInteger();
    private final CountDownLatch closed = new CountDownLatch(1);

    public UnixScriptedServer() {
        try {
            dir = Files.createTempDirectory("gather-unix-");
            path = dir.resolve("http.sock");
            server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread.ofVirtual().name("unix-scripted-accept").start(this::accept);
    }

    public Path path() {
        return path;
    }

    public void enqueue(ScriptedResponse... responses) {
        queue.addAll(List.of(responses));
    }

    public RecordedRequest takeRequest() throws InterruptedException {
        RecordedRequest r = requests.poll(10, TimeUnit.SECONDS);
        if (r == null) {
            throw new AssertionError("no request within 10 s");
        }
        return r;
    }

    public int connectionCount() {
        return connections.get();
    }

    private void accept() {
        while (closed.getCount() > 0) {
            try {
                SocketChannel ch = server.accept();
                int index = connections.getAndIncrement();
                open.add(ch);
                Thread.ofVirtual().start(() -> serve(ch, index));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(SocketChannel ch, int index) {
        try (ch) {
            InputStream in = new BufferedInputStream(Channels.newInputStream(ch));
            OutputStream out = Channels.newOutputStream(ch);
            for (int exchange = 0; ; exchange++) {
                RecordedRequest request = ScriptedServer.readRequest(in, index, exchange);
                if (request == null) {
                    return;
                }
                requests.add(request);
                ScriptedResponse r = queue.poll();
                if (r == null) {
                    r = ScriptedResponse.notFound();
                }
                byte[] bytes = r.toBytes("HEAD".equals(request.method()));
                long limit = r.closeAfterBytes() >= 0 ? Math.min(bytes.length, r.closeAfterBytes()) : bytes.length;
                long stall = r.stallOffset(bytes);
                out.write(bytes, 0, (int) (stall >= 0 ? Math.min(stall, limit) : limit));
                out.flush();
                if (stall >= 0) {
                    closed.await();
                    return;
                }
                if (limit < bytes.length || !r.keepOpenAfter()) {
                    return;
                }
            }
        } catch (IOException | InterruptedException e) {
            // the client went away, or the server is closing
        } finally {
            open.remove(ch);
        }
    }

    @Override
    public void close() {
        closed.countDown();
        try {
            server.close();
            for (SocketChannel ch : open) {
                ch.close();
            }
            Files.deleteIfExists(path);
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // best effort
        }
    }

    @Override
    public String toString() {
        return "UnixScriptedServer[" + path + "]";
    }
}
