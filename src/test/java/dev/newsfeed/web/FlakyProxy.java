package dev.newsfeed.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy in front of the service that can play a restart of it for a browser: {@link Mode#DOWN} ends every
 * open connection and accepts new ones only to close them (the instance is gone), {@link Mode#CATCHING_UP}
 * answers every request 503 (the restarted instance reads the topic before it serves), {@link Mode#UP} passes
 * bytes through. One Quarkus test run cannot restart its service; the browser cannot tell the difference.
 */
final class FlakyProxy implements AutoCloseable {

    enum Mode {
        UP, DOWN, CATCHING_UP
    }

    private static final byte[] UNAVAILABLE = ("HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\n"
            + "Content-Type: text/plain\r\nContent-Length: 11\r\nConnection: close\r\n\r\nnot ready\r\n")
            .getBytes(StandardCharsets.US_ASCII);

    private final ServerSocket server;
    private final int targetPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final ExecutorService threads = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "flaky-proxy");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger unavailable = new AtomicInteger();
    private volatile Mode mode = Mode.UP;

    FlakyProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.execute(this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    /** Connections closed unanswered while {@link Mode#DOWN}. */
    int refused() {
        return refused.get();
    }

    /** Requests answered 503 while {@link Mode#CATCHING_UP}. */
    int unavailable() {
        return unavailable.get();
    }

    /** Switches mode; leaving {@link Mode#UP} ends the connections that are open, as a stopping server does. */
    void mode(Mode next) {
        mode = next;
        if (next != Mode.UP) {
            open.forEach(FlakyProxy::closeQuietly);
            open.clear();
        }
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                switch (mode) {
                    case DOWN -> {
                        closeQuietly(client);
                        refused.incrementAndGet();
                    }
                    case CATCHING_UP -> threads.execute(() -> {
                        unavailable(client);
                        unavailable.incrementAndGet();
                    });
                    case UP -> forward(client);
                }
            } catch (IOException e) {
                // The server socket was closed: the proxy is done.
                return;
            }
        }
    }

    /** Reads the request head before answering, so the browser gets the 503 rather than a reset. */
    private static void unavailable(Socket client) {
        try (client; InputStream in = client.getInputStream(); OutputStream out = client.getOutputStream()) {
            int matched = 0;
            byte[] end = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            while (matched < end.length) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                matched = b == end[matched] ? matched + 1 : (b == end[0] ? 1 : 0);
            }
            out.write(UNAVAILABLE);
            out.flush();
        } catch (IOException e) {
            // The browser went away first; nothing to answer.
        }
    }

    private void forward(Socket client) throws IOException {
        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        open.add(client);
        open.add(upstream);
        threads.execute(() -> pipe(client, upstream));
        threads.execute(() -> pipe(upstream, client));
    }

    private void pipe(Socket from, Socket to) {
        byte[] buffer = new byte[8192];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // One side closed; the finally block ends the other.
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            open.remove(from);
            open.remove(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Already closed: that is all that was wanted.
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        mode(Mode.DOWN);
        threads.shutdownNow();
    }
}
