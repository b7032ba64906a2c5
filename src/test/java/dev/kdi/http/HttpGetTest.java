package dev.kdi.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kdi.http.HttpResult.Failure;
import dev.kdi.http.HttpResult.FailureKind;
import dev.kdi.http.HttpResult.Response;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** One GET against canned replies: framing, failures, the deadline. */
@Timeout(10)
class HttpGetTest {

    /** A daemon, left running: surefire's rerun of a failed test reuses the class. */
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "test-http-deadline");
        t.setDaemon(true);
        return t;
    });

    private final ByteArrayOutputStream sent = new ByteArrayOutputStream();

    private HttpResult get(String reply, int maxBytes) {
        ReadableByteChannel in = new Trickle(reply.getBytes(StandardCharsets.ISO_8859_1), 7);
        return new HttpGet(TIMER, Duration.ofSeconds(5), maxBytes).get(in, Channels.newChannel(sent), () -> { },
                "localhost:8080", "/health", "pod/x:8080/health");
    }

    private HttpResult get(String reply) {
        return get(reply, HttpGet.DEFAULT_MAX_BYTES);
    }

    @Test
    void sendsOneGetThatClosesTheConnection() {
        get("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nOK");
        assertThat(sent.toString(StandardCharsets.US_ASCII)).startsWith("GET /health HTTP/1.1\r\nHost: localhost:8080\r\n")
                .contains("\r\nConnection: close\r\n").endsWith("\r\n\r\n");
    }

    @Test
    void contentLengthFramesTheBodyAndHeadersAreCaseless() {
        HttpResult r = get("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\ncontent-length: 2\r\nX-A: 1\r\nX-A: 2\r\n\r\nOKextra");
        assertThat(r).isInstanceOfSatisfying(Response.class, response -> {
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.reason()).isEqualTo("OK");
            assertThat(response.text()).isEqualTo("OK");
            assertThat(response.header("Content-Type")).isEqualTo("text/plain");
            assertThat(response.header("x-a")).isEqualTo("1, 2");
        });
    }

    @Test
    void chunkedBodiesAreJoinedAndTrailersSkipped() {
        HttpResult r = get("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5\r\nhello\r\n7;ext=1\r\n, world\r\n0\r\nTrailer: x\r\n\r\n");
        assertThat(r).isInstanceOfSatisfying(Response.class, response ->
                assertThat(response.text()).isEqualTo("hello, world"));
    }

    @Test
    void withoutLengthTheBodyEndsWithTheConnection() {
        HttpResult r = get("HTTP/1.0 503 Service Unavailable\r\n\r\nnot ready yet");
        assertThat(r).isInstanceOfSatisfying(Response.class, response -> {
            assertThat(response.status()).isEqualTo(503);
            assertThat(response.ok()).isFalse();
            assertThat(response.text()).isEqualTo("not ready yet");
        });
    }

    @Test
    void aReplyCutInTheBodySaysHowMuchCame() {
        assertThat(get("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789")).isEqualTo(new Failure(
                FailureKind.CUT, "pod/x:8080/health broke off its reply after 10 bytes of a 100 bytes body"));
        assertThat(get("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel")).isEqualTo(new Failure(
                FailureKind.CUT, "pod/x:8080/health broke off its chunked reply after 6 bytes of body"));
        assertThat(get("HTTP/1.1 200 OK\r\nContent-Le")).isEqualTo(new Failure(
                FailureKind.CUT, "pod/x:8080/health broke off its reply after 27 bytes"));
    }

    @Test
    void noReplyAtAll() {
        assertThat(get("")).isEqualTo(new Failure(FailureKind.NO_REPLY,
                "pod/x:8080/health closed the connection without replying"));
    }

    @Test
    void somethingElseThanHttp() {
        assertThat(get("\u0000\u0010garbage\r\n\r\n")).isInstanceOfSatisfying(Failure.class, f -> {
            assertThat(f.kind()).isEqualTo(FailureKind.MALFORMED);
            assertThat(f.message()).isEqualTo("pod/x:8080/health did not answer in HTTP/1.x; it began with '??garba'");
        });
        assertThat(get("HTTP/1.1 200 OK\r\nContent-Length: many\r\n\r\n")).isEqualTo(new Failure(
                FailureKind.MALFORMED, "pod/x:8080/health sent Content-Length 'many'"));
    }

    @Test
    void aReplyLargerThanAllowedIsRefused() {
        assertThat(get("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n" + "x".repeat(1000), 100))
                .isEqualTo(new Failure(FailureKind.TOO_LARGE,
                        "pod/x:8080/health sent more than 100 bytes; kdi stops reading there"));
    }

    @Test
    void aReplyThatNeverEndsTimesOutAndTheConnectionIsAborted() throws IOException {
        Pipe pipe = Pipe.open();
        pipe.sink().write(ByteBuffer.wrap("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc".getBytes(StandardCharsets.US_ASCII)));
        long start = System.nanoTime();
        HttpResult r = new HttpGet(TIMER, Duration.ofMillis(300), 1000).get(pipe.source(), Channels.newChannel(sent),
                () -> closeQuietly(pipe), "localhost:9153", "/metrics", "pod/x:9153/metrics");
        assertThat(r).isEqualTo(new Failure(FailureKind.TIMEOUT,
                "no complete reply from pod/x:9153/metrics within 300 ms (42 bytes came)"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(pipe.source().isOpen()).isFalse();
    }

    private static void closeQuietly(Pipe pipe) {
        try {
            pipe.source().close();
            pipe.sink().close();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Hands out the reply a few bytes at a time, as a forward's messages do, then end of stream. */
    private static final class Trickle implements ReadableByteChannel {
        private final ByteArrayInputStream data;
        private final int step;

        Trickle(byte[] bytes, int step) {
            this.data = new ByteArrayInputStream(bytes);
            this.step = step;
        }

        @Override
        public int read(ByteBuffer dst) {
            byte[] chunk = new byte[Math.min(step, dst.remaining())];
            int n = data.read(chunk, 0, chunk.length);
            if (n <= 0) {
                return -1;
            }
            dst.put(chunk, 0, n);
            return n;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }
    }
}
