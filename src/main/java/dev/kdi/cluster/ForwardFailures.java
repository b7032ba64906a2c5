package dev.kdi.cluster;

import dev.kdi.cluster.ForwardState.FailureKind;
import dev.kdi.cluster.ForwardState.Failed;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.WebSocketHandshakeException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Turns what fabric8 7.4.0 collects about an ended forward into a {@link Failed} a person can act on.
 *
 * <p>fabric8 reports a failure only as throwables collected on the {@code PortForward} handle: the
 * upgrade's HTTP status arrives as a {@link WebSocketHandshakeException}, a kubelet error as a
 * {@link KubernetesClientException} whose message wraps the error-channel text, broken frames as
 * other {@code KubernetesClientException}s, and transport errors as they came from Vert.x. A forward
 * the server closed cleanly leaves no throwable at all.
 */
final class ForwardFailures {

    /** The prefix fabric8's listener puts before the error-channel text. */
    static final String KUBELET_ERROR_PREFIX = "Received an error from the remote socket ";

    private ForwardFailures() {
    }

    static Failed classify(PodPort target, Collection<Throwable> serverThrowables,
                           Collection<Throwable> clientThrowables, boolean upgraded) {
        // The first throwable is the cause; later ones are fallout of the shutdown it started.
        if (!serverThrowables.isEmpty()) {
            return fromServer(target, unwrap(serverThrowables.iterator().next()), upgraded);
        }
        if (!clientThrowables.isEmpty()) {
            return new Failed(FailureKind.LOCAL_ERROR, "kdi could not move bytes for the forward to "
                    + target + ": " + message(unwrap(clientThrowables.iterator().next())));
        }
        return closedByServer();
    }

    static Failed closedByServer() {
        return new Failed(FailureKind.CLOSED_BY_SERVER, "the API server closed the forward");
    }

    static Failed connectTimeout(PodPort target, long millis) {
        return new Failed(FailureKind.CONNECT_TIMEOUT, "the API server did not open the forward to "
                + target + " within " + seconds(millis));
    }

    static Failed couldNotStart(PodPort target, RuntimeException e) {
        return new Failed(FailureKind.LOCAL_ERROR,
                "could not start the forward to " + target + ": " + message(unwrap(e)));
    }

    private static Failed fromServer(PodPort target, Throwable t, boolean upgraded) {
        if (t instanceof WebSocketHandshakeException h) {
            return fromStatus(target, h.getResponse().code());
        }
        if (t instanceof KubernetesClientException k && k.getMessage() != null) {
            String text = k.getMessage();
            if (text.startsWith(KUBELET_ERROR_PREFIX)) {
                String kubelet = text.substring(KUBELET_ERROR_PREFIX.length()).strip();
                return new Failed(FailureKind.KUBELET_ERROR, kubelet.isEmpty()
                        ? "the kubelet reported an error on " + target + " without saying what"
                        : kubelet);
            }
            if (k.getCode() > 0) {
                return fromStatus(target, k.getCode());
            }
            return new Failed(FailureKind.PROTOCOL_ERROR,
                    "the API server broke the port-forward protocol: " + text);
        }
        if (t instanceof TimeoutException) {
            return new Failed(FailureKind.CONNECT_TIMEOUT,
                    "the API server did not answer the port-forward request for " + target + " in time");
        }
        if (!upgraded && (t instanceof ConnectException || t instanceof UnknownHostException)) {
            return new Failed(FailureKind.API_SERVER_UNREACHABLE,
                    "cannot reach the API server: " + message(t));
        }
        if (upgraded) {
            return new Failed(FailureKind.CONNECTION_LOST,
                    "lost the connection to the API server: " + message(t));
        }
        return new Failed(FailureKind.API_SERVER_UNREACHABLE,
                "could not open the forward to " + target + ": " + message(t));
    }

    static Failed fromStatus(PodPort target, int code) {
        return switch (code) {
            case 404 -> new Failed(FailureKind.POD_NOT_FOUND, "pod " + target.podName() + " not found");
            case 403 -> new Failed(FailureKind.FORBIDDEN, "port-forward refused: 403 Forbidden (needs get/create"
                    + " pods/portforward in " + target.namespace() + ")");
            case 401 -> new Failed(FailureKind.UNAUTHORIZED, "port-forward refused: 401 Unauthorized (the API"
                    + " server rejected the credentials; log in again or check the kubeconfig user)");
            case 400 -> new Failed(FailureKind.REFUSED, "port-forward refused: 400 Bad Request (is pod "
                    + target.podName() + " running and scheduled to a node?)");
            default -> new Failed(FailureKind.REFUSED, "port-forward refused: HTTP " + code
                    + (code >= 500 ? " (the API server or the kubelet failed; try again)" : ""));
        };
    }

    static Throwable unwrap(Throwable t) {
        Throwable current = t;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    private static String message(Throwable t) {
        String text = t.getMessage();
        if (text == null || text.isBlank()) {
            Throwable cause = t.getCause();
            if (cause != null && cause != t) {
                return message(cause);
            }
            return t.getClass().getSimpleName();
        }
        return t instanceof IOException || t instanceof KubernetesClientException
                ? text : t.getClass().getSimpleName() + ": " + text;
    }

    private static String seconds(long millis) {
        return millis % 1000 == 0 ? (millis / 1000) + " s" : millis + " ms";
    }
}
