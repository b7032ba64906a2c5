package dev.kdi.ui.details;

import dev.kdi.records.Answer;
import dev.kdi.records.Question;
import dev.kdi.records.ResourceRecord;
import dev.kdi.records.compare.Verdict;
import dev.kdi.ui.common.ReplicaNames;
import dev.kdi.ui.common.Texts;
import dev.kdi.ui.live.QuestionResult;
import dev.kdi.ui.live.ReplicaResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Puts live results beside the rows they concern, and adds rows for what only a replica served. */
final class LiveMarks {
    private static final int RECORDS_IN_DETAIL = 6;

    private LiveMarks() {
    }

    /**
     * The rows with the results applied.
     *
     * @param addQuestions whether results for questions without rows get rows of their own (a
     *     check asks a few names no row shows, such as names that must not exist)
     */
    static List<RecordRow> apply(List<RecordRow> rows, List<QuestionResult> results, boolean addQuestions) {
        Map<Question, QuestionResult> byQuestion = new LinkedHashMap<>();
        results.forEach(r -> byQuestion.put(r.question(), r));
        Map<Question, List<RecordRow>> grouped = new LinkedHashMap<>();
        for (RecordRow row : rows) {
            grouped.computeIfAbsent(row.question(), k -> new ArrayList<>()).add(row);
        }
        if (addQuestions) {
            for (QuestionResult r : results) {
                grouped.computeIfAbsent(r.question(), k -> new ArrayList<>(RecordRow.of(r.predicted())));
            }
        }
        List<RecordRow> out = new ArrayList<>(rows.size());
        for (Map.Entry<Question, List<RecordRow>> group : grouped.entrySet()) {
            QuestionResult result = byQuestion.get(group.getKey());
            if (result == null) {
                out.addAll(group.getValue());
                continue;
            }
            RecordRow template = null;
            for (RecordRow row : group.getValue()) {
                if (row.kind() == RecordRow.Kind.UNEXPECTED) {
                    continue;
                }
                template = row;
                out.add(row.withLive(mark(row, result)));
            }
            out.addAll(unexpected(result, template));
        }
        return out;
    }

    static LiveMark mark(RecordRow row, QuestionResult result) {
        List<String> lines = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        List<String> differing = new ArrayList<>();
        int answered = 0;
        int skipped = 0;
        for (ReplicaResult r : result.replicas()) {
            if (r.verdict().isEmpty()) {
                failures.add(r.shortName() + ": " + r.error().orElse("no answer"));
                continue;
            }
            answered++;
            Verdict v = r.verdict().get();
            String rtt = r.roundTrip().isZero() ? "" : " (" + Texts.roundTrip(r.roundTrip()) + ")";
            if (v.kind() == Verdict.Kind.SKIPPED) {
                skipped++;
                lines.add(r.shortName() + ": " + describe(v.live()) + rtt);
                continue;
            }
            boolean ok = row.kind() == RecordRow.Kind.PREDICTED
                    ? !v.missing().contains(row.record().orElseThrow()) : v.kind() == Verdict.Kind.OK;
            if (ok) {
                lines.add(r.shortName() + ": as predicted" + rtt);
            } else {
                differing.add(r.shortName());
                lines.add(r.shortName() + ": " + describe(v.live()) + rtt);
            }
        }
        lines.addAll(failures);
        String detail = String.join("\n", lines);
        if (answered == 0) {
            return new LiveMark.Failed(failures.isEmpty() ? "No replica was asked." : String.join("\n", failures));
        }
        if (skipped == answered) {
            return new LiveMark.Unpredictable("Forwarded outside the cluster: the model cannot predict it.\n" + detail);
        }
        if (differing.isEmpty()) {
            return new LiveMark.Same(detail);
        }
        String what = row.kind() == RecordRow.Kind.PREDICTED ? "missing" : "answered";
        if (answered > 1 && differing.size() < answered) {
            // Replicas disagree: the column names each with its verdict, so the stale one is seen at once.
            return new LiveMark.Differs(what + " on " + differing.size() + " of " + answered, detail,
                    byReplica(result, differing, what));
        }
        String where = answered == 1 ? "" : " on all " + answered;
        return new LiveMark.Differs(what + where, detail);
    }

    private static List<LiveMark.ByReplica> byReplica(QuestionResult result, List<String> differing, String what) {
        List<String> ids = result.replicas().stream().map(ReplicaResult::replica).toList();
        List<String> names = ReplicaNames.shortNames(ids);
        List<LiveMark.ByReplica> out = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            ReplicaResult r = result.replicas().get(i);
            if (r.verdict().isEmpty()) {
                out.add(new LiveMark.ByReplica(names.get(i), false, "not asked"));
            } else if (r.verdict().get().kind() != Verdict.Kind.SKIPPED) {
                boolean ok = !differing.contains(r.shortName());
                out.add(new LiveMark.ByReplica(names.get(i), ok, ok ? "" : what));
            }
        }
        return out;
    }

    private static List<RecordRow> unexpected(QuestionResult result, RecordRow template) {
        Map<String, ResourceRecord> records = new LinkedHashMap<>();
        Map<String, List<String>> servedBy = new LinkedHashMap<>();
        for (ReplicaResult r : result.replicas()) {
            if (r.verdict().isEmpty() || r.verdict().get().kind() == Verdict.Kind.SKIPPED) {
                continue;
            }
            for (ResourceRecord rec : r.verdict().get().unexpected()) {
                String key = rec.ownerKey() + " " + rec.type() + " " + rec.data().normalized().text();
                records.putIfAbsent(key, rec);
                servedBy.computeIfAbsent(key, k -> new ArrayList<>()).add(r.shortName());
            }
        }
        List<RecordRow> out = new ArrayList<>();
        for (Map.Entry<String, ResourceRecord> e : records.entrySet()) {
            List<String> by = servedBy.get(e.getKey());
            LiveMark mark = new LiveMark.Differs("not predicted", "Served by " + String.join(", ", by)
                    + ", but the model predicts no such record.");
            out.add(new RecordRow(result.question(), Optional.of(e.getValue()), result.predicted().status(),
                    RecordRow.Kind.UNEXPECTED, template == null ? List.of() : template.explanation(), mark));
        }
        return out;
    }

    /** {@code NXDOMAIN}, or {@code NOERROR 10.46.0.1, 10.46.0.2 and 3 more}. */
    static String describe(Answer live) {
        if (live.answer().isEmpty()) {
            return live.status().name();
        }
        StringBuilder sb = new StringBuilder(live.status().name()).append(' ');
        int shown = Math.min(RECORDS_IN_DETAIL, live.answer().size());
        for (int i = 0; i < shown; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            ResourceRecord r = live.answer().get(i);
            sb.append(r.data().text());
            if (!r.type().equals(live.question().type())) {
                sb.append(" (").append(r.type().mnemonic()).append(')');
            }
        }
        if (live.answer().size() > shown) {
            sb.append(" and ").append(live.answer().size() - shown).append(" more");
        }
        return sb.toString();
    }
}
