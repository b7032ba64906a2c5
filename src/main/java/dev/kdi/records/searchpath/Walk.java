package dev.kdi.records.searchpath;

import dev.kdi.records.Question;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The names a pod's resolver tried for one lookup, in order, and how the lookup ended. Names after
 * the one where the resolver stopped are not sent and not listed.
 *
 * @param name the name the program asked for
 * @param resolver the pod's resolver
 * @param lookup what the program asked for
 * @param steps the names tried, in order
 * @param result how the lookup ended
 * @param explanation one plain sentence per rule that fired
 */
public record Walk(String name, Resolver resolver, Lookup lookup, List<Step> steps, Result result,
        List<String> explanation) {

    /** How a lookup ended, as the program sees it. */
    public enum Result {
        /** A name tried had records. */
        ANSWERED,
        /** No name tried exists (getaddrinfo's EAI_NONAME). */
        NXDOMAIN,
        /** A name exists but has no records of the asked types. */
        NODATA,
        /** The server failed or refused (EAI_AGAIN): the program may retry. */
        TEMPORARY_FAILURE,
        /** The resolver could not even build a query (EAI_FAIL). */
        FAILED,
        /** The cluster DNS forwarded a name tried: the result depends on the upstream resolver. */
        UPSTREAM,
        /** The pod copies the node's resolv.conf, which is not known: the queries cannot be listed. */
        NODE_RESOLVER,
        /** The resolver rejects the name before sending anything. */
        NOT_ASKED
    }

    public Walk {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(resolver, "resolver");
        Objects.requireNonNull(lookup, "lookup");
        steps = List.copyOf(steps);
        Objects.requireNonNull(result, "result");
        explanation = List.copyOf(explanation);
    }

    /** Every question sent, in order. */
    public List<Question> questions() {
        return steps.stream().flatMap(s -> s.queries().stream()).map(Query::question).toList();
    }

    /** The number of questions sent, the search-path amplification of this lookup. */
    public int queriesSent() {
        return steps.stream().mapToInt(s -> s.queries().size()).sum();
    }

    /** The number of packets sent, counting glibc's repeats after SERVFAIL or REFUSED. */
    public int packetsSent() {
        return steps.stream().flatMap(s -> s.queries().stream()).mapToInt(Query::sends).sum();
    }

    /** The step whose name had records. */
    public Optional<Step> answeredBy() {
        return steps.stream().filter(s -> s.verdict() == Step.Verdict.ANSWERED).findFirst();
    }

    /** The amplification figure the GUI and lint show. */
    public Amplification amplification() {
        Step last = steps.isEmpty() ? null : steps.get(steps.size() - 1);
        boolean decided = last != null && (result == Result.ANSWERED || result == Result.UPSTREAM);
        return new Amplification(name, queriesSent(), decided ? last.queries().size() : 0, result);
    }
}
