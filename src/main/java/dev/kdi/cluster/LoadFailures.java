package dev.kdi.cluster;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.WatcherException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * The words for everything that can go wrong loading and watching a cluster, in one place so the
 * messages stay consistent: what kdi may not read, why a kind is stale, and why the API server
 * could not be used at all, each saying what to do about it.
 */
final class LoadFailures {

    private LoadFailures() {
    }

    static boolean isForbidden(KubernetesClientException e) {
        return e.getCode() == 403;
    }

    // ---- Access problems (reported, never fatal)

    static LoadReport.AccessProblem forbidden(ResourceKind kind, String namespace, String verb,
                                              KubernetesClientException e) {
        return new LoadReport.AccessProblem(kind.rbacResource(), namespace, verb, "forbidden (" + statusMessage(e) + ")");
    }

    /** An API server too old (or too trimmed) to serve a kind. */
    static LoadReport.AccessProblem notServed(ResourceKind kind) {
        return new LoadReport.AccessProblem(kind.rbacResource(), "", "list", "this API server does not serve them (404)");
    }

    static LoadReport.AccessProblem corefileForbidden(String namespace, String configMap) {
        return new LoadReport.AccessProblem("configmaps", namespace, "get",
                "forbidden (ConfigMap " + configMap + ", the Corefile): predicting with kubeadm's default Corefile, "
                        + "the cluster domain detected");
    }

    /** A live object is valid by definition; one kdi cannot read is reported, not fatal. */
    static LoadReport.AccessProblem unreadable(ResourceKind kind, String namespace, String key, Exception e) {
        return new LoadReport.AccessProblem(kind.plural, namespace, "read", key + " could not be read by kdi: "
                + e.getMessage());
    }

    // ---- Why a kind is stale

    static String mayNotWatch(ResourceKind kind) {
        return "may not watch " + kind.rbacResource() + "; the view will not update";
    }

    static String mayNoLongerList(ResourceKind kind) {
        return "may no longer list " + kind.rbacResource() + "; the view will not update";
    }

    /** @param scope what the watch covered, e.g. {@code pods in namespace shop} */
    static String fellBehind(String scope) {
        return "the watch fell too far behind; listing " + scope + " again";
    }

    static String watchCouldNotStart(KubernetesClientException e) {
        return "the watch could not start (" + reason(e) + "); retrying";
    }

    /** fabric8 says "Exhausted reconnects" for any drop, because its own reconnecting is off. */
    static String watchDropped(WatcherException cause) {
        String m = cause.getMessage();
        String why = m == null || m.isBlank() || m.startsWith("Exhausted reconnects") ? "" : " (" + firstLine(m) + ")";
        return "the watch dropped" + why + "; reconnecting";
    }

    // ---- The API server could not be used

    static ClusterException unreachable(Config config, String what, KubernetesClientException e) {
        if (e.getCode() == 401) {
            return new ClusterException("the API server rejected the credentials (401 Unauthorized) while " + what
                    + "; log in again or refresh the kubeconfig's credentials", e);
        }
        return new ClusterException(failure(config, what, e), e);
    }

    /**
     * What went wrong talking to the API server, and what to do about it: no answer in time, not
     * reachable at all, a certificate kdi may not trust, or an HTTP error.
     */
    static String failure(Config config, String what, KubernetesClientException e) {
        String server = config.getMasterUrl();
        if (e.getCode() > 0) {
            return "the API server answered " + reason(e) + " while " + what;
        }
        if (has(e, SSLException.class) || has(e, CertificateException.class) || has(e, CertPathValidatorException.class)) {
            return "the TLS connection to the API server at " + server + " failed while " + what + " ("
                    + reason(e) + "); the server's certificate is not one the kubeconfig's certificate authority "
                    + "vouches for: check the cluster's certificate-authority(-data) and server address";
        }
        if (isTimeout(e)) {
            return "the API server stopped answering while " + what + ": no reply within "
                    + millis(config.getRequestTimeout())
                    + "; check that it is up and that the network (VPN, proxy) still reaches " + server;
        }
        return "the API server at " + server + " could not be reached while " + what + " (" + reason(e)
                + "); check that the cluster is running and reachable from here (VPN, proxy, firewall)";
    }

    static String reason(KubernetesClientException e) {
        if (e.getCode() > 0) {
            return "HTTP " + e.getCode() + " " + statusMessage(e);
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return firstLine(root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage());
    }

    private static String statusMessage(KubernetesClientException e) {
        return firstLine(e.getStatus() != null && e.getStatus().getMessage() != null
                ? e.getStatus().getMessage() : e.getMessage());
    }

    private static boolean has(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TimeoutException || t instanceof SocketTimeoutException
                    || t instanceof HttpTimeoutException || t.getClass().getSimpleName().contains("Timeout")) {
                return true;
            }
        }
        return false;
    }

    private static String millis(int ms) {
        return ms % 1000 == 0 ? (ms / 1000) + " s" : ms + " ms";
    }

    static String firstLine(String s) {
        return s == null ? "no reason given" : s.lines().findFirst().orElse(s);
    }
}
