package dev.kdi.ui.live;

import dev.kdi.records.Answer;
import dev.kdi.records.DnsModel;
import dev.kdi.records.Question;
import dev.kdi.records.compare.Comparison;
import dev.kdi.records.compare.Verdict;
import dev.kdi.session.CheckPlan;
import dev.kdi.session.CheckReport;
import dev.kdi.session.CheckRequest;
import dev.kdi.session.Pipelining;
import dev.kdi.session.ReplicaAnswer;
import dev.kdi.session.ReplicaChoice;
import dev.kdi.session.Session;
import dev.kdi.ui.common.BackgroundTask;
import dev.kdi.ui.common.Failures;
import dev.kdi.ui.inventory.Inventory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;

/**
 * Asks the session's replicas and holds every answer against the model of the view in force.
 * Its methods block: call them from a background task.
 */
public final class LiveAsker {
    /** Questions in flight at once when asking many: the session pipelines them per replica. */
    private static final int IN_FLIGHT = 32;
    private static final long TIMEOUT_SECONDS = 30;

    private final Session session;

    public LiveAsker(Session session) {
        this.session = session;
    }

    /** One question. */
    public QuestionResult ask(Inventory view, Question question, ReplicaChoice choice) throws InterruptedException {
        return result(view.model(), question, await(session.ask(question, choice), question, choice));
    }

    /** Many questions, a bounded number in flight; stops early when the task is cancelled. */
    public List<QuestionResult> askAll(Inventory view, List<Question> questions, ReplicaChoice choice,
                                       BackgroundTask.Context context) throws InterruptedException {
        QuestionResult[] results = new QuestionResult[questions.size()];
        int[] done = {0};
        List<Integer> positions = IntStream.range(0, questions.size()).boxed().toList();
        Pipelining.run(positions, IN_FLIGHT, context::isCancelled, i -> session.ask(questions.get(i), choice)
                .orTimeout(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .handle((answers, failure) -> failure == null ? answers : failed(questions.get(i), choice, failure))
                .thenAccept(answers -> {
                    QuestionResult r = result(view.model(), questions.get(i), answers);
                    synchronized (done) {
                        results[i] = r;
                        done[0]++;
                        context.progress("Asked " + done[0] + " of " + questions.size(),
                                done[0] / (double) questions.size());
                    }
                }));
        List<QuestionResult> out = new ArrayList<>(questions.size());
        synchronized (done) {
            for (QuestionResult r : results) {
                if (r != null) {
                    out.add(r);
                }
            }
        }
        return out;
    }

    /**
     * Every name of a namespace: the session's check when the view uses the detected cluster
     * domain; the same plan asked question by question when the user typed another one, since the
     * session compares with its own model.
     *
     * @param alsoAsk questions shown for the namespace that the check may not ask (the check
     *     follows the zone transfer, which has no SRV at a headless Service's own name); those it
     *     left out are asked after it
     */
    public List<QuestionResult> checkNamespace(Inventory view, String namespace, ReplicaChoice choice,
                                               List<Question> alsoAsk, BackgroundTask.Context context)
            throws InterruptedException {
        List<QuestionResult> checked = checkNamespace(view, namespace, choice, context);
        Set<Question> done = new HashSet<>();
        checked.forEach(r -> done.add(r.question()));
        List<Question> rest = alsoAsk.stream().filter(q -> !done.contains(q)).toList();
        if (rest.isEmpty() || context.isCancelled()) {
            return checked;
        }
        List<QuestionResult> out = new ArrayList<>(checked);
        out.addAll(askAll(view, rest, choice, context));
        return out;
    }

    private List<QuestionResult> checkNamespace(Inventory view, String namespace, ReplicaChoice choice,
                                                BackgroundTask.Context context) throws InterruptedException {
        if (view.domainOverridden()) {
            List<Question> plan = CheckPlan.plan(view.model(), Set.of(namespace)).asked();
            return askAll(view, plan, choice, context);
        }
        Optional<String> replica = choice instanceof ReplicaChoice.One one ? Optional.of(one.replica()) : Optional.empty();
        CompletableFuture<CheckReport> check = session.check(new CheckRequest(Set.of(namespace), replica),
                context::progress);
        CheckReport report;
        try {
            report = check.get();
        } catch (ExecutionException e) {
            throw new LiveFailure(Failures.describe(e));
        } catch (InterruptedException e) {
            check.cancel(true);
            throw e;
        }
        Map<Question, List<ReplicaResult>> byQuestion = new LinkedHashMap<>();
        Map<Question, dev.kdi.records.Answer> predicted = new java.util.HashMap<>();
        for (CheckReport.Item item : report.items()) {
            if (item.verdict() != null) {
                // The check already has the model's answer; no need to ask the model again.
                predicted.putIfAbsent(item.question(), item.verdict().predicted());
            }
            ReplicaResult r = item.verdict() == null
                    ? new ReplicaResult(item.replica(), Optional.empty(), Duration.ZERO,
                            Optional.ofNullable(item.error()).or(() -> Optional.of("not asked")), Optional.empty())
                    : new ReplicaResult(item.replica(), Optional.of(item.verdict().live()), Duration.ZERO,
                            Optional.empty(), Optional.of(item.verdict()));
            byQuestion.computeIfAbsent(item.question(), k -> new ArrayList<>()).add(r);
        }
        List<QuestionResult> out = new ArrayList<>(byQuestion.size());
        for (var e : byQuestion.entrySet()) {
            dev.kdi.records.Answer model = predicted.get(e.getKey());
            out.add(new QuestionResult(e.getKey(), model != null ? model : view.model().answer(e.getKey()), e.getValue()));
        }
        return out;
    }

    private List<ReplicaAnswer> await(CompletableFuture<List<ReplicaAnswer>> future, Question q, ReplicaChoice choice)
            throws InterruptedException {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            if (e instanceof TimeoutException) {
                future.cancel(true);
            }
            return failed(q, choice, e);
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        }
    }

    /** The session could not ask at all (no replica ready, manifests), or no answer came: one line for the row. */
    private static List<ReplicaAnswer> failed(Question q, ReplicaChoice choice, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        String why = cause instanceof TimeoutException ? "no answer within " + TIMEOUT_SECONDS + " s"
                : Failures.describe(failure);
        return List.of(ReplicaAnswer.failed(describe(choice), q, why));
    }

    private static String describe(ReplicaChoice choice) {
        if (choice instanceof ReplicaChoice.One one) {
            return one.replica();
        }
        return choice instanceof ReplicaChoice.All ? "all replicas" : "any replica";
    }

    /** Holds each replica's answer against the model's. */
    public static QuestionResult result(DnsModel model, Question question, List<ReplicaAnswer> answers) {
        Answer predicted = model.answer(question);
        List<ReplicaResult> replicas = new ArrayList<>(answers.size());
        for (ReplicaAnswer a : answers) {
            Optional<Verdict> verdict = a.answer().map(live -> compare(predicted, live));
            replicas.add(new ReplicaResult(a.replica(), a.answer(), a.roundTrip(), a.error(), verdict));
        }
        return new QuestionResult(question, predicted, replicas);
    }

    private static Verdict compare(Answer predicted, Answer live) {
        try {
            return Comparison.compare(predicted, live);
        } catch (IllegalArgumentException e) {
            // A reply to another question: show it as a difference, never throw at the user.
            return new Verdict(Verdict.Kind.DIFFERENT, predicted, live, predicted.answer(), live.answer(),
                    "the reply answers " + live.question() + ", not " + predicted.question());
        }
    }

    /** The session could not run a check; the message says why and what to do. */
    public static final class LiveFailure extends RuntimeException {
        public LiveFailure(String message) {
            super(message);
        }
    }
}
