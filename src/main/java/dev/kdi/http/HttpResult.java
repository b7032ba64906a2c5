package dev.kdi.http;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/** What one GET came to: a response, or why there is none. */
public sealed interface HttpResult {

    /**
     * A complete response.
     *
     * @param status the status code
     * @param reason the reason phrase as sent
     * @param headers header names in lower case; a repeated header's values joined with {@code ", "}
     * @param body the body, de-chunked
     */
    record Response(int status, String reason, Map<String, String> headers, byte[] body) implements HttpResult {
        public Response {
            Objects.requireNonNull(reason, "reason");
            headers = Map.copyOf(headers);
            Objects.requireNonNull(body, "body");
        }

        /** The body as text (UTF-8, as CoreDNS sends it). */
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public String header(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), "");
        }

        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    /**
     * No usable response.
     *
     * @param kind what went wrong
     * @param message one sentence naming what was asked and what happened
     */
    record Failure(FailureKind kind, String message) implements HttpResult {
        public Failure {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(message, "message");
        }
    }

    /** Why there is no response. */
    enum FailureKind {
        /** Nothing listens on the port (connection refused). */
        NOT_SERVED,
        /** The connection could not be made for another reason (a refused port-forward, say). */
        UNREACHABLE,
        /** The connection ended before a single byte came back. */
        NO_REPLY,
        /** The connection ended in the middle of the reply. */
        CUT,
        /** No complete reply within the time allowed. */
        TIMEOUT,
        /** What came back is not an HTTP/1.x response. */
        MALFORMED,
        /** The reply is larger than kdi is willing to hold. */
        TOO_LARGE
    }
}
