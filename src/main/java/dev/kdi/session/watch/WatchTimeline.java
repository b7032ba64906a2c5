package dev.kdi.session.watch;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Collections;

/**
 * What a watch (or a recording read back) saw, in bounded memory: per name, type and replica the
 * raw answers of the last {@code rawWindow}, and before that aggregated buckets whose width doubles
 * whenever there are too many of them; totals, distinct answers, the longest failure and a latency
 * histogram for the whole time; the latest API events. A watch of ten hours takes no more than a
 * watch of ten minutes.
 */
public final class WatchTimeline {
    /** Distinct answers remembered per series; more are counted together. */
    private static final int MAX_DISTINCT = 16;

    /** One series: a name and type as one replica answers it. */
    public record Key(String name, String type, String replica) {
    }

    /**
     * The answers of a stretch of time, aggregated.
     *
     * @param asked answers and failures
     * @param failures no answer, SERVFAIL or REFUSED
     * @param differing answers that differed from the prediction (failures included)
     * @param timed answers with a round trip
     * @param maxRttMs the longest round trip, 0 without answers
     * @param meanRttMs the mean round trip, 0 without answers
     */
    public record Bucket(Instant start, Instant end, int asked, int failures, int differing, int timed,
                         double maxRttMs, double meanRttMs) {
    }

    /** A series as a view shows it: aggregated history, then the raw window, oldest first. */
    public record Series(Key key, boolean gone, List<Bucket> aggregated, List<WatchEvent> raw) {
    }

    /**
     * The whole watch of one series.
     *
     * @param answers each distinct answer ({@link WatchEvent#signature()}) with how often it came
     * @param otherAnswers answers beyond the distinct ones kept
     * @param longestFailureAsks the most failures in a row
     * @param longestFailure from the first to the last failure of that run (or to the answer that ended it)
     * @param p50Ms median round trip; NaN without answers
     * @param p99Ms 99th percentile round trip; NaN without answers
     */
    public record Summary(Key key, boolean gone, long asked, long failures, long differing,
                          Map<String, Long> answers, long otherAnswers, int longestFailureAsks, Duration longestFailure,
                          double p50Ms, double p99Ms) {
    }

    private final Duration rawWindow;
    private final int maxRaw;
    private final int maxBuckets;
    private final int maxApiEvents;
    private final Duration firstBucketWidth;
    private final Map<Key, Track> tracks = new LinkedHashMap<>();
    private final Deque<WatchEvent> api = new ArrayDeque<>();
    private Instant first;
    private Instant latest;
    private long asked;
    private long failures;
    private long differing;

    /**
     * @param rawWindow how long raw answers are kept
     * @param maxRaw raw answers kept per series at most, whatever the window
     * @param maxBuckets aggregated buckets per series at most
     * @param maxApiEvents API events kept at most
     */
    public WatchTimeline(Duration rawWindow, int maxRaw, int maxBuckets, int maxApiEvents) {
        this.rawWindow = rawWindow;
        this.maxRaw = maxRaw;
        this.maxBuckets = maxBuckets;
        this.maxApiEvents = maxApiEvents;
        this.firstBucketWidth = Duration.ofSeconds(10);
    }

    /** Two minutes of raw answers, 240 buckets, the last 2,000 API events. */
    public static WatchTimeline standard() {
        return new WatchTimeline(Duration.ofMinutes(2), 2_400, 240, 2_000);
    }

    public synchronized void add(WatchEvent e) {
        if (first == null || e.time().isBefore(first)) {
            first = e.time();
        }
        if (latest == null || e.time().isAfter(latest)) {
            latest = e.time();
        }
        if (!e.isAnswer()) {
            api.addLast(e);
            while (api.size() > maxApiEvents) {
                api.removeFirst();
            }
            if (e.isReplicaGone() || e.isReplicaJoined()) {
                for (Map.Entry<Key, Track> t : tracks.entrySet()) {
                    if (t.getKey().replica().equals(e.replica())) {
                        t.getValue().gone = e.isReplicaGone();
                    }
                }
            }
            return;
        }
        Key key = new Key(e.name(), e.type(), e.replica());
        Track t = tracks.computeIfAbsent(key, k -> new Track());
        t.gone = false;
        t.add(e);
        asked++;
        if (e.isFailure()) {
            failures++;
        }
        if (!Boolean.TRUE.equals(e.asPredicted())) {
            differing++;
        }
        Instant horizon = latest.minus(rawWindow);
        for (Track each : tracks.values()) {
            each.age(horizon);
        }
    }

    /** Every series, in the order they first answered. */
    public synchronized List<Series> series() {
        List<Series> out = new ArrayList<>(tracks.size());
        tracks.forEach((k, t) -> out.add(new Series(k, t.gone, List.copyOf(t.buckets), List.copyOf(t.raw))));
        return out;
    }

    /** The latest API events, oldest first. */
    public synchronized List<WatchEvent> apiEvents() {
        return List.copyOf(api);
    }

    public synchronized List<Summary> summary() {
        List<Summary> out = new ArrayList<>(tracks.size());
        tracks.forEach((k, t) -> out.add(t.summary(k)));
        return out;
    }

    /** Answers and failures seen in all. */
    public synchronized long asked() {
        return asked;
    }

    public synchronized long failures() {
        return failures;
    }

    /** Answers that differed from the prediction, failures included. */
    public synchronized long differing() {
        return differing;
    }

    /** The first event's time, or null when empty. */
    public synchronized Instant first() {
        return first;
    }

    /** The latest event's time, or null when empty. */
    public synchronized Instant latest() {
        return latest;
    }

    private final class Track {
        final Deque<WatchEvent> raw = new ArrayDeque<>();
        final List<Bucket> buckets = new ArrayList<>();
        Duration bucketWidth = firstBucketWidth;
        boolean gone;
        long asked;
        long failures;
        long differing;
        final Map<String, Long> answers = new LinkedHashMap<>();
        long otherAnswers;
        final LatencyHistogram latency = new LatencyHistogram();
        int run;
        Instant runStart;
        int longestRun;
        Duration longest = Duration.ZERO;
        // The bucket being filled.
        Instant open;
        Instant openEnd;
        int openAsked;
        int openFailures;
        int openDiffering;
        double openMax;
        double openSum;
        int openAnswered;

        void add(WatchEvent e) {
            raw.addLast(e);
            asked++;
            if (!Boolean.TRUE.equals(e.asPredicted())) {
                differing++;
            }
            if (e.isFailure()) {
                failures++;
                if (run == 0) {
                    runStart = e.time();
                }
                run++;
                longer(e.time());
            } else if (run > 0) {
                longer(e.time());
                run = 0;
            }
            if (e.rttMs() != null) {
                latency.add(e.rttMs());
            }
            String sig = e.signature();
            Long n = answers.get(sig);
            if (n != null) {
                answers.put(sig, n + 1);
            } else if (answers.size() < MAX_DISTINCT) {
                answers.put(sig, 1L);
            } else {
                otherAnswers++;
            }
            while (raw.size() > maxRaw) {
                fold(raw.removeFirst());
            }
        }

        private void longer(Instant until) {
            Duration d = Duration.between(runStart, until);
            if (run > longestRun) {
                longestRun = run;
            }
            if (d.compareTo(longest) > 0) {
                longest = d;
            }
        }

        void age(Instant horizon) {
            while (!raw.isEmpty() && raw.peekFirst().time().isBefore(horizon)) {
                fold(raw.removeFirst());
            }
        }

        private void fold(WatchEvent e) {
            if (open != null && !e.time().isBefore(open.plus(bucketWidth))) {
                close();
            }
            if (open == null) {
                open = e.time();
            }
            openEnd = e.time();
            openAsked++;
            if (e.isFailure()) {
                openFailures++;
            }
            if (!Boolean.TRUE.equals(e.asPredicted())) {
                openDiffering++;
            }
            if (e.rttMs() != null) {
                openAnswered++;
                openSum += e.rttMs();
                openMax = Math.max(openMax, e.rttMs());
            }
        }

        private void close() {
            buckets.add(new Bucket(open, openEnd, openAsked, openFailures, openDiffering, openAnswered, openMax,
                    openAnswered == 0 ? 0 : openSum / openAnswered));
            open = null;
            openAsked = 0;
            openFailures = 0;
            openDiffering = 0;
            openMax = 0;
            openSum = 0;
            openAnswered = 0;
            if (buckets.size() > maxBuckets) {
                halve();
            }
        }

        /** Merges neighbours: half as many buckets, twice as wide. */
        private void halve() {
            List<Bucket> merged = new ArrayList<>(buckets.size() / 2 + 1);
            for (int i = 0; i < buckets.size(); i += 2) {
                Bucket a = buckets.get(i);
                if (i + 1 == buckets.size()) {
                    merged.add(a);
                    break;
                }
                Bucket b = buckets.get(i + 1);
                int n = a.asked() + b.asked();
                int timed = a.timed() + b.timed();
                double mean = timed == 0 ? 0 : (a.meanRttMs() * a.timed() + b.meanRttMs() * b.timed()) / timed;
                merged.add(new Bucket(a.start(), b.end(), n, a.failures() + b.failures(),
                        a.differing() + b.differing(), timed, Math.max(a.maxRttMs(), b.maxRttMs()), mean));
            }
            buckets.clear();
            buckets.addAll(merged);
            bucketWidth = bucketWidth.multipliedBy(2);
        }

        Summary summary(Key key) {
            return new Summary(key, gone, asked, failures, differing,
                    Collections.unmodifiableMap(new LinkedHashMap<>(answers)), otherAnswers, longestRun, longest, latency.percentile(0.5), latency.percentile(0.99));
        }
    }
}
