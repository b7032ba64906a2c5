package dev.kdi.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.kdi.records.Answer;
import dev.kdi.records.ResourceRecord;
import dev.kdi.records.lint.Finding;
import dev.kdi.records.objects.ObjectRef;
import dev.kdi.records.objects.Provisional;
import dev.kdi.records.objects.Unassigned;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON forms, built as plain maps so field names are stable and explicit. A pod that offline
 * input only implies (generated from its workload's template) is marked {@code "generated"}
 * wherever it is named, so a script never takes it for a pod that exists.
 */
final class Json {
    private final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final Provisional provisional;

    /** The forms for a live cluster, where nothing is generated. */
    Json() {
        this(Provisional.NONE);
    }

    /** The forms for a model's objects: its generated pods are marked. */
    Json(Provisional provisional) {
        this.provisional = provisional;
    }

    String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    Map<String, Object> record(ResourceRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("owner", r.owner());
        m.put("ttl", r.ttl());
        m.put("class", "IN");
        m.put("type", r.type().mnemonic());
        m.put("data", r.data().text());
        m.put("sources", refs(r.sources()));
        return m;
    }

    List<Map<String, Object>> records(List<ResourceRecord> records) {
        List<Map<String, Object>> out = new ArrayList<>(records.size());
        for (ResourceRecord r : records) {
            out.add(record(r));
        }
        return out;
    }

    List<Map<String, Object>> refs(List<ObjectRef> refs) {
        List<Map<String, Object>> out = new ArrayList<>(refs.size());
        for (ObjectRef ref : refs) {
            Map<String, Object> m = ref(ref);
            provisional.generator(ref).ifPresent(workload -> {
                Map<String, Object> generated = new LinkedHashMap<>();
                generated.put("from", ref(workload));
                generated.put("assumedReady", provisional.isAssumedReady(ref));
                generated.put("perNode", provisional.isStandIn(ref));
                m.put("generated", generated);
            });
            out.add(m);
        }
        return out;
    }

    private static Map<String, Object> ref(ObjectRef ref) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", ref.kind());
        m.put("namespace", ref.namespace());
        m.put("name", ref.name());
        return m;
    }

    /** The distinct kinds of what is not assigned: {@code ["clusterIP", "podIP"]}. */
    static List<String> keys(List<Unassigned> marks) {
        return marks.stream().map(u -> u.kind().key()).distinct().toList();
    }

    /** A lint finding, as {@code kdi lint -o json} and {@code kdi diff -o json} write it. */
    Map<String, Object> finding(Finding f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("severity", f.severity().name().toLowerCase(java.util.Locale.ROOT));
        m.put("code", f.code());
        m.put("objects", refs(f.objects()));
        m.put("message", f.message());
        m.put("fix", f.fix());
        return m;
    }

    Map<String, Object> answer(Answer a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", a.question().name());
        m.put("type", a.question().type().mnemonic());
        m.put("status", a.status().name());
        m.put("answer", records(a.answer()));
        m.put("additional", records(a.additional()));
        m.put("authority", a.authority() == null ? null : record(a.authority()));
        m.put("incomplete", a.incomplete());
        m.put("unassigned", keys(a.unassigned()));
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
}
