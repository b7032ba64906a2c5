package dev.kdi.cluster;

import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.List;

/**
 * Asks the API server whether the user may port-forward to pods in a namespace, to explain a
 * refused forward. Advisory only: it can explain a failure, it never blocks a forward, and a
 * review that comes back without a verdict means "unknown".
 */
public final class AccessReview {
    private final KubernetesClient client;

    public AccessReview(KubernetesClient client) {
        this.client = client;
    }

    /** What the API server says about one verb. */
    public enum Verdict { ALLOWED, DENIED, UNKNOWN }

    /** {@code pods/portforward} with the given verb in the namespace. */
    public Verdict portForward(String namespace, String verb) {
        try {
            SelfSubjectAccessReview review = client.authorization().v1().selfSubjectAccessReview()
                    .create(new SelfSubjectAccessReviewBuilder().withNewSpec().withNewResourceAttributes()
                            .withNamespace(namespace).withVerb(verb).withResource("pods").withSubresource("portforward")
                            .endResourceAttributes().endSpec().build());
            if (review == null || review.getStatus() == null || review.getStatus().getAllowed() == null) {
                return Verdict.UNKNOWN;
            }
            return review.getStatus().getAllowed() ? Verdict.ALLOWED : Verdict.DENIED;
        } catch (KubernetesClientException e) {
            return Verdict.UNKNOWN;
        }
    }

    /**
     * A sentence saying which permission is missing for port-forwarding in the namespace: API
     * servers before 1.35 authorise the websocket as {@code get pods/portforward}, 1.35 and later
     * also as {@code create}.
     */
    public String explainPortForward(String namespace) {
        Verdict get = portForward(namespace, "get");
        Verdict create = portForward(namespace, "create");
        List<String> missing = new ArrayList<>();
        if (get == Verdict.DENIED) {
            missing.add("get");
        }
        if (create == Verdict.DENIED) {
            missing.add("create");
        }
        if (!missing.isEmpty()) {
            return "you may not " + String.join(" or ", missing) + " pods/portforward in namespace " + namespace
                    + "; port-forwarding needs get (and, from Kubernetes 1.35, create) on pods/portforward there: ask "
                    + "for a Role granting them";
        }
        if (get == Verdict.UNKNOWN || create == Verdict.UNKNOWN) {
            return "the API server refused the port-forward; whether you may get/create pods/portforward in namespace "
                    + namespace + " is unknown (the access review gave no answer)";
        }
        return "the API server refused the port-forward although an access review allows get and create "
                + "pods/portforward in namespace " + namespace + " (an admission webhook or a proxy may refuse it)";
    }
}
