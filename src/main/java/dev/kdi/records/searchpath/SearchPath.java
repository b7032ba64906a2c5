package dev.kdi.records.searchpath;

import dev.kdi.records.Question;
import dev.kdi.records.Status;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * How a pod's resolver expands a name with its resolv.conf: the ordered queries it sends and, given
 * what each query returns, where it stops.
 *
 * @param conf the pod's resolv.conf
 * @param resolver the C library in the pod's container
 */
public record SearchPath(ResolvConf conf, Resolver resolver) {

    public SearchPath {
        Objects.requireNonNull(conf, "conf");
        Objects.requireNonNull(resolver, "resolver");
    }

    /**
     * Walks the search list for {@code name}, asking {@code oracle} what each query returns.
     * {@link Status#FORWARDED} stops the walk as unknown: what the upstream resolver says decides.
     */
    public Walk walk(String name, Lookup lookup, Function<Question, Status> oracle) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(lookup, "lookup");
        Objects.requireNonNull(oracle, "oracle");
        return switch (resolver) {
            case GLIBC -> GlibcWalk.walk(conf, name, lookup, oracle);
            case MUSL -> MuslWalk.walk(conf, name, lookup, oracle);
        };
    }

    /** The walk when no name tried exists: every query the resolver can send for the name, in order. */
    public Walk fullWalk(String name, Lookup lookup) {
        return walk(name, lookup, q -> Status.NXDOMAIN);
    }

    /** Every query the resolver can send for the name, in order (empty when the file is not known). */
    public List<Question> queries(String name, Lookup lookup) {
        return fullWalk(name, lookup).questions();
    }

    /** The ndots this resolver reads from the file. */
    public int ndots() {
        return switch (resolver) {
            case GLIBC -> GlibcWalk.ndots(conf);
            case MUSL -> MuslWalk.ndots(conf);
        };
    }

    static Status answer(Function<Question, Status> oracle, Question q) {
        Status s = oracle.apply(q);
        if (s == null) {
            throw new IllegalStateException("the oracle gave no status for " + q);
        }
        return s;
    }

    static Walk nodeResolverWalk(String name, Resolver resolver, Lookup lookup, ResolvConf conf) {
        return new Walk(name, resolver, lookup, List.of(), Walk.Result.NODE_RESOLVER, List.of(
                "The pod uses " + conf.source().description() + ", which is not known here: " + name
                        + " is looked up as the node resolves it, with the node's search list, ndots and"
                        + " nameservers. Those queries go to the node's nameservers, not to the cluster DNS."));
    }
}
