package dev.kdi.metrics;

import java.util.Map;
import java.util.Objects;

/**
 * One upstream of the {@code forward} plugin as one replica's counters see it.
 *
 * @param to the upstream's address as CoreDNS labels it ({@code 10.0.0.2:53})
 * @param requests queries sent to it
 * @param responsesByRcode the replies it gave, by rcode name
 * @param healthcheckFailures failed health checks of it
 */
public record Upstream(String to, double requests, Map<String, Double> responsesByRcode, double healthcheckFailures) {

    public Upstream {
        Objects.requireNonNull(to, "to");
        responsesByRcode = Map.copyOf(responsesByRcode);
    }
}
