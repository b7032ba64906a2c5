package dev.kdi.http;

import dev.kdi.http.HttpResult.Failure;
import dev.kdi.http.HttpResult.FailureKind;
import dev.kdi.http.HttpResult.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One HTTP/1.1 GET on a fresh connection: sends the request with {@code Connection: close}, then
 * reads the response framed by {@code Content-Length}, by chunks, or by the end of the connection.
 *
 * <p>A deadline covers the whole exchange. Blocking channels cannot be told to give up, so when it
 * passes the connection is aborted (the caller's {@code abort} closes it), which ends the blocked
 * read; the result then says the reply did not come in time and how much of it did.
 */
public final class HttpGet {

    /** Enough for a large CoreDNS's {@code /metrics}; more is not a reply kdi should hold. */
    public static final int DEFAULT_MAX_BYTES = 32 * 1024 * 1024;

    private final ScheduledExecutorService timer;
    private final Duration timeout;
    private final int maxBytes;

    /**
     * @param timer runs the deadline; shared, never blocked
     * @param timeout how long the whole exchange may take
     * @param maxBytes the largest response (head and body) accepted
     */
    public HttpGet(ScheduledExecutorService timer, Duration timeout, int maxBytes) {
        this.timer = Objects.requireNonNull(timer, "timer");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be positive, got " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    /**
     * GETs {@code path} over the connection and returns what came; never throws for what the peer did.
     *
     * @param in the server's bytes
     * @param out bytes to the server
     * @param abort closes the connection (both channels); called at the deadline
     * @param host the Host header ({@code localhost:9153})
     * @param path the request target ({@code /metrics})
     * @param what names the endpoint in messages: {@code kube-system/coredns-a:9153/metrics}
     */
    public HttpResult get(ReadableByteChannel in, WritableByteChannel out, Runnable abort, String host,
                          String path, String what) {
        AtomicBoolean expired = new AtomicBoolean();
        ScheduledFuture<?> deadline;
        try {
            deadline = timer.schedule(() -> {
                expired.set(true);
                abort.run();
            }, timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            return new Failure(FailureKind.UNREACHABLE, "cannot ask " + what + ": kdi is shutting down");
        }
        Reader reader = new Reader();
        HttpResult result;
        try {
            send(out, host, path);
            result = reader.read(in, what);
        } catch (IOException e) {
            result = reader.received() == 0
                    ? new Failure(FailureKind.NO_REPLY, what + " closed the connection without replying: " + e.getMessage())
                    : new Failure(FailureKind.CUT, what + " broke off its reply after " + bytes(reader.received())
                            + ": " + e.getMessage());
        } finally {
            deadline.cancel(false);
        }
        // A read that ended because the deadline closed the connection says so, whatever it saw.
        if (expired.get() && !(result instanceof Response)) {
            return timedOut(what, reader.received());
        }
        return result;
    }

    private Failure timedOut(String what, long received) {
        return new Failure(FailureKind.TIMEOUT, "no complete reply from " + what + " within " + seconds(timeout)
                + (received == 0 ? " (nothing came)" : " (" + bytes(received) + " came)"));
    }

    private static void send(WritableByteChannel out, String host, String path) throws IOException {
        String request = "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nUser-Agent: kdi\r\n"
                + "Accept: text/plain;version=0.0.4;q=1,*/*;q=0.1\r\nConnection: close\r\n\r\n";
        ByteBuffer buffer = ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII));
        while (buffer.hasRemaining()) {
            out.write(buffer);
        }
    }

    /** Reads one response, looking for its end only when one may have come, so large bodies stay linear. */
    private final class Reader {
        private byte[] data = new byte[16 * 1024];
        private int size;

        long received() {
            return size;
        }

        HttpResult read(ReadableByteChannel in, String what) throws IOException {
            Framing.Head head = null;
            while (true) {
                if (size == data.length) {
                    data = java.util.Arrays.copyOf(data, Math.min(Math.max(data.length * 2, 1), maxBytes + 1));
                }
                int n = in.read(ByteBuffer.wrap(data, size, data.length - size));
                boolean end = n < 0;
                if (n > 0) {
                    size += n;
                }
                if (size > maxBytes) {
                    return new Failure(FailureKind.TOO_LARGE, what + " sent more than " + bytes(maxBytes)
                            + "; kdi stops reading there");
                }
                if (head == null) {
                    Object parsed = Framing.head(data, size, what);
                    if (parsed instanceof Failure f) {
                        return f;
                    }
                    head = (Framing.Head) parsed;
                }
                if (head != null && (end || head.mayBeComplete(data, size))) {
                    HttpResult done = Framing.body(head, data, size, end, what);
                    if (done != null) {
                        return done;
                    }
                }
                if (end) {
                    return size == 0
                            ? new Failure(FailureKind.NO_REPLY, what + " closed the connection without replying")
                            : new Failure(FailureKind.CUT, what + " broke off its reply after " + bytes(size));
                }
            }
        }
    }

    static String bytes(long n) {
        return n == 1 ? "1 byte" : n + " bytes";
    }

    private static String seconds(Duration d) {
        long millis = d.toMillis();
        return millis % 1000 == 0 ? (millis / 1000) + " s" : millis + " ms";
    }

    /** Finds a complete response in the bytes so far. */
    static final class Framing {
        private Framing() {
        }

        /**
         * The response's status line and headers.
         *
         * @param bodyStart where the body begins in the data
         * @param length the Content-Length, or -1
         */
        record Head(int code, String reason, Map<String, String> headers, int bodyStart, boolean chunked,
                    long length) {

            /** Whether the bytes so far may hold the whole response: cheap, so it is asked on every read. */
            boolean mayBeComplete(byte[] data, int size) {
                if (chunked) {
                    return size >= bodyStart + 5 && data[size - 1] == '\n' && data[size - 2] == '\r'
                            && data[size - 3] == '\n' && data[size - 4] == '\r';
                }
                if (length >= 0) {
                    return size - bodyStart >= length;
                }
                return code == 204 || code == 304 || (code >= 100 && code < 200);
            }
        }

        /** @return the head, a failure, or null while the head is incomplete */
        static Object head(byte[] data, int size, String what) {
            int headEnd = indexOf(data, size, 0, new byte[] {'\r', '\n', '\r', '\n'});
            if (headEnd < 0) {
                if (size >= 5 && !startsWith(data, "HTTP/")) {
                    return notHttp(data, size, what);
                }
                return null;
            }
            String text = new String(data, 0, headEnd, StandardCharsets.ISO_8859_1);
            String[] lines = text.split("\r\n");
            String[] status = lines[0].split(" ", 3);
            if (status.length < 2 || !status[0].matches("HTTP/1\\.[01]") || !status[1].matches("[0-9]{3}")) {
                return notHttp(data, size, what);
            }
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon <= 0) {
                    return new Failure(FailureKind.MALFORMED, what + " sent a malformed header line: '"
                            + printable(lines[i]) + "'");
                }
                String name = lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT);
                String value = lines[i].substring(colon + 1).strip();
                headers.merge(name, value, (a, b) -> a + ", " + b);
            }
            boolean chunked = headers.getOrDefault("transfer-encoding", "").toLowerCase(Locale.ROOT).contains("chunked");
            long length = -1;
            String lengthText = headers.get("content-length");
            if (!chunked && lengthText != null) {
                try {
                    length = Long.parseLong(lengthText);
                } catch (NumberFormatException e) {
                    length = -2;
                }
                if (length < 0) {
                    return new Failure(FailureKind.MALFORMED, what + " sent Content-Length '"
                            + printable(lengthText) + "'");
                }
            }
            return new Head(Integer.parseInt(status[1]), status.length > 2 ? status[2] : "", headers, headEnd + 4,
                    chunked, length);
        }

        /**
         * @param end whether the connection has ended (then a body framed by the end is complete)
         * @return the response or a failure once decided, null while more bytes are needed
         */
        static HttpResult body(Head head, byte[] data, int size, boolean end, String what) {
            if (head.chunked()) {
                HttpResult r = chunked(data, size, head, what);
                return r == null && end ? new Failure(FailureKind.CUT, what + " broke off its chunked reply after "
                        + bytes(size - head.bodyStart()) + " of body") : r;
            }
            long have = size - head.bodyStart();
            if (head.length() >= 0) {
                if (have < head.length()) {
                    return end ? new Failure(FailureKind.CUT, what + " broke off its reply after " + bytes(have)
                            + " of a " + bytes(head.length()) + " body") : null;
                }
                return new Response(head.code(), head.reason(), head.headers(),
                        slice(data, head.bodyStart(), (int) head.length()));
            }
            int code = head.code();
            if (code == 204 || code == 304 || (code >= 100 && code < 200)) {
                return new Response(code, head.reason(), head.headers(), new byte[0]);
            }
            return end ? new Response(code, head.reason(), head.headers(), slice(data, head.bodyStart(), (int) have))
                    : null;
        }

        private static HttpResult chunked(byte[] data, int size, Head head, String what) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            int at = head.bodyStart();
            while (true) {
                int lineEnd = indexOf(data, size, at, new byte[] {'\r', '\n'});
                if (lineEnd < 0) {
                    return null;
                }
                String sizeLine = new String(data, at, lineEnd - at, StandardCharsets.ISO_8859_1);
                int semicolon = sizeLine.indexOf(';');
                String hex = (semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).strip();
                int chunk;
                try {
                    chunk = Integer.parseInt(hex, 16);
                } catch (NumberFormatException e) {
                    return new Failure(FailureKind.MALFORMED, what + " sent a bad chunk size '" + printable(hex) + "'");
                }
                if (chunk < 0) {
                    return new Failure(FailureKind.MALFORMED, what + " sent a bad chunk size '" + printable(hex) + "'");
                }
                at = lineEnd + 2;
                if (chunk == 0) {
                    // Trailers, if any, end with an empty line.
                    int trailersEnd = at;
                    while (true) {
                        int end = indexOf(data, size, trailersEnd, new byte[] {'\r', '\n'});
                        if (end < 0) {
                            return null;
                        }
                        if (end == trailersEnd) {
                            return new Response(head.code(), head.reason(), head.headers(), body.toByteArray());
                        }
                        trailersEnd = end + 2;
                    }
                }
                if ((long) at + chunk + 2 > size) {
                    return null;
                }
                body.write(data, at, chunk);
                at += chunk;
                if (data[at] != '\r' || data[at + 1] != '\n') {
                    return new Failure(FailureKind.MALFORMED, what + " sent a chunk not followed by CRLF");
                }
                at += 2;
            }
        }

        private static Failure notHttp(byte[] data, int size, String what) {
            String start = new String(data, 0, Math.min(size, 40), StandardCharsets.ISO_8859_1);
            return new Failure(FailureKind.MALFORMED, what + " did not answer in HTTP/1.x; it began with '"
                    + printable(start) + "'");
        }

        private static String printable(String s) {
            StringBuilder out = new StringBuilder();
            for (char c : s.toCharArray()) {
                out.append(c >= 0x20 && c < 0x7f ? c : '?');
            }
            return out.toString();
        }

        private static boolean startsWith(byte[] data, String prefix) {
            for (int i = 0; i < prefix.length(); i++) {
                if (data[i] != prefix.charAt(i)) {
                    return false;
                }
            }
            return true;
        }

        private static byte[] slice(byte[] data, int from, int length) {
            byte[] out = new byte[length];
            System.arraycopy(data, from, out, 0, length);
            return out;
        }

        private static int indexOf(byte[] data, int size, int from, byte[] needle) {
            outer:
            for (int i = from; i <= size - needle.length; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (data[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }
    }
}
