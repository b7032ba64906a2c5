package dev.kdi.dns;

import java.io.IOException;
import java.nio.channels.Channel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.Objects;

/**
 * A byte stream over two separate channels, as an in-process port-forward provides them.
 *
 * @param source where the server's bytes arrive
 * @param sink where bytes for the server go
 * @param description what it reaches, for messages
 */
record ChannelPairByteStream(ReadableByteChannel source, WritableByteChannel sink, String description)
        implements ByteStream {

    ChannelPairByteStream {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sink, "sink");
        Objects.requireNonNull(description, "description");
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (Channel c : new Channel[] {sink, source}) {
            try {
                c.close();
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
