package dev.kdi.cluster;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.time.Duration;
import java.util.Arrays;

/** Reading and writing a forward in tests, every wait bounded so a broken forward fails instead of hanging. */
public final class ForwardIo {

    private ForwardIo() {
    }

    public static void write(WritableByteChannel channel, byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /** Reads exactly {@code count} bytes, or fails naming how many came before the timeout or the end. */
    public static byte[] readExactly(BytePipe.Source source, int count, Duration timeout) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(count);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (buffer.hasRemaining()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("only " + buffer.position() + " of " + count + " bytes within " + timeout);
            }
            int n = source.read(buffer, Duration.ofNanos(left));
            if (n < 0) {
                throw new AssertionError("end of stream after " + buffer.position() + " of " + count + " bytes");
            }
        }
        return buffer.array();
    }

    /** Reads until end of stream; fails if the stream has not ended within {@code timeout}. */
    public static byte[] readToEnd(BytePipe.Source source, Duration timeout) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        ByteBuffer buffer = ByteBuffer.allocate(8192);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("the stream did not end within " + timeout + " (read " + all.size()
                        + " bytes)");
            }
            buffer.clear();
            int n = source.read(buffer, Duration.ofNanos(left));
            if (n < 0) {
                return all.toByteArray();
            }
            all.write(buffer.array(), 0, n);
        }
    }

    /** Distinct bytes per position, so reordering or loss shows. */
    public static byte[] pattern(int length, int seed) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i * 31 + seed + (i >>> 8));
        }
        return bytes;
    }

    public static byte[] concat(byte[]... parts) {
        int total = Arrays.stream(parts).mapToInt(p -> p.length).sum();
        byte[] all = new byte[total];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}
