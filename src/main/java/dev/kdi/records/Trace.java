package dev.kdi.records;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What one answer's computation noticed: the plain-language reasons, and whether part of the
 * answer lies beyond what the model can know. One per {@link DnsModel#answer} call; not shared.
 */
final class Trace {
    private final Set<String> why = new LinkedHashSet<>();
    private final List<String> chain = new ArrayList<>();
    private String source;
    private boolean incomplete;

    /** A plugin acted on the query (rewrote it, or answered it); the first one's line is the source. */
    void acted(String plugin, String where) {
        chain.add(plugin);
        if (source == null) {
            source = where;
        }
    }

    List<String> chain() {
        return List.copyOf(chain);
    }

    String source() {
        return source;
    }

    void why(String line) {
        why.add(line);
    }

    void incomplete() {
        incomplete = true;
    }

    boolean isIncomplete() {
        return incomplete;
    }

    List<String> lines() {
        return new ArrayList<>(why);
    }
}
