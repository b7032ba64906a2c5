package dev.kdi.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A TCP echo server on 127.0.0.1 for tests and benchmarks: every byte received is sent back. */
public final class TcpEchoServer implements AutoCloseable {

    private final ServerSocket server;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();

    private TcpEchoServer(ServerSocket server) {
        this.server = server;
    }

    public static TcpEchoServer start() throws IOException {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        TcpEchoServer echo = new TcpEchoServer(server);
        Thread acceptor = new Thread(echo::acceptLoop, "test-echo-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        return echo;
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Connections accepted so far. */
    public int accepted() {
        return accepted.get();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                socket.setTcpNoDelay(true);
                accepted.incrementAndGet();
                connections.add(socket);
                Thread echo = new Thread(() -> echo(socket), "test-echo-" + socket.getPort());
                echo.setDaemon(true);
                echo.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void echo(Socket socket) {
        byte[] buffer = new byte[16 * 1024];
        try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // The peer went away; nothing to echo to.
        } finally {
            connections.remove(socket);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : connections) {
            socket.close();
        }
    }
}
