package dev.kdi.ui.check;

import dev.kdi.records.Question;
import dev.kdi.records.objects.ObjectRef;
import dev.kdi.session.CheckReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One question of a check with each replica's answer to it: a row of the table.
 *
 * @param question what was asked
 * @param namespace the namespace it is about, or empty for names of the whole cluster
 * @param items one per replica asked, in the order of {@link CheckResult#replicas()}; null where a
 *     replica was not asked this question
 * @param status the worst of the replicas' statuses
 * @param agree whether every replica asked gave the same verdict and answer
 * @param search what the text filter looks in, in lower case
 */
public record CheckRow(Question question, String namespace, List<CheckReport.Item> items, Status status,
                       boolean agree, String search) {

    /** A row's status, worst last: the filter's choices and the summary bar's counts. */
    public enum Status {
        OK, MISSING, UNEXPECTED, DIFFERENT, ERROR;

        /** As the command line writes it. */
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Status of(CheckReport.Item item) {
            return item.verdict() == null ? ERROR : switch (item.verdict().kind()) {
                case OK, SKIPPED -> OK;
                case MISSING -> MISSING;
                case UNEXPECTED -> UNEXPECTED;
                case DIFFERENT -> DIFFERENT;
            };
        }
    }

    static CheckRow of(Question question, String namespace, List<CheckReport.Item> items) {
        Status worst = Status.OK;
        boolean agree = true;
        CheckReport.Item first = null;
        StringBuilder search = new StringBuilder(question.name()).append(' ').append(question.type().mnemonic())
                .append(' ').append(namespace);
        for (CheckReport.Item i : items) {
            if (i == null) {
                continue;
            }
            Status s = Status.of(i);
            if (s.ordinal() > worst.ordinal()) {
                worst = s;
            }
            if (first == null) {
                first = i;
                search.append(' ').append(i.expected());
            } else if (Status.of(first) != s || !first.actual().equals(i.actual())) {
                agree = false;
            }
            if (s != Status.OK) {
                search.append(' ').append(i.replica()).append(' ').append(i.actual()).append(' ').append(i.reason());
            }
        }
        return new CheckRow(question, namespace, items, worst, agree, search.toString().toLowerCase(Locale.ROOT));
    }

    /** Whether any replica's answer has this status. */
    public boolean has(Status s) {
        for (CheckReport.Item i : items) {
            if (i != null && Status.of(i) == s) {
                return true;
            }
        }
        return false;
    }

    /** What the model predicted, short. */
    public String expected() {
        for (CheckReport.Item i : items) {
            if (i != null && i.verdict() != null) {
                return i.expected();
            }
        }
        return "";
    }

    /** The answer of the replica at this position, or null when it was not asked. */
    public CheckReport.Item item(int replica) {
        return replica < items.size() ? items.get(replica) : null;
    }

    /** What every replica said, when they agree: {@code ok}, or the one status and answer. */
    public String live() {
        for (CheckReport.Item i : items) {
            if (i != null) {
                return i.isOk() ? "ok" : i.status() + ": " + (i.verdict() == null ? i.reason() : i.actual());
            }
        }
        return "";
    }

    /** The object behind the name: the most specific source of the model's answer. */
    public Optional<ObjectRef> source() {
        for (CheckReport.Item i : items) {
            if (i != null && i.verdict() != null) {
                List<ObjectRef> refs = new ArrayList<>();
                i.verdict().predicted().answer().forEach(r -> refs.addAll(r.sources()));
                if (!refs.isEmpty()) {
                    return Optional.of(refs.get(refs.size() - 1));
                }
            }
        }
        return namespace.isEmpty() ? Optional.empty() : Optional.of(new ObjectRef("Namespace", "", namespace));
    }
}
