package dev.kdi.records.objects;

/** {@code spec.type} of a Service; Kubernetes defaults it to ClusterIP. */
public enum ServiceType {
    CLUSTER_IP("ClusterIP"),
    NODE_PORT("NodePort"),
    LOAD_BALANCER("LoadBalancer"),
    EXTERNAL_NAME("ExternalName");

    private final String spelling;

    ServiceType(String spelling) {
        this.spelling = spelling;
    }

    /** The value as written in a manifest. */
    public String spelling() {
        return spelling;
    }

    public static java.util.Optional<ServiceType> parse(String value) {
        if (value == null || value.isEmpty()) {
            return java.util.Optional.of(CLUSTER_IP);
        }
        for (ServiceType t : values()) {
            if (t.spelling.equals(value)) {
                return java.util.Optional.of(t);
            }
        }
        return java.util.Optional.empty();
    }
}
