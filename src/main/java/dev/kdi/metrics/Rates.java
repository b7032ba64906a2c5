package dev.kdi.metrics;

import java.time.Duration;

/**
 * Two readings of one replica's counters turned into what happened between them. A counter that
 * went down was reset (the process restarted): as Prometheus does, its later value is taken as the
 * increase.
 *
 * @param seconds the time between the readings
 * @param requestsPerSecond queries received per second
 * @param responses replies sent in the interval
 * @param servfailShare the share of those replies that were SERVFAIL, 0 to 1 (0 when there were none)
 * @param nxdomainShare the share that were NXDOMAIN
 * @param upstreamHealthcheckFailures failed upstream health checks in the interval
 * @param panics panics in the interval
 * @param reset whether any counter was reset in between
 */
public record Rates(double seconds, double requestsPerSecond, double responses, double servfailShare,
                    double nxdomainShare, double upstreamHealthcheckFailures, double panics, boolean reset) {

    /**
     * The counters {@link Rates} reads, as totals since the process started.
     *
     * @param requests queries received
     * @param responses replies sent
     * @param servfail replies that were SERVFAIL
     * @param nxdomain replies that were NXDOMAIN
     * @param upstreamHealthcheckFailures failed upstream health checks
     * @param panics panics
     */
    public record Totals(double requests, double responses, double servfail, double nxdomain,
                         double upstreamHealthcheckFailures, double panics) {

        /** The totals one exposition holds. */
        public static Totals of(CoreDnsMetrics m) {
            return new Totals(m.requests(), m.responses(), m.responses("SERVFAIL"), m.responses("NXDOMAIN"),
                    m.upstreamHealthcheckFailures(), m.panics());
        }
    }

    /** The rates between {@code earlier} and {@code later}, taken {@code between} apart. */
    public static Rates between(CoreDnsMetrics earlier, CoreDnsMetrics later, Duration between) {
        return between(Totals.of(earlier), Totals.of(later), between);
    }

    /** The rates between two readings of the totals, taken {@code between} apart. */
    public static Rates between(Totals earlier, Totals later, Duration between) {
        double seconds = between.toNanos() / 1e9;
        if (seconds <= 0) {
            throw new IllegalArgumentException("the readings must be apart in time, got " + between);
        }
        boolean[] reset = {false};
        double requests = increase(earlier.requests(), later.requests(), reset);
        double responses = increase(earlier.responses(), later.responses(), reset);
        double servfail = increase(earlier.servfail(), later.servfail(), reset);
        double nxdomain = increase(earlier.nxdomain(), later.nxdomain(), reset);
        double checks = increase(earlier.upstreamHealthcheckFailures(), later.upstreamHealthcheckFailures(), reset);
        double panics = increase(earlier.panics(), later.panics(), reset);
        return new Rates(seconds, requests / seconds, responses, responses > 0 ? servfail / responses : 0,
                responses > 0 ? nxdomain / responses : 0, checks, panics, reset[0]);
    }

    private static double increase(double before, double after, boolean[] reset) {
        if (after < before) {
            reset[0] = true;
            return after;
        }
        return after - before;
    }
}
