package dev.kdi.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// A separate thread, so a deadlocked forward fails its test instead of hanging the build.
@Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BytePipeTest {

    private final BytePipe pipe = new BytePipe(8);

    @Test
    void read_returnsWrittenBytes_inOrderAcrossTheRingEdge() throws IOException {
        ByteBuffer out = ByteBuffer.allocate(16);
        pipe.sink().write(ByteBuffer.wrap(new byte[] {1, 2, 3, 4, 5, 6}));
        pipe.source().read(ByteBuffer.allocate(5));
        pipe.sink().write(ByteBuffer.wrap(new byte[] {7, 8, 9, 10, 11, 12}));

        int n = pipe.source().read(out);

        assertThat(n).isEqualTo(7);
        assertThat(out.flip()).isEqualTo(ByteBuffer.wrap(new byte[] {6, 7, 8, 9, 10, 11, 12}));
    }

    @Test
    void read_drainsThenReturnsEndOfStream_afterSinkClosed() throws IOException {
        pipe.sink().write(ByteBuffer.wrap(new byte[] {1, 2}));
        pipe.sink().close();

        assertThat(pipe.source().read(ByteBuffer.allocate(8))).isEqualTo(2);
        assertThat(pipe.source().read(ByteBuffer.allocate(8))).isEqualTo(-1);
    }

    @Test
    void timedRead_returnsZero_whenNothingComes() throws IOException {
        long start = System.nanoTime();

        assertThat(pipe.source().read(ByteBuffer.allocate(8), Duration.ofMillis(50))).isZero();
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(50));
    }

    @Test
    void blockedRead_wakesWithEndOfStream_whenSinkCloses() throws Exception {
        CompletableFuture<Integer> reader = CompletableFuture.supplyAsync(() -> read(pipe.source()));
        Thread.sleep(50);

        pipe.sink().close();

        assertThat(reader.get(5, TimeUnit.SECONDS)).isEqualTo(-1);
    }

    @Test
    void write_blocksWhenFull_untilReaderMakesRoom() throws Exception {
        pipe.sink().write(ByteBuffer.wrap(new byte[8]));
        CompletableFuture<Integer> writer = CompletableFuture.supplyAsync(() -> write(pipe.sink(), new byte[4]));
        Thread.sleep(50);
        assertThat(writer).isNotDone();

        pipe.source().read(ByteBuffer.allocate(4));

        assertThat(writer.get(5, TimeUnit.SECONDS)).isEqualTo(4);
    }

    @Test
    void write_failsBrokenPipe_afterSourceClosed() {
        pipe.source().close();

        assertThatThrownBy(() -> pipe.sink().write(ByteBuffer.wrap(new byte[] {1})))
                .isInstanceOf(IOException.class).hasMessageContaining("Broken pipe");
    }

    @Test
    void write_failsClosed_afterSinkClosed() {
        pipe.sink().close();

        assertThatThrownBy(() -> pipe.sink().write(ByteBuffer.wrap(new byte[] {1})))
                .isInstanceOf(ClosedChannelException.class);
    }

    @Test
    void blockedRead_failsAsynchronousClose_whenSourceClosedUnderIt() throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            try {
                pipe.source().read(ByteBuffer.allocate(8));
            } catch (IOException e) {
                failure.set(e);
            }
        });
        reader.start();
        Thread.sleep(50);

        pipe.source().close();
        reader.join(5000);

        assertThat(failure.get()).isInstanceOf(AsynchronousCloseException.class);
    }

    @Test
    void interruptedReader_closesSourceAndGetsClosedByInterrupt() throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicReference<Boolean> interrupted = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            try {
                pipe.source().read(ByteBuffer.allocate(8));
            } catch (IOException e) {
                failure.set(e);
                interrupted.set(Thread.currentThread().isInterrupted());
            }
        });
        reader.start();
        Thread.sleep(50);

        reader.interrupt();
        reader.join(5000);

        assertThat(failure.get()).isInstanceOf(ClosedByInterruptException.class);
        assertThat(interrupted.get()).isTrue();
        assertThat(pipe.source().isOpen()).isFalse();
    }

    private static int read(BytePipe.Source source) {
        try {
            return source.read(ByteBuffer.allocate(8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int write(BytePipe.Sink sink, byte[] bytes) {
        try {
            return sink.write(ByteBuffer.wrap(bytes));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
