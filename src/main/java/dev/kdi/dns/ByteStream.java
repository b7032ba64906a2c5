package dev.kdi.dns;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SocketChannel;
import java.nio.channels.WritableByteChannel;
import java.time.Duration;

/**
 * A two-way byte stream to a DNS server: a TCP socket, or the pipes of an in-process port-forward.
 *
 * <p>Both channels are used in blocking mode, one thread reading and another writing at the same
 * time; closing the stream must wake both.
 */
public interface ByteStream extends Closeable {

    /** Where the server's bytes arrive. */
    ReadableByteChannel source();

    /** Where bytes for the server go. */
    WritableByteChannel sink();

    /** What this stream reaches, for messages: {@code pod kube-system/coredns-a port 53}. */
    String description();

    /** Closes both directions. */
    @Override
    void close() throws IOException;

    /** A stream over a connected socket channel. */
    static ByteStream of(SocketChannel channel, String description) {
        return new SocketByteStream(channel, description);
    }

    /** A stream over two channels, such as the ends of two {@link java.nio.channels.Pipe}s. */
    static ByteStream of(ReadableByteChannel source, WritableByteChannel sink, String description) {
        return new ChannelPairByteStream(source, sink, description);
    }

    /**
     * Connects to a TCP address, waiting at most {@code timeout}.
     *
     * @throws IOException when the connection cannot be made, with the address in the message
     */
    static ByteStream connect(InetSocketAddress address, Duration timeout) throws IOException {
        return SocketByteStream.connect(address, timeout);
    }
}
