package dev.kdi.records;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Supplier;

/**
 * What one answer's computation noticed: the plain-language reasons, and whether part of the
 * answer lies beyond what the model can know. One per {@link DnsModel#answer} call; not shared.
 *
 * <p>Reasons are kept as suppliers and turned into text only when someone reads the
 * explanation: most answers (a benchmark's, {@code check}'s comparison) are never explained,
 * and building their sentences was most of the cost of an answer.
 */
final class Trace {
    /** Each entry a {@code String} or a {@code Supplier<String>}; append-only. */
    private final List<Object> why = new ArrayList<>();
    private List<String> chain = List.of();
    private String source;
    private boolean incomplete;

    /** A plugin acted on the query (rewrote it, or answered it); the first one's line is the source. */
    void acted(String plugin, String where) {
        if (chain.isEmpty()) {
            chain = List.of(plugin);
        } else {
            List<String> longer = new ArrayList<>(chain);
            longer.add(plugin);
            chain = List.copyOf(longer);
        }
        if (source == null) {
            source = where;
        }
    }

    List<String> chain() {
        return chain;
    }

    String source() {
        return source;
    }

    /** A reason already made. */
    void why(String line) {
        why.add(line);
    }

    /** A reason made only if the explanation is read; it must capture values that do not change. */
    void why(Supplier<String> line) {
        why.add(line);
    }

    /**
     * What another trace of the same answer noticed (a try {@code autopath} made on the side): its
     * reasons and incompleteness always, its plugins only when its answer is the one returned.
     */
    void absorb(Trace other, boolean answered) {
        why.addAll(other.why);
        incomplete |= other.incomplete;
        if (answered) {
            chainFrom(other);
        }
    }

    /** The plugins that acted in another trace, as if they acted here. */
    void chainFrom(Trace other) {
        for (int k = 0; k < other.chain.size(); k++) {
            acted(other.chain.get(k), k == 0 ? other.source : null);
        }
    }

    void incomplete() {
        incomplete = true;
    }

    boolean isIncomplete() {
        return incomplete;
    }

    /** The reasons so far, made into lines when first read; a line said twice is shown once. */
    List<String> lines() {
        return why.isEmpty() ? List.of() : new Lines(why, why.size());
    }

    /**
     * An unmodifiable view of the first {@code count} reasons, made into text on first read. Safe
     * to read from any thread: the reasons it covers are never changed after the answer is made,
     * and the suppliers are pure, so racing readers make the same lines.
     */
    static final class Lines extends AbstractList<String> {
        private final List<Object> reasons;
        private final int count;
        private volatile List<String> made;

        private Lines(List<Object> reasons, int count) {
            this.reasons = reasons;
            this.count = count;
        }

        private List<String> made() {
            List<String> m = made;
            if (m == null) {
                LinkedHashSet<String> distinct = new LinkedHashSet<>();
                for (int i = 0; i < count; i++) {
                    Object r = reasons.get(i);
                    @SuppressWarnings("unchecked")
                    String line = r instanceof String s ? s : ((Supplier<String>) r).get();
                    distinct.add(line);
                }
                m = List.copyOf(distinct);
                made = m;
            }
            return m;
        }

        @Override
        public String get(int index) {
            return made().get(index);
        }

        @Override
        public int size() {
            return made().size();
        }
    }
}
