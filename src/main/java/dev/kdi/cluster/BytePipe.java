package dev.kdi.cluster;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A bounded one-way byte pipe held in memory: a blocking {@link Sink} that one side writes and a
 * blocking {@link Source} that the other side reads.
 *
 * <p>Used instead of {@link java.nio.channels.Pipe} because on Windows the JDK builds that pipe from
 * a loopback TCP connection (it briefly listens on a loopback port), and a port-forward must open no
 * listening socket at all; this one also lets a reader wait with a timeout.
 *
 * <p>Closing the sink is end of stream: the reader drains what is buffered, then reads -1. Closing
 * the source discards what is buffered and makes writes fail. A thread interrupted while it waits
 * closes the end it waits on and gets {@link ClosedByInterruptException}, as with the JDK's
 * interruptible channels; fabric8 relies on that to stop its pump thread.
 */
public final class BytePipe {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition readable = lock.newCondition();
    private final Condition writable = lock.newCondition();
    private final byte[] ring;
    private int head;
    private int count;
    private boolean sinkClosed;
    private boolean sourceClosed;
    private final Source source = new Source();
    private final Sink sink = new Sink();

    /** @param capacity how many bytes may wait between writer and reader */
    public BytePipe(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, got " + capacity);
        }
        this.ring = new byte[capacity];
    }

    public Source source() {
        return source;
    }

    public Sink sink() {
        return sink;
    }

    /** The reading end. */
    public final class Source implements ReadableByteChannel {

        private Source() {
        }

        /** Blocks until at least one byte is available or the sink is closed (then -1). */
        @Override
        public int read(ByteBuffer dst) throws IOException {
            return read(dst, -1);
        }

        /**
         * Like {@link #read(ByteBuffer)}, but gives up after {@code timeout} and returns 0.
         *
         * @return bytes read, 0 when the timeout passed first, -1 at end of stream
         */
        public int read(ByteBuffer dst, Duration timeout) throws IOException {
            return read(dst, Math.max(0, timeout.toNanos()));
        }

        private int read(ByteBuffer dst, long timeoutNanos) throws IOException {
            lock.lock();
            try {
                if (sourceClosed) {
                    throw new ClosedChannelException();
                }
                if (!dst.hasRemaining()) {
                    return 0;
                }
                long remaining = timeoutNanos;
                while (count == 0 && !sinkClosed) {
                    if (timeoutNanos >= 0 && remaining <= 0) {
                        return 0;
                    }
                    try {
                        if (timeoutNanos < 0) {
                            readable.await();
                        } else {
                            remaining = readable.awaitNanos(remaining);
                        }
                    } catch (InterruptedException e) {
                        closeSourceLocked();
                        Thread.currentThread().interrupt();
                        throw new ClosedByInterruptException();
                    }
                    if (sourceClosed) {
                        throw new AsynchronousCloseException();
                    }
                }
                if (count == 0) {
                    return -1;
                }
                int n = Math.min(count, dst.remaining());
                int first = Math.min(n, ring.length - head);
                dst.put(ring, head, first);
                dst.put(ring, 0, n - first);
                head = (head + n) % ring.length;
                count -= n;
                writable.signalAll();
                return n;
            } finally {
                lock.unlock();
            }
        }

        /** How many bytes can be read now without blocking. */
        public int available() {
            lock.lock();
            try {
                return count;
            } finally {
                lock.unlock();
            }
        }

        @Override
        public boolean isOpen() {
            lock.lock();
            try {
                return !sourceClosed;
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void close() {
            lock.lock();
            try {
                closeSourceLocked();
            } finally {
                lock.unlock();
            }
        }
    }

    /** The writing end. */
    public final class Sink implements WritableByteChannel {

        private Sink() {
        }

        /** Blocks until every byte of {@code src} is in the pipe. */
        @Override
        public int write(ByteBuffer src) throws IOException {
            lock.lock();
            try {
                int written = 0;
                while (src.hasRemaining()) {
                    if (sinkClosed) {
                        throw written == 0 ? new ClosedChannelException() : new AsynchronousCloseException();
                    }
                    if (sourceClosed) {
                        throw new IOException("Broken pipe: the reading side is closed");
                    }
                    if (count == ring.length) {
                        try {
                            writable.await();
                        } catch (InterruptedException e) {
                            closeSinkLocked();
                            Thread.currentThread().interrupt();
                            throw new ClosedByInterruptException();
                        }
                        continue;
                    }
                    int tail = (head + count) % ring.length;
                    int n = Math.min(src.remaining(), ring.length - count);
                    int first = Math.min(n, ring.length - tail);
                    src.get(ring, tail, first);
                    src.get(ring, 0, n - first);
                    count += n;
                    written += n;
                    readable.signalAll();
                }
                return written;
            } finally {
                lock.unlock();
            }
        }

        @Override
        public boolean isOpen() {
            lock.lock();
            try {
                return !sinkClosed;
            } finally {
                lock.unlock();
            }
        }

        /** End of stream for the reader, once it has drained what is buffered. */
        @Override
        public void close() {
            lock.lock();
            try {
                closeSinkLocked();
            } finally {
                lock.unlock();
            }
        }
    }

    private void closeSourceLocked() {
        sourceClosed = true;
        count = 0;
        readable.signalAll();
        writable.signalAll();
    }

    private void closeSinkLocked() {
        sinkClosed = true;
        readable.signalAll();
        writable.signalAll();
    }
}
