package dev.kdi.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.kdi.records.Answer;
import dev.kdi.records.ResourceRecord;
import dev.kdi.records.compare.Verdict;
import dev.kdi.records.objects.ObjectRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The JSON shape of a check, one for both faces: {@code kdi check -o json} prints it and the
 * window's Check view exports it. {@code "view"} says what the check worked from, then the
 * problems (every answer that is not ok), the counts, how many names were skipped, and notes.
 * A check is live: nothing in it is generated from a workload, so nothing is marked so.
 */
public final class CheckJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private CheckJson() {
    }

    /** The whole document, indented. */
    public static String write(Map<String, Object> view, CheckReport report) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("view", view);
        out.putAll(report(report));
        try {
            return MAPPER.writeValueAsString(out);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the check as JSON", e);
        }
    }

    /**
     * What the check worked from.
     *
     * @param warnings what could not be read or is out of date
     * @param notes how the view was made where that is not the obvious way
     */
    public static Map<String, Object> view(SessionInfo.Kind kind, Inspection inspection, List<String> warnings,
                                           List<String> notes) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", kind.name().toLowerCase(Locale.ROOT));
        m.put("complete", inspection.report().isComplete());
        m.put("stale", inspection.report().stale());
        m.put("clusterDomain", inspection.clusterDomain());
        m.put("clusterDomainSource", inspection.clusterDomainSource());
        m.put("warnings", warnings);
        m.put("notes", notes);
        return m;
    }

    private static Map<String, Object> report(CheckReport report) {
        Map<String, Object> m = new LinkedHashMap<>();
        List<Object> items = new ArrayList<>();
        for (CheckReport.Item item : report.items()) {
            if (item.isOk()) {
                continue;
            }
            Map<String, Object> i = new LinkedHashMap<>();
            i.put("name", item.question().name());
            i.put("type", item.question().type().mnemonic());
            i.put("replica", item.replica());
            i.put("status", item.status());
            i.put("summary", item.reason());
            if (item.verdict() != null) {
                i.put("expected", answer(item.verdict().predicted()));
                i.put("actual", answer(item.verdict().live()));
            }
            items.add(i);
        }
        m.put("problems", items);
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Verdict.Kind k : List.of(Verdict.Kind.OK, Verdict.Kind.MISSING, Verdict.Kind.UNEXPECTED, Verdict.Kind.DIFFERENT)) {
            counts.put(k.name().toLowerCase(Locale.ROOT), report.count(k));
        }
        counts.put("not_asked", report.failures());
        m.put("counts", counts);
        m.put("skipped", report.skipped());
        if (!report.notModelled().isEmpty()) {
            List<Map<String, Object>> unmodelled = new ArrayList<>();
            for (CheckReport.NotModelled n : report.notModelled()) {
                Map<String, Object> one = new LinkedHashMap<>();
                one.put("name", n.question().name());
                one.put("type", n.question().type().mnemonic());
                one.put("reason", n.reason());
                unmodelled.add(one);
            }
            m.put("notModelled", unmodelled);
        }
        m.put("notes", report.notes());
        return m;
    }

    private static Map<String, Object> answer(Answer a) {
        return answer(a, CheckJson::record);
    }

    /**
     * An answer as every JSON output of kdi writes it.
     *
     * @param record how a record is written (the command line marks generated pods in its sources)
     */
    public static Map<String, Object> answer(Answer a, Function<ResourceRecord, Map<String, Object>> record) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", a.question().name());
        m.put("type", a.question().type().mnemonic());
        m.put("status", a.status().name());
        m.put("answer", a.answer().stream().map(record).toList());
        m.put("additional", a.additional().stream().map(record).toList());
        m.put("authority", a.authority() == null ? null : record.apply(a.authority()));
        m.put("incomplete", a.incomplete());
        m.put("unassigned", a.unassigned().stream().map(u -> u.kind().key()).distinct().toList());
        m.put("explanation", a.explanation());
        if (a.answeredBy() != null) {
            Map<String, Object> by = new LinkedHashMap<>();
            by.put("block", a.answeredBy().block());
            by.put("chain", a.answeredBy().chain());
            by.put("source", a.answeredBy().source());
            m.put("answeredBy", by);
        }
        return m;
    }

    private static Map<String, Object> record(ResourceRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("owner", r.owner());
        m.put("ttl", r.ttl());
        m.put("class", "IN");
        m.put("type", r.type().mnemonic());
        m.put("data", r.data().text());
        List<Map<String, Object>> sources = new ArrayList<>();
        for (ObjectRef ref : r.sources()) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("kind", ref.kind());
            s.put("namespace", ref.namespace());
            s.put("name", ref.name());
            sources.add(s);
        }
        m.put("sources", sources);
        return m;
    }
}
