package dev.kdi.demo;

import dev.kdi.cluster.PodPort;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.util.Arrays;
import java.util.Objects;

/**
 * Forwards to a real TCP server, as the kubelet connects to the pod's port: one TCP connection per
 * forward, opened when the forward opens. Tests use it to put a real DNS server behind a pod.
 *
 * @param address the server to connect to (a loopback address in tests)
 */
public record TcpRelay(InetSocketAddress address) implements PortForwardTarget {

    private static final int CONNECT_TIMEOUT_MILLIS = 2_000;
    private static final int READ_BUFFER = 16 * 1024;

    public TcpRelay {
        Objects.requireNonNull(address, "address");
    }

    /** A relay to {@code 127.0.0.1:port}. */
    public static TcpRelay toLoopback(int port) {
        return new TcpRelay(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    }

    @Override
    public Connection connect(PodPort port, ClientSide client) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(address, CONNECT_TIMEOUT_MILLIS);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        Thread reader = new Thread(() -> pump(socket, in, client), "kdi-tcp-relay-" + port);
        reader.setDaemon(true);
        reader.start();
        return new Connection() {
            @Override
            public void receive(byte[] bytes) throws IOException {
                out.write(bytes);
                out.flush();
            }

            @Override
            public void close() {
                try {
                    socket.close();
                } catch (IOException e) {
                    // Closing is best effort; the forward is over either way.
                }
            }
        };
    }

    private void pump(Socket socket, InputStream in, ClientSide client) {
        byte[] buffer = new byte[READ_BUFFER];
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (n > 0) {
                    client.send(Arrays.copyOf(buffer, n));
                }
            }
            client.close();
        } catch (SocketException e) {
            if (!socket.isClosed()) {
                client.fail("lost the connection to " + address + " behind the pod: " + e.getMessage());
            }
        } catch (IOException e) {
            client.fail("lost the connection to " + address + " behind the pod: " + e.getMessage());
        }
    }
}
