package dev.kdi.demo;

import dev.kdi.cluster.PodPort;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Function;

/**
 * A small HTTP/1.1 server behind a pod's port, as CoreDNS's {@code health}, {@code ready} and
 * {@code prometheus} plugins are: reads one request, answers it from a handler with a {@code
 * Content-Length} body and closes, as a Go server does for {@code Connection: close}.
 */
public final class HttpResponder implements PortForwardTarget {

    /**
     * One reply.
     *
     * @param status the status code
     * @param contentType the Content-Type
     * @param body the body
     */
    public record Reply(int status, String contentType, String body) {
        public Reply {
            Objects.requireNonNull(contentType, "contentType");
            Objects.requireNonNull(body, "body");
        }

        public static Reply text(int status, String body) {
            return new Reply(status, "text/plain; charset=utf-8", body);
        }
    }

    /** The most one forward message carries. */
    static final int CHUNK = 8 * 1024;

    private final Function<String, Reply> handler;

    /** @param handler the reply to a GET of a path (the request target, query included) */
    public HttpResponder(Function<String, Reply> handler) {
        this.handler = Objects.requireNonNull(handler, "handler");
    }

    @Override
    public Connection connect(PodPort port, ClientSide client) {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        return new Connection() {
            private boolean answered;

            @Override
            public void receive(byte[] bytes) {
                if (answered) {
                    return;
                }
                request.write(bytes, 0, bytes.length);
                String text = request.toString(StandardCharsets.ISO_8859_1);
                int headEnd = text.indexOf("\r\n\r\n");
                if (headEnd < 0) {
                    return;
                }
                answered = true;
                String[] requestLine = text.substring(0, text.indexOf("\r\n")).split(" ");
                Reply reply;
                if (requestLine.length != 3 || !requestLine[2].startsWith("HTTP/1.")) {
                    reply = Reply.text(400, "Bad Request");
                } else if (!requestLine[0].equals("GET") && !requestLine[0].equals("HEAD")) {
                    reply = Reply.text(405, "Method Not Allowed");
                } else {
                    reply = handler.apply(requestLine[1]);
                }
                byte[] wire = encode(reply, requestLine[0].equals("HEAD"));
                // A pod's bytes reach the stream in pieces, as a kubelet copies them. One message larger
                // than 64 KiB never arrived through fabric8's Vert.x client, and 32 KiB pieces lost their
                // first piece; 8 KiB pieces arrive whole (seen with a 240 KB /metrics).
                for (int at = 0; at < wire.length; at += CHUNK) {
                    client.send(java.util.Arrays.copyOfRange(wire, at, Math.min(wire.length, at + CHUNK)));
                }
                client.close();
            }

            @Override
            public void close() {
                // Nothing held: each reply is computed when asked.
            }
        };
    }

    static byte[] encode(Reply reply, boolean headOnly) {
        byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + reply.status() + " " + reason(reply.status()) + "\r\n"
                + "Content-Type: " + reply.contentType() + "\r\n"
                + "Content-Length: " + body.length + "\r\n"
                + "Connection: close\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = new byte[headBytes.length + (headOnly ? 0 : body.length)];
        System.arraycopy(headBytes, 0, out, 0, headBytes.length);
        if (!headOnly) {
            System.arraycopy(body, 0, out, headBytes.length, body.length);
        }
        return out;
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 503 -> "Service Unavailable";
            default -> "Status";
        };
    }
}
