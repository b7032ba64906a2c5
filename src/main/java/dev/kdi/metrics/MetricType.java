package dev.kdi.metrics;

import java.util.Locale;
import java.util.Optional;

/** The types a {@code # TYPE} line may give. */
public enum MetricType {
    COUNTER, GAUGE, HISTOGRAM, SUMMARY, UNTYPED;

    static Optional<MetricType> parse(String word) {
        for (MetricType t : values()) {
            if (t.name().toLowerCase(Locale.ROOT).equals(word)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** The suffixes whose samples belong to a family of this type besides its bare name. */
    String[] suffixes() {
        return switch (this) {
            case HISTOGRAM -> new String[] {"_bucket", "_sum", "_count"};
            case SUMMARY -> new String[] {"_sum", "_count"};
            default -> new String[0];
        };
    }
}
