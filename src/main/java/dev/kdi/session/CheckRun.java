package dev.kdi.session;

import dev.kdi.records.Answer;
import dev.kdi.records.DnsModel;
import dev.kdi.records.Question;
import dev.kdi.records.compare.Comparison;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * One {@code kdi check}: asks every replica (or the one named) the plan's questions, pipelined,
 * and holds each answer against the model's. A replica that goes away mid-check hands the
 * questions it did not answer to another; the report says so.
 */
final class CheckRun {
    /** Questions in flight per replica: enough to fill the forward, not to flood it. */
    private static final int WINDOW = 256;

    private final ReplicaPool pool;
    private final CheckPlan.Plan plan;
    private final CheckRequest request;
    private final Progress progress;
    private final String noReplicas;
    private final BooleanSupplier cancelled;
    private final List<CheckReport.Item> items = Collections.synchronizedList(new ArrayList<>());
    private final List<String> notes = new ArrayList<>();
    private final AtomicInteger done = new AtomicInteger();
    private int total;

    /**
     * @param noReplicas what to say when there is no replica to ask
     */
    CheckRun(ReplicaPool pool, DnsModel model, CheckRequest request, Progress progress, String noReplicas) {
        this(pool, model, request, progress, noReplicas, () -> false);
    }

    /**
     * @param cancelled whether whoever asked has given up: no new question is sent, and the run
     *     ends with a {@link CancellationException}
     */
    CheckRun(ReplicaPool pool, DnsModel model, CheckRequest request, Progress progress, String noReplicas,
             BooleanSupplier cancelled) {
        this.cancelled = cancelled;
        this.pool = pool;
        this.plan = CheckPlan.plan(model, request);
        this.request = request;
        this.progress = progress;
        this.noReplicas = noReplicas;
    }

    /**
     * @throws CompletionException holding a {@link SessionException} when the named replica does not
     *     exist, there is none to ask, or the session closed during the check
     */
    CheckReport run() {
        List<String> targets = targets();
        total = plan.asked().size() * targets.size();
        for (String replica : targets) {
            int reopenedBefore = pool.reopenings(replica);
            List<Question> left = askAll(replica, plan.asked());
            if (cancelled.getAsBoolean()) {
                throw new CancellationException("the check was cancelled");
            }
            int reopened = pool.reopenings(replica) - reopenedBefore;
            if (reopened > 0 && pool.usable(replica)) {
                notes.add("the forward to replica " + replica + " dropped " + (reopened == 1 ? "once" : reopened + " times")
                        + " during the check and was reopened; the questions it took down were asked again");
            }
            if (!left.isEmpty()) {
                handOver(replica, left, targets);
            }
        }
        // In the plan's order, whichever reply came first: the same cluster gives the same report.
        Map<Question, Integer> index = new HashMap<>();
        for (Question q : plan.asked()) {
            index.putIfAbsent(q, index.size());
        }
        List<CheckReport.Item> ordered = new ArrayList<>(items);
        ordered.sort(Comparator.<CheckReport.Item>comparingInt(i -> index.getOrDefault(i.question(), 0))
                .thenComparing(CheckReport.Item::replica));
        return new CheckReport(ordered, plan.forwarded(), notes, plan.notModelled());
    }

    private List<String> targets() {
        List<String> targets = new ArrayList<>();
        // With none at all, why there is none answers a request for one by name too.
        if (request.replica().isPresent() && !pool.ids().isEmpty()) {
            pool.resolve(request.replica().get()).ifPresentOrElse(targets::add, () -> {
                throw new CompletionException(new SessionException("no DNS replica " + request.replica().get()
                        + "; the replicas are " + String.join(", ", pool.ids())));
            });
        } else {
            targets.addAll(pool.ids());
        }
        if (targets.isEmpty()) {
            throw new CompletionException(new SessionException(noReplicas));
        }
        return targets;
    }

    /** A replica went away mid-check: another takes what it left, or the report says none could. */
    private void handOver(String replica, List<Question> left, List<String> targets) {
        int asked = plan.asked().size();
        int answered = asked - left.size();
        Optional<String> other = pool.pickUsable(replica);
        if (other.isPresent() && !targets.contains(other.get())) {
            notes.add("replica " + replica + " went away after " + answered + " of " + asked
                    + " questions; the remaining " + left.size() + " were asked of " + other.get());
            askAll(other.get(), left);
        } else if (other.isPresent()) {
            notes.add("replica " + replica + " went away after " + answered + " of " + asked
                    + " questions; " + other.get() + " answered all of them in its own pass");
        } else {
            notes.add("replica " + replica + " went away after " + answered + " of " + asked
                    + " questions and no other replica could take the remaining " + left.size());
            for (Question q : left) {
                items.add(new CheckReport.Item(q, replica, null, "not asked: the replica went away"));
            }
        }
    }

    /**
     * Asks one replica every question, pipelined; returns the questions left unanswered because
     * the replica became unusable.
     */
    private List<Question> askAll(String replica, List<Question> questions) {
        Map<Question, String> failed = new ConcurrentHashMap<>();
        List<Question> unanswered;
        try {
            unanswered = new ArrayList<>(Pipelining.run(questions, WINDOW,
                    () -> cancelled.getAsBoolean() || pool.wentAway(replica),
                    q -> pool.ask(replica, q).thenAccept(a -> {
                        if (a.answer().isPresent()) {
                            Answer predicted = plan.predicted(q);
                            items.add(new CheckReport.Item(q, replica, Comparison.compare(predicted, a.answer().get()),
                                    null));
                        } else {
                            failed.put(q, a.error().orElse("no answer"));
                        }
                        int n = done.incrementAndGet();
                        if (n % 100 == 0 || n == total) {
                            progress.update("Checked " + n + " of " + total, (double) n / total);
                        }
                    })));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CompletionException(new SessionException("the check stopped: the session was closed"));
        }
        // Decided once the pass is over: a replica whose pod went away meanwhile hands its failures on.
        if (pool.wentAway(replica)) {
            unanswered.addAll(failed.keySet());
        } else {
            failed.forEach((q, error) -> items.add(new CheckReport.Item(q, replica, null, error)));
        }
        return unanswered;
    }
}
