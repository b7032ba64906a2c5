package dev.kdi.cluster;

import dev.kdi.cluster.ForwardState.Failed;
import dev.kdi.cluster.ForwardState.FailureKind;
import dev.kdi.http.HttpGet;
import dev.kdi.http.HttpResult;
import dev.kdi.http.HttpResult.Failure;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;

/**
 * HTTP GETs to a pod's port through its own port-forward (CoreDNS's {@code /health}, {@code /ready}
 * and {@code /metrics}), with no socket listening anywhere. Each GET opens a forward, sends one
 * request with {@code Connection: close} and closes the forward when the reply is in, as {@code
 * kubectl port-forward} carries one connection per stream.
 *
 * <p>A port nothing listens on reaches us as the kubelet's "connection refused" on the forward's
 * error channel, after the upgrade succeeded: it is told apart from a refused forward (RBAC, a pod
 * gone) and from a reply that broke off.
 */
public final class PodHttp {

    /** How long the reason for a forward's end may take to follow the end of its bytes. */
    private static final Duration SETTLE = Duration.ofMillis(500);

    private final PortForwarder forwarder;
    private final HttpGet http;
    private final Duration timeout;

    /**
     * @param timer runs the deadlines
     * @param timeout how long opening the forward, and then the exchange, may each take
     */
    public PodHttp(PortForwarder forwarder, ScheduledExecutorService timer, Duration timeout) {
        this.forwarder = Objects.requireNonNull(forwarder, "forwarder");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.http = new HttpGet(timer, timeout, HttpGet.DEFAULT_MAX_BYTES);
    }

    /** GETs {@code path} from the pod's port; blocks; never throws for what the cluster or the pod did. */
    public HttpResult get(PodPort port, String path) throws InterruptedException {
        String what = port + path;
        try (PortForwardStream stream = forwarder.open(port)) {
            ForwardState settled = stream.awaitSettled(timeout);
            if (settled instanceof Failed f) {
                return refused(port, f);
            }
            if (settled instanceof ForwardState.Connecting) {
                return new Failure(HttpResult.FailureKind.UNREACHABLE,
                        "the API server did not open the forward to " + port + " within " + timeout.toSeconds() + " s");
            }
            HttpResult result = http.get(stream.fromPod(), stream.toPod(), stream::close, "localhost:" + port.port(),
                    path, what);
            if (result instanceof Failure failure && (failure.kind() == HttpResult.FailureKind.NO_REPLY
                    || failure.kind() == HttpResult.FailureKind.CUT)) {
                // The bytes may end a moment before the forward's state says why.
                if (stream.awaitEnded(SETTLE) instanceof Failed f) {
                    return failure.kind() == HttpResult.FailureKind.NO_REPLY ? refused(port, f)
                            : new Failure(failure.kind(), failure.message() + " (" + f.reason() + ")");
                }
            }
            return result;
        }
    }

    private static Failure refused(PodPort port, Failed f) {
        if (f.kind() == FailureKind.KUBELET_ERROR && f.reason().toLowerCase(Locale.ROOT).contains("connection refused")) {
            return new Failure(HttpResult.FailureKind.NOT_SERVED, "nothing listens on port " + port.port() + " of pod "
                    + port.podName());
        }
        return new Failure(HttpResult.FailureKind.UNREACHABLE, f.reason());
    }
}
