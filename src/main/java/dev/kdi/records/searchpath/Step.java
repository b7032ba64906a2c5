package dev.kdi.records.searchpath;

import java.util.List;
import java.util.Objects;

/**
 * One name a resolver tried while walking its search list.
 *
 * @param number 1 for the first name tried
 * @param name the absolute name tried
 * @param searchDomain the search domain appended, or null when the name was tried as-is
 * @param queries the questions sent for it (one per type), in order; empty when it was not sent
 * @param verdict what the resolver made of the answers and did next
 * @param explanation why, in plain words
 */
public record Step(int number, String name, String searchDomain, List<Query> queries, Verdict verdict,
        String explanation) {

    /** What the resolver concluded for one name tried, and what it did next. */
    public enum Verdict {
        /** Records came back: the lookup ends here with an answer. */
        ANSWERED,
        /** No records: the resolver goes on with the next name, if any is left. */
        CONTINUED,
        /** Not sent at all (the name is too long or malformed): the resolver goes on. */
        SKIPPED,
        /** glibc gives up the rest of its search list and goes on with the name as-is. */
        SEARCH_ABANDONED,
        /** The resolver gives up the whole lookup here, without an answer. */
        STOPPED,
        /** The cluster DNS handed the name on: what happens next depends on the upstream resolver. */
        UNKNOWN
    }

    public Step {
        Objects.requireNonNull(name, "name");
        queries = List.copyOf(queries);
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(explanation, "explanation");
    }

    public boolean asIs() {
        return searchDomain == null;
    }

    public boolean sent() {
        return !queries.isEmpty();
    }
}
