package dev.kdi.metrics;

import java.util.List;
import java.util.Objects;

/**
 * One metric family: the samples under one name and its {@code # TYPE}, with its {@code # HELP}.
 *
 * @param name the family's name ({@code coredns_dns_request_duration_seconds})
 * @param type its type; {@link MetricType#UNTYPED} when no {@code # TYPE} line came
 * @param help its help text unescaped, or empty
 * @param samples its samples in the order written (for a histogram, the buckets, sum and count)
 */
public record Family(String name, MetricType type, String help, List<Sample> samples) {

    public Family {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(help, "help");
        samples = List.copyOf(samples);
    }
}
