package dev.kdi.metrics;

import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One line of an exposition: a series and its value.
 *
 * @param name the sample's own name ({@code x_bucket}, {@code x_sum} for a histogram {@code x})
 * @param labels its labels, values unescaped
 * @param value the value; {@code NaN} and the infinities as written
 * @param timestamp milliseconds since the epoch, when the line carried one
 */
public record Sample(String name, Map<String, String> labels, double value, OptionalLong timestamp) {

    public Sample {
        Objects.requireNonNull(name, "name");
        labels = Map.copyOf(labels);
        Objects.requireNonNull(timestamp, "timestamp");
    }

    /** A label's value; absent labels are empty, as Prometheus treats them. */
    public String label(String label) {
        return labels.getOrDefault(label, "");
    }
}
