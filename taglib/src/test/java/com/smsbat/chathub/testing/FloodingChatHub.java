package com.smsbat.chathub.testing;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stand-in ChatHub that answers every request with a 100 MB body of unknown length (chunked), {@code chunk} bytes
 * at a time with {@code pause} between them: a flood without pause, a trickle with one. It counts what it got onto
 * the wire and notices when a client hangs up before the end.
 */
public final class FloodingChatHub implements AutoCloseable {

    public static final long HUNDRED_MB = 100L * 1024 * 1024;

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final AtomicLong bytesSent = new AtomicLong();
    private final CountDownLatch hungUp = new CountDownLatch(1);

    private FloodingChatHub(int status, int chunk, Duration pause) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        byte[] bytes = new byte[chunk];
        Arrays.fill(bytes, (byte) 'a');
        server.createContext("/", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/plain");
            exchange.sendResponseHeaders(status, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (long sent = 0; sent < HUNDRED_MB; sent += chunk) {
                    out.write(bytes);
                    out.flush();
                    bytesSent.addAndGet(chunk);
                    if (!pause.isZero()) {
                        // The trickle itself: this server's pace, not a test waiting for time to pass.
                        Thread.sleep(pause.toMillis());
                    }
                }
            } catch (IOException clientHungUp) {
                hungUp.countDown();
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
    }

    public static FloodingChatHub start(int status, int chunk, Duration pause) {
        try {
            return new FloodingChatHub(status, chunk, pause);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Bytes written to the socket so far (including what still sits in its buffers). */
    public long bytesSent() {
        return bytesSent.get();
    }

    /** Whether a client hung up in the middle of a body within {@code limit}. */
    public boolean awaitHangUp(Duration limit) throws InterruptedException {
        return hungUp.await(limit.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
