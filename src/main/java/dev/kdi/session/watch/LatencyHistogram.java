package dev.kdi.session.watch;

/**
 * Round trips in fixed logarithmic buckets (5% apart, 10 µs to over an hour), so percentiles of a
 * watch of any length take the same few hundred counters; a percentile is off by at most 5%.
 */
final class LatencyHistogram {
    private static final double LOWEST_MS = 0.01;
    private static final double RATIO = 1.05;
    private static final int BUCKETS = 400;
    private static final double LOG_RATIO = Math.log(RATIO);

    private final long[] counts = new long[BUCKETS];
    private long total;

    void add(double ms) {
        int i = ms <= LOWEST_MS ? 0 : (int) Math.min(BUCKETS - 1, Math.ceil(Math.log(ms / LOWEST_MS) / LOG_RATIO));
        counts[i]++;
        total++;
    }

    long count() {
        return total;
    }

    /** The round trip at or below which {@code p} (0..1) of the samples fall; NaN without samples. */
    double percentile(double p) {
        if (total == 0) {
            return Double.NaN;
        }
        long rank = Math.max(1, (long) Math.ceil(p * total));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return LOWEST_MS * Math.pow(RATIO, i);
            }
        }
        return LOWEST_MS * Math.pow(RATIO, BUCKETS - 1);
    }
}
