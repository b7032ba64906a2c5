package dev.kdi.dns;

import java.nio.ByteBuffer;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * Reassembles length-prefixed DNS messages (RFC 1035 4.2.2) from reads of any size: a read may
 * bring half a prefix, several messages, or one message in many pieces.
 *
 * <p>Not thread-safe: one reader feeds it.
 */
public final class FrameDecoder {
    private int prefixBytes;
    private int length;
    private byte[] frame;
    private int filled;

    /** Consumes all of {@code in}, handing each complete message to {@code out}. */
    public void feed(ByteBuffer in, Consumer<byte[]> out) {
        while (in.hasRemaining()) {
            if (frame == null) {
                length = (length << 8) | (in.get() & 0xff);
                prefixBytes++;
                if (prefixBytes == 2) {
                    frame = new byte[length];
                    filled = 0;
                }
            } else {
                int n = Math.min(in.remaining(), frame.length - filled);
                in.get(frame, filled, n);
                filled += n;
            }
            if (frame != null && filled == frame.length) {
                byte[] done = frame;
                frame = null;
                prefixBytes = 0;
                length = 0;
                out.accept(done);
            }
        }
    }

    /** Whether part of a message (or of its prefix) has arrived and the rest has not. */
    boolean isMidFrame() {
        return prefixBytes > 0;
    }

    /** Bytes of the current message received so far (prefix not counted). */
    int receivedBytes() {
        return frame == null ? 0 : filled;
    }

    /** The announced length of the current message, or -1 while the prefix is incomplete. */
    int expectedBytes() {
        return frame == null ? -1 : frame.length;
    }

    /** The message ID of the current partial message, once its first two bytes are in. */
    OptionalInt partialId() {
        if (frame == null || filled < 2) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(((frame[0] & 0xff) << 8) | (frame[1] & 0xff));
    }
}
