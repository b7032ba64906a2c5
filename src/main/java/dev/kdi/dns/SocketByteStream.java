package dev.kdi.dns;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SocketChannel;
import java.nio.channels.WritableByteChannel;
import java.time.Duration;
import java.util.Objects;

/**
 * A byte stream over one blocking TCP socket channel.
 *
 * @param channel the connected channel, read and written at once by different threads
 * @param description what it reaches, for messages
 */
record SocketByteStream(SocketChannel channel, String description) implements ByteStream {

    SocketByteStream {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(description, "description");
    }

    static SocketByteStream connect(InetSocketAddress address, Duration timeout) throws IOException {
        SocketChannel channel = SocketChannel.open();
        try {
            // Queries are small and pipelined: Nagle's delay would only add latency.
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.socket().connect(address, (int) Math.max(1, timeout.toMillis()));
        } catch (IOException e) {
            channel.close();
            throw new IOException("cannot connect to " + describe(address) + ": " + e.getMessage(), e);
        }
        return new SocketByteStream(channel, describe(address));
    }

    private static String describe(InetSocketAddress address) {
        return "tcp " + address.getHostString() + " port " + address.getPort();
    }

    @Override
    public ReadableByteChannel source() {
        return channel;
    }

    @Override
    public WritableByteChannel sink() {
        return channel;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
