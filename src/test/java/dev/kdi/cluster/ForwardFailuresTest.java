package dev.kdi.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kdi.cluster.ForwardState.FailureKind;
import dev.kdi.cluster.ForwardState.Failed;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.WebSocketHandshakeException;
import io.fabric8.kubernetes.client.http.WebSocketUpgradeResponse;
import java.io.IOException;
import java.net.ConnectException;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How what fabric8 collects about an ended forward becomes a reason a person can act on. */
class ForwardFailuresTest {

    private static final PodPort DNS = new PodPort("kube-system", "coredns-x", 53);

    @ParameterizedTest(name = "HTTP {0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            404 | POD_NOT_FOUND | pod kube-system/coredns-x not found
            403 | FORBIDDEN     | port-forward refused: 403 Forbidden (needs get/create pods/portforward in kube-system)
            401 | UNAUTHORIZED  | port-forward refused: 401 Unauthorized (the API server rejected the credentials; log in again or check the kubeconfig user)
            400 | REFUSED       | port-forward refused: 400 Bad Request (is pod kube-system/coredns-x running and scheduled to a node?)
            503 | REFUSED       | port-forward refused: HTTP 503 (the API server or the kubelet failed; try again)
            """)
    void classify_handshakeStatus_namesWhatToDo(int code, FailureKind kind, String reason) {
        Throwable handshake = new WebSocketHandshakeException(new WebSocketUpgradeResponse(null, code));

        // fabric8 hands some failures over wrapped in a CompletionException.
        Failed failed = ForwardFailures.classify(DNS, List.of(new CompletionException(handshake)), List.of(), false);

        assertThat(failed).isEqualTo(new Failed(kind, reason));
        assertThat(failed.kind().retryable()).isEqualTo(code >= 500 || code == 400);
    }

    @Test
    void classify_errorChannel_keepsKubeletTextOnly() {
        KubernetesClientException error = new KubernetesClientException(
                ForwardFailures.KUBELET_ERROR_PREFIX + "error forwarding port 53 to pod x: connection refused");

        assertThat(ForwardFailures.classify(DNS, List.of(error), List.of(), true)).isEqualTo(
                new Failed(FailureKind.KUBELET_ERROR, "error forwarding port 53 to pod x: connection refused"));
    }

    @Test
    void classify_brokenFrames_isProtocolError() {
        KubernetesClientException error = new KubernetesClientException("Received an empty message");

        assertThat(ForwardFailures.classify(DNS, List.of(error), List.of(), true)).isEqualTo(new Failed(
                FailureKind.PROTOCOL_ERROR, "the API server broke the port-forward protocol: Received an empty message"));
    }

    @Test
    void classify_transportErrorBeforeUpgrade_isUnreachable_afterIsLost() {
        assertThat(ForwardFailures.classify(DNS, List.of(new ConnectException("Connection refused")), List.of(), false))
                .isEqualTo(new Failed(FailureKind.API_SERVER_UNREACHABLE,
                        "cannot reach the API server: Connection refused"));
        assertThat(ForwardFailures.classify(DNS, List.of(new IOException("Connection reset")), List.of(), true))
                .isEqualTo(new Failed(FailureKind.CONNECTION_LOST,
                        "lost the connection to the API server: Connection reset"));
    }

    @Test
    void classify_nothingCollected_isServerClose_andServerCauseWinsOverClientFallout() {
        assertThat(ForwardFailures.classify(DNS, List.of(), List.of(), true))
                .isEqualTo(new Failed(FailureKind.CLOSED_BY_SERVER, "the API server closed the forward"));
        assertThat(ForwardFailures.classify(DNS, List.of(new IOException("reset")),
                List.of(new IOException("Broken pipe")), true).kind()).isEqualTo(FailureKind.CONNECTION_LOST);
        assertThat(ForwardFailures.classify(DNS, List.of(), List.of(new IOException("Broken pipe")), true))
                .isEqualTo(new Failed(FailureKind.LOCAL_ERROR,
                        "kdi could not move bytes for the forward to kube-system/coredns-x:53: Broken pipe"));
    }
}
