package dev.kdi.ui.inventory;

import dev.kdi.records.objects.Service;

/** What kind of DNS a Service gets, which decides its icon and its records. */
public enum ServiceKind {
    CLUSTER_IP("ClusterIP"),
    HEADLESS("headless"),
    EXTERNAL_NAME("ExternalName"),
    NODE_PORT("NodePort"),
    LOAD_BALANCER("LoadBalancer");

    private final String label;

    ServiceKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static ServiceKind of(Service s) {
        if (s.isExternalName()) {
            return EXTERNAL_NAME;
        }
        if (s.isHeadless()) {
            return HEADLESS;
        }
        return switch (s.type()) {
            case NODE_PORT -> NODE_PORT;
            case LOAD_BALANCER -> LOAD_BALANCER;
            default -> CLUSTER_IP;
        };
    }
}
