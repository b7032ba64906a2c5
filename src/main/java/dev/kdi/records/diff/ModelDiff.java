package dev.kdi.records.diff;

import dev.kdi.records.Answer;
import dev.kdi.records.DnsModel;
import dev.kdi.records.Question;
import dev.kdi.records.ResourceRecord;
import dev.kdi.records.RrType;
import dev.kdi.records.Status;
import dev.kdi.records.ZoneQuestions;
import dev.kdi.records.lint.Finding;
import dev.kdi.records.objects.Kinds;
import dev.kdi.records.objects.ObjectRef;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Compares two models: every question either side's {@code check} would ask, answered by both.
 * A question only one side asks (a name that appears or vanishes) is put to the other side too,
 * so a name is reported once, with both answers.
 */
public final class ModelDiff {
    private ModelDiff() {
    }

    /**
     * One side of a diff: its model and its lint findings.
     *
     * @param model the model
     * @param findings the lint's findings for that model
     */
    public record Side(DnsModel model, List<Finding> findings) {
        public Side {
            findings = List.copyOf(findings);
        }
    }

    /**
     * Which names and findings a diff compares.
     *
     * @param namespaces the namespaces; empty for all
     * @param probed the namespaces the whole cluster's questions probe ({@link ZoneQuestions#probed}),
     *     on either side; unused for all
     */
    public record Scope(Set<String> namespaces, Set<String> probed) {
        /** Every name and finding, the zone's own names too. */
        public static final Scope ALL = new Scope(Set.of(), Set.of());

        public Scope {
            namespaces = Set.copyOf(namespaces);
            probed = Set.copyOf(probed);
        }

        /**
         * Of everything {@link #ALL} compares, what belongs to these namespaces: how an
         * incremental diff compares its part of the whole, on models of those namespaces only.
         *
         * @param probed the namespaces the whole clusters' questions probe, before or after
         */
        public static Scope within(Set<String> namespaces, Set<String> probed) {
            if (namespaces.isEmpty()) {
                throw new IllegalArgumentException("a scope within no namespace compares nothing");
            }
            return new Scope(namespaces, probed);
        }

        Set<Question> questions(DnsModel model) {
            return namespaces.isEmpty() ? ZoneQuestions.of(model, Set.of())
                    : ZoneQuestions.within(model, namespaces, probed);
        }

        boolean holds(Finding f) {
            return namespaces.isEmpty() || namespaces.contains(namespaceOf(f.primary()));
        }
    }

    /** The diff of every name, with nobody referring to any name. */
    public static DnsDiff compare(Side before, Side after) {
        return compare(before, after, Scope.ALL, Referrers.none());
    }

    /**
     * @param scope which names and findings to compare
     * @param referrers who refers to which name after the change, for the breaking heuristic
     */
    public static DnsDiff compare(Side before, Side after, Scope scope, Referrers referrers) {
        NeutralForm beforeForm = new NeutralForm(before.model().snapshot().provisional());
        NeutralForm afterForm = new NeutralForm(after.model().snapshot().provisional());
        Map<Key, Question> beforeQuestions = keyed(scope.questions(before.model()), beforeForm);
        Map<Key, Question> afterQuestions = keyed(scope.questions(after.model()), afterForm);
        Map<Key, Boolean> keys = new LinkedHashMap<>();
        beforeQuestions.keySet().forEach(k -> keys.put(k, true));
        afterQuestions.keySet().forEach(k -> keys.put(k, true));
        String zone = after.model().clusterDomain().or(() -> before.model().clusterDomain()).orElse("cluster.local.");

        List<NameChange> changes = new ArrayList<>();
        for (Key key : keys.keySet()) {
            Answer b = ask(before.model(), beforeForm, key, beforeQuestions, afterQuestions);
            Answer a = ask(after.model(), afterForm, key, afterQuestions, beforeQuestions);
            if (b.status() == Status.FORWARDED && a.status() == Status.FORWARDED) {
                // Upstream's answer is the same unknown on both sides.
                continue;
            }
            NeutralForm.Form bf = beforeForm.form(b);
            NeutralForm.Form af = afterForm.form(a);
            if (bf.equals(af)) {
                continue;
            }
            NameChange.Kind kind = bf.exists() && af.exists() ? NameChange.Kind.CHANGED
                    : af.exists() ? NameChange.Kind.ADDED
                    : bf.exists() ? NameChange.Kind.REMOVED : NameChange.Kind.CHANGED;
            Optional<ObjectRef> object = object(a, b);
            String ns = namespace(key.name(), zone, object);
            String[] words = words(b, beforeForm, a, afterForm);
            List<String> referred = kind == NameChange.Kind.ADDED ? List.of() : referrers.of(key.name());
            changes.add(new NameChange(kind, key.name(), key.type(), ns, object.orElse(null), words[0], words[1], b, a,
                    referred));
        }
        changes.sort(ORDER);

        Map<String, Finding> beforeFindings = findings(before.findings(), scope);
        Map<String, Finding> afterFindings = findings(after.findings(), scope);
        List<Finding> added = new ArrayList<>();
        afterFindings.forEach((k, f) -> {
            if (!beforeFindings.containsKey(k)) {
                added.add(f);
            }
        });
        List<Finding> resolved = new ArrayList<>();
        beforeFindings.forEach((k, f) -> {
            if (!afterFindings.containsKey(k)) {
                resolved.add(f);
            }
        });
        return new DnsDiff(changes, added, resolved);
    }

    /** By namespace, object, name and type; names of no object first in their namespace. */
    static final Comparator<NameChange> ORDER = Comparator.comparing(NameChange::namespace)
            .thenComparing(c -> c.object() == null ? "" : c.object().kind() + "/" + c.object().name())
            .thenComparing(NameChange::name)
            .thenComparing(c -> c.type().mnemonic());

    /**
     * A finding is the same finding on both sides when its code and objects are: its sentence may
     * name addresses or counts that move with the change without the problem changing.
     */
    private static Map<String, Finding> findings(List<Finding> findings, Scope scope) {
        Map<String, Finding> out = new LinkedHashMap<>();
        for (Finding f : findings) {
            if (!scope.holds(f)) {
                continue;
            }
            out.putIfAbsent(f.code() + " " + f.objects(), f);
        }
        return out;
    }

    /** The namespace an object is in; a Namespace's own name. */
    private static String namespaceOf(ObjectRef ref) {
        return Kinds.NAMESPACE.equals(ref.kind()) ? ref.name() : ref.namespace();
    }

    private record Key(String name, RrType type) {
    }

    private static Map<Key, Question> keyed(Set<Question> questions, NeutralForm form) {
        Map<Key, Question> out = new LinkedHashMap<>();
        for (Question q : questions) {
            out.putIfAbsent(new Key(form.name(q.name()), q.type()), q);
        }
        return out;
    }

    /**
     * This side's answer for a key: its own question when it asks one; else the same object's
     * name on this side; else the other side's name as it is (an address this side does not have:
     * it answers that name as it would answer any).
     */
    private static Answer ask(DnsModel model, NeutralForm form, Key key, Map<Key, Question> own,
                              Map<Key, Question> other) {
        Question q = own.get(key);
        if (q == null) {
            q = form.concrete(key.name()).filter(n -> !n.startsWith("["))
                    .map(n -> new Question(n, key.type()))
                    .orElse(other.get(key));
        }
        return model.answer(q);
    }

    /** The object behind the name: a Service among the records' sources, else the first source. */
    private static Optional<ObjectRef> object(Answer after, Answer before) {
        ObjectRef first = null;
        for (Answer a : List.of(after, before)) {
            for (ResourceRecord r : a.answer()) {
                for (ObjectRef ref : r.sources()) {
                    if (Kinds.SERVICE.equals(ref.kind())) {
                        return Optional.of(ref);
                    }
                    if (first == null) {
                        first = ref;
                    }
                }
            }
        }
        return Optional.ofNullable(first);
    }

    /**
     * The namespace a name belongs to: the one it spells ({@code web.shop.svc.cluster.local.}); for
     * a reverse name, its object's; none for the zone's own names (the apex and its NS records
     * depend on whichever Services select the DNS pods, in any namespace).
     */
    private static String namespace(String name, String zone, Optional<ObjectRef> object) {
        String spelt = namespaceOfName(name, zone);
        if (!spelt.isEmpty()) {
            return spelt;
        }
        if (name.endsWith(".in-addr.arpa.") || name.endsWith(".ip6.arpa.")) {
            return object.map(ObjectRef::namespace).orElse("");
        }
        return "";
    }

    /** The namespace a name of the zone spells ({@code web.shop.svc.cluster.local.} is in {@code shop}). */
    static String namespaceOfName(String name, String zone) {
        String z = "." + zone.toLowerCase(Locale.ROOT);
        String n = name.toLowerCase(Locale.ROOT);
        if (!n.endsWith(z)) {
            return "";
        }
        String[] labels = n.substring(0, n.length() - z.length()).split("\\.");
        int l = labels.length;
        if (l >= 2 && (labels[l - 1].equals("svc") || labels[l - 1].equals("pod"))) {
            return labels[l - 2];
        }
        return "";
    }

    /**
     * Both answers in words, as short as shows the difference: the records' data; with TTLs when
     * the data are the same; with the additional section when that is all that differs.
     */
    private static String[] words(Answer b, NeutralForm bf, Answer a, NeutralForm af) {
        for (int detail = 0; detail < 3; detail++) {
            String before = words(b, bf, detail);
            String after = words(a, af, detail);
            if (!before.equals(after) || detail == 2) {
                return new String[] {before, after};
            }
        }
        throw new AssertionError("unreachable");
    }

    static String words(Answer a, NeutralForm form, int detail) {
        if (a.status() != Status.NOERROR || a.answer().isEmpty()) {
            return a.status() == Status.NOERROR ? "NODATA" : a.status().name();
        }
        List<String> parts = new ArrayList<>();
        for (ResourceRecord r : a.answer()) {
            parts.add(recordWords(a.question(), r, form, detail));
        }
        parts.sort(null);
        String text = String.join(", ", parts);
        if (detail >= 2 && !a.additional().isEmpty()) {
            List<String> extra = new ArrayList<>();
            for (ResourceRecord r : a.additional()) {
                extra.add(form.record(r));
            }
            extra.sort(null);
            text += " (additional: " + String.join(", ", extra) + ")";
        }
        return text;
    }

    private static String recordWords(Question q, ResourceRecord r, NeutralForm form, int detail) {
        String data = form.data(r.data());
        String ttl = detail >= 1 ? " ttl " + r.ttl() : "";
        if (r.ownerKey().equals(q.name().toLowerCase(Locale.ROOT)) && r.type().equals(q.type())) {
            return data + ttl;
        }
        if (r.ownerKey().equals(q.name().toLowerCase(Locale.ROOT))) {
            return r.type().mnemonic() + " " + data + ttl;
        }
        return form.name(r.owner()) + " " + r.type().mnemonic() + " " + data + ttl;
    }
}
