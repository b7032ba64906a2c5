package dev.kdi.ui.lookup;

import dev.kdi.records.Answer;
import dev.kdi.records.Question;
import dev.kdi.records.Status;
import dev.kdi.records.compare.Comparison;
import dev.kdi.records.compare.Verdict;
import dev.kdi.records.searchpath.NameLookup;
import dev.kdi.records.searchpath.ResolvConf;
import dev.kdi.records.searchpath.Walk;
import dev.kdi.ui.common.Texts;
import dev.kdi.ui.live.QuestionResult;
import dev.kdi.ui.live.ReplicaResult;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One lookup in the history. */
public sealed interface LookupResult {

    Instant at();

    /** One line for the history list. */
    String title();

    /** Whether something needs attention: a difference from the model, or replicas that disagree. */
    boolean attention();

    /**
     * A name asked directly.
     *
     * @param result the prediction and each replica's answer (no replicas when nothing could be asked)
     * @param note why nothing was asked, or empty
     */
    record Direct(Instant at, QuestionResult result, String note) implements LookupResult {
        public Question question() {
            return result.question();
        }

        public Answer predicted() {
            return result.predicted();
        }

        /** Whether replicas that answered gave different answers. */
        public boolean replicasDisagree() {
            Answer first = null;
            for (ReplicaResult r : result.replicas()) {
                if (r.live().isEmpty()) {
                    continue;
                }
                if (first == null) {
                    first = r.live().get();
                } else if (!same(first, r.live().get())) {
                    return true;
                }
            }
            return false;
        }

        private static boolean same(Answer a, Answer b) {
            try {
                Verdict v = Comparison.compare(a, b);
                return v.kind() == Verdict.Kind.OK;
            } catch (IllegalArgumentException e) {
                return false;
            }
        }

        public boolean asked() {
            return !result.replicas().isEmpty();
        }

        @Override
        public String title() {
            String status = result.replicas().stream().filter(r -> r.live().isPresent()).findFirst()
                    .map(r -> r.live().get().status().name()).orElse("model: " + result.predicted().status());
            return question().type().mnemonic() + " " + Texts.relative(question().name()) + " · " + status;
        }

        @Override
        public boolean attention() {
            return replicasDisagree() || (asked() && !result.allAgree());
        }
    }

    /**
     * A name looked up as a pod's resolver would.
     *
     * @param pod {@code namespace/name}
     * @param conf the resolv.conf the kubelet writes for it
     * @param model the walk with the model's answers
     * @param live the walk with the cluster DNS's answers, when it could be asked
     * @param answers the live result of each question the live walk asked
     * @param predicted the model's status for every question either walk sent
     * @param replica which replica the live walk asked
     * @param note why there is no live walk, or empty
     * @param hosts what the pod's /etc/hosts did: when it answered before DNS, both walks are empty
     * @param hostsWhy the resolver's order and what the hosts file made of the name, when it has the name
     */
    record AsPod(Instant at, String pod, String name, ResolvConf conf, Walk model, Optional<Walk> live,
                 Map<Question, QuestionResult> answers, Map<Question, Status> predicted,
                 String replica, String note, NameLookup.HostsStep hosts, List<String> hostsWhy) implements LookupResult {
        public AsPod {
            answers = Map.copyOf(answers);
            predicted = Map.copyOf(predicted);
            hostsWhy = List.copyOf(hostsWhy);
        }

        /** Whether the hosts file answered before any DNS query was sent. */
        public boolean answeredByHostsFirst() {
            return hosts.answered() && hosts.beforeDns();
        }

        /** The walk shown: the live one when there is one. */
        public Walk shown() {
            return live.orElse(model);
        }

        @Override
        public String title() {
            if (answeredByHostsFirst()) {
                return name + " · /etc/hosts · no query as " + pod.substring(pod.indexOf('/') + 1);
            }
            Walk w = shown();
            // Outcome right after the name: a narrow history list elides the middle of the line.
            return name + " · " + w.result().name().replace('_', ' ').toLowerCase(java.util.Locale.ROOT) + " · "
                    + Texts.count(w.queriesSent(), "query", "queries") + " as " + pod.substring(pod.indexOf('/') + 1);
        }

        /** A difference from the model, where the model knows the outcome (not forwarded upstream). */
        @Override
        public boolean attention() {
            return live.isPresent() && model.result() != Walk.Result.UPSTREAM && live.get().result() != model.result();
        }

        /** The steps of the shown walk, flattened to one row per query. */
        public List<WalkRow> rows() {
            return WalkRow.of(this);
        }
    }
}
