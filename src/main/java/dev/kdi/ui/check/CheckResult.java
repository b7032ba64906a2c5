package dev.kdi.ui.check;

import dev.kdi.records.Question;
import dev.kdi.records.compare.Verdict;
import dev.kdi.session.CheckReport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A check's report as the table shows it: one row per question, the replicas in a fixed order,
 * and whether any row has replicas that disagree (then each replica gets its own column).
 *
 * @param report the session's report, for export and counts
 * @param replicas the replicas asked, in name order
 * @param rows one per question, in the report's order
 * @param disagreement whether any row's replicas disagree
 * @param namespaces the namespaces of the rows, in name order, for the filter
 * @param types the record types of the rows, in name order, for the filter
 * @param counts the summary bar's numbers, counted with the rows (off the UI thread)
 */
public record CheckResult(CheckReport report, List<String> replicas, List<CheckRow> rows, boolean disagreement,
                          List<String> namespaces, List<String> types, Counts counts) {

    /** How many replicas' answers had each verdict, and how many names were not asked. */
    public record Counts(long ok, long missing, long unexpected, long different, long notAsked, int skipped) {

        static Counts of(CheckReport report) {
            long[] kinds = new long[Verdict.Kind.values().length];
            long notAsked = 0;
            for (CheckReport.Item i : report.items()) {
                if (i.verdict() == null) {
                    notAsked++;
                } else {
                    kinds[i.verdict().kind().ordinal()]++;
                }
            }
            return new Counts(kinds[Verdict.Kind.OK.ordinal()], kinds[Verdict.Kind.MISSING.ordinal()],
                    kinds[Verdict.Kind.UNEXPECTED.ordinal()], kinds[Verdict.Kind.DIFFERENT.ordinal()], notAsked,
                    report.skipped());
        }
    }

    /** The table of a report; walks every item, so it is built off the UI thread. */
    public static CheckResult of(CheckReport report, String clusterDomain) {
        List<String> replicas = new ArrayList<>(new TreeSet<>(report.items().stream().map(CheckReport.Item::replica)
                .toList()));
        Map<String, Integer> position = new HashMap<>();
        for (String r : replicas) {
            position.put(r, position.size());
        }
        Map<Question, CheckReport.Item[]> byQuestion = new LinkedHashMap<>();
        for (CheckReport.Item item : report.items()) {
            byQuestion.computeIfAbsent(item.question(), q -> new CheckReport.Item[replicas.size()])[
                    position.get(item.replica())] = item;
        }
        List<CheckRow> rows = new ArrayList<>(byQuestion.size());
        TreeSet<String> namespaces = new TreeSet<>();
        TreeSet<String> types = new TreeSet<>();
        boolean disagreement = false;
        Map<String, String> interned = new HashMap<>();
        for (Map.Entry<Question, CheckReport.Item[]> e : byQuestion.entrySet()) {
            CheckReport.Item any = null;
            for (CheckReport.Item i : e.getValue()) {
                if (i != null && i.verdict() != null) {
                    any = i;
                    break;
                }
            }
            String ns = interned.computeIfAbsent(CheckReport.namespaceOf(e.getKey(),
                    any == null ? null : any.verdict().predicted(), clusterDomain), n -> n);
            CheckRow row = CheckRow.of(e.getKey(), ns, java.util.Arrays.asList(e.getValue()));
            rows.add(row);
            namespaces.add(ns);
            types.add(e.getKey().type().mnemonic());
            disagreement |= !row.agree();
        }
        return new CheckResult(report, List.copyOf(replicas), rows, disagreement, List.copyOf(namespaces),
                List.copyOf(types), Counts.of(report));
    }

    /** The questions some replica did not answer as predicted, in the table's order. */
    java.util.Set<Question> failed() {
        java.util.Set<Question> failed = new java.util.LinkedHashSet<>();
        for (CheckRow row : rows) {
            if (row.status() != CheckRow.Status.OK) {
                failed.add(row.question());
            }
        }
        return failed;
    }

    /** The report with the questions of {@code again} answered anew: "re-run what failed". */
    CheckReport merged(CheckReport again) {
        java.util.Set<Question> asked = new java.util.HashSet<>();
        again.items().forEach(i -> asked.add(i.question()));
        List<CheckReport.Item> items = new ArrayList<>(report.items().size());
        Map<Question, List<CheckReport.Item>> fresh = new LinkedHashMap<>();
        again.items().forEach(i -> fresh.computeIfAbsent(i.question(), q -> new ArrayList<>()).add(i));
        for (CheckReport.Item i : report.items()) {
            if (!asked.contains(i.question())) {
                items.add(i);
            } else {
                List<CheckReport.Item> now = fresh.remove(i.question());
                if (now != null) {
                    items.addAll(now);
                }
            }
        }
        fresh.values().forEach(items::addAll);
        List<String> notes = new ArrayList<>(report.notes());
        notes.addAll(again.notes());
        return new CheckReport(items, report.forwarded(), notes, report.notModelled());
    }
}
