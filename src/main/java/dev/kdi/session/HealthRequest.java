package dev.kdi.session;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code kdi health} asks.
 *
 * @param replica only this DNS pod (name or {@code namespace/name}), or every one
 * @param interval the time between the two readings of {@code /metrics} that give rates; zero reads once
 */
public record HealthRequest(Optional<String> replica, Duration interval) {

    public HealthRequest {
        Objects.requireNonNull(replica, "replica");
        Objects.requireNonNull(interval, "interval");
        if (interval.isNegative()) {
            throw new IllegalArgumentException("the interval between readings cannot be negative, got " + interval);
        }
    }
}
