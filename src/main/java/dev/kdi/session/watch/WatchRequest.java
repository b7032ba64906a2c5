package dev.kdi.session.watch;

import dev.kdi.records.Question;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What to watch.
 *
 * @param questions the names and types to ask every replica
 * @param interval how often to ask (stretched when the rate would exceed {@link #MAX_RATE})
 */
public record WatchRequest(List<Question> questions, Duration interval) {
    /** Questions per second a watch sends at most, across every replica. */
    public static final int MAX_RATE = 200;
    /** The interval when none is given. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);

    public WatchRequest {
        questions = List.copyOf(questions);
        Objects.requireNonNull(interval, "interval");
        if (questions.isEmpty()) {
            throw new IllegalArgumentException("nothing to watch: no names");
        }
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the interval must be longer than zero, not " + interval);
        }
    }

    /**
     * The interval that keeps a round of {@code questions × replicas} within {@link #MAX_RATE}
     * questions a second.
     */
    public Duration effectiveInterval(int replicas) {
        long perRound = (long) questions.size() * Math.max(1, replicas);
        Duration least = Duration.ofNanos(perRound * 1_000_000_000L / MAX_RATE);
        return least.compareTo(interval) > 0 ? least : interval;
    }
}
