package dev.kdi.records.searchpath;

import dev.kdi.records.Question;
import dev.kdi.records.RrType;
import dev.kdi.records.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * musl's search: {@code name_from_dns_search} and {@code name_from_dns} in
 * {@code src/network/lookup_name.c}, the resolv.conf reading of {@code src/network/resolvconf.c}
 * and the answer handling of {@code __res_msend_rc} ({@code src/network/res_msend.c}), as in musl
 * 1.2.5.
 */
final class MuslWalk {
    /** resolvconf.c reads lines into a 256-byte buffer and skips any line that does not fit. */
    static final int MAX_LINE = 255;

    private final ResolvConf conf;
    private final String name;
    private final Lookup lookup;
    private final Function<Question, Status> oracle;
    private final List<Step> steps = new ArrayList<>();
    private final List<String> why = new ArrayList<>();

    private MuslWalk(ResolvConf conf, String name, Lookup lookup, Function<Question, Status> oracle) {
        this.conf = conf;
        this.name = name;
        this.lookup = lookup;
        this.oracle = oracle;
    }

    static Walk walk(ResolvConf conf, String name, Lookup lookup, Function<Question, Status> oracle) {
        return new MuslWalk(conf, name, lookup, oracle).run();
    }

    private enum Kind {
        ANSWERED,
        /** name_from_dns returns 0: the search goes on. */
        NXDOMAIN,
        /** EAI_NODATA: the search stops. */
        NODATA,
        /** EAI_AGAIN: the search stops. */
        TRY_AGAIN,
        UNKNOWN
    }

    private Walk run() {
        if (!conf.complete()) {
            return SearchPath.nodeResolverWalk(name, Resolver.MUSL, lookup, conf);
        }
        if (lookup instanceof Lookup.Records r) {
            return records(r.type());
        }
        // __lookup_name: an empty name, or one of 255 characters or more, is EAI_NONAME.
        if (name.isEmpty() || name.length() >= 255) {
            return finish(Walk.Result.NOT_ASKED, "musl rejects " + (name.isEmpty() ? "an empty name"
                    : "a name of " + name.length() + " characters (255 or more)") + " before sending anything.");
        }
        boolean trailingDot = name.endsWith(".");
        String base = trailingDot ? name.substring(0, name.length() - 1) : name;
        if (base.isEmpty() || base.endsWith(".")) {
            return finish(Walk.Result.NOT_ASKED, "musl rejects a name that is only dots or ends in two dots.");
        }
        int ndots = ndots(conf);
        int dots = Candidates.dots(name);
        List<RrType> types = lookup.types();
        why.add(lookup.description() + ": musl sends " + (types.size() == 2
                ? "A and AAAA together for each name and reads the answers in that order."
                : "one " + types.get(0) + " query for each name."));
        boolean search;
        if (trailingDot) {
            why.add("musl: " + name + " ends with a dot: asked as-is only, no search.");
            search = false;
        } else if (dots >= ndots) {
            why.add("musl: " + name + " has " + Candidates.plural(dots, "dot") + " ≥ ndots " + ndots
                    + ": asked as-is only, no search.");
            search = false;
        } else if (searchLineIgnored(conf)) {
            why.add("musl ignores the search line: it is " + (conf.searchLine().length() + 1) + " characters"
                    + " with its newline, and musl skips resolv.conf lines longer than " + MAX_LINE
                    + ". So " + name + " is asked as-is only.");
            search = false;
        } else if (conf.searches().isEmpty()) {
            why.add("musl: the resolv.conf has no search list, so " + name + " is asked as-is only.");
            search = false;
        } else {
            why.add("musl: " + name + " has " + Candidates.plural(dots, "dot") + " < ndots " + ndots
                    + ": each search domain first, then the name as-is.");
            search = true;
        }
        if (search) {
            for (String domain : conf.searches()) {
                String candidate = base + "." + domain;
                Optional<String> unsendable = Candidates.unsendable(candidate);
                if (unsendable.isPresent()) {
                    steps.add(new Step(steps.size() + 1, absolute(candidate), domain, List.of(),
                            Step.Verdict.SKIPPED, "not sent: " + unsendable.get() + "; musl skips it and goes on."));
                    continue;
                }
                Kind k = ask(candidate, domain, types, false);
                if (k != Kind.NXDOMAIN) {
                    return finish(result(k), null);
                }
            }
        }
        Optional<String> unsendable = Candidates.unsendable(name);
        if (unsendable.isPresent()) {
            steps.add(new Step(steps.size() + 1, absolute(name), null, List.of(), Step.Verdict.SKIPPED,
                    "not sent: " + unsendable.get() + "."));
            return finish(Walk.Result.NXDOMAIN, "Nothing could be asked: the program sees EAI_NONAME.");
        }
        return finish(result(ask(name, null, types, true)), null);
    }

    /** res_search is an alias of res_query in musl: no search list, whatever the name. */
    private Walk records(RrType type) {
        why.add(lookup.description() + ": musl's res_search is res_query, so " + name
                + " is asked as-is only; the search list is not used.");
        Optional<String> unsendable = Candidates.unsendable(name);
        if (unsendable.isPresent()) {
            return finish(Walk.Result.NOT_ASKED, "musl cannot build a query for " + name + ": "
                    + unsendable.get() + ".");
        }
        return finish(result(ask(name, null, List.of(type), true)), null);
    }

    private Kind ask(String candidate, String domain, List<RrType> types, boolean last) {
        List<Query> queries = new ArrayList<>(types.size());
        for (RrType t : types) {
            Question q = new Question(candidate, t);
            queries.add(new Query(q, SearchPath.answer(oracle, q), 1));
        }
        Kind kind = read(queries);
        String text = switch (kind) {
            case ANSWERED -> "records: the lookup ends here.";
            case UNKNOWN -> "the cluster DNS forwards it: the answer, and whether musl goes on, depend on the"
                    + " upstream resolver.";
            case NXDOMAIN -> "NXDOMAIN: " + (last ? "nothing is left to try." : "musl goes on.");
            case NODATA -> "the name exists but has no records of the asked "
                    + (types.size() > 1 ? "types" : "type") + " (NODATA): musl stops here"
                    + (last ? "." : " and tries no further names.");
            case TRY_AGAIN -> failure(queries) + ": musl never accepts such an answer; it resends until its"
                    + " timeout (timeout:5 by default) and then stops with a temporary failure"
                    + (last ? "." : ", trying no further names.");
        };
        Step.Verdict verdict = switch (kind) {
            case ANSWERED -> Step.Verdict.ANSWERED;
            case UNKNOWN -> Step.Verdict.UNKNOWN;
            case NXDOMAIN -> Step.Verdict.CONTINUED;
            case NODATA, TRY_AGAIN -> Step.Verdict.STOPPED;
        };
        steps.add(new Step(steps.size() + 1, absolute(candidate), domain, queries, verdict, text));
        return kind;
    }

    /**
     * name_from_dns checks the answers in the order the queries were made (A, then AAAA): the first
     * SERVFAIL or unanswered one is EAI_AGAIN, the first NXDOMAIN ends the check with "not found"
     * (even when the other answer had records), and only if every answer is NOERROR do records
     * decide between found and EAI_NODATA. A forwarded answer is unknown where it is reached.
     */
    private static Kind read(List<Query> queries) {
        for (Query q : queries) {
            switch (q.status()) {
                case FORWARDED, NOT_MODELLED -> {
                    return Kind.UNKNOWN;
                }
                // res_msend accepts only NOERROR and NXDOMAIN; REFUSED is ignored and SERVFAIL
                // retried, so either leaves the slot empty until the timeout.
                case SERVFAIL, REFUSED -> {
                    return Kind.TRY_AGAIN;
                }
                case NXDOMAIN -> {
                    return Kind.NXDOMAIN;
                }
                case NOERROR, NODATA -> {
                    // Look at the next answer.
                }
            }
        }
        return queries.stream().anyMatch(q -> q.status() == Status.NOERROR) ? Kind.ANSWERED : Kind.NODATA;
    }

    private static String failure(List<Query> queries) {
        return queries.stream().map(Query::status).filter(s -> s == Status.SERVFAIL || s == Status.REFUSED)
                .findFirst().map(Status::name).orElse("no answer");
    }

    private static Walk.Result result(Kind kind) {
        return switch (kind) {
            case ANSWERED -> Walk.Result.ANSWERED;
            case NXDOMAIN -> Walk.Result.NXDOMAIN;
            case NODATA -> Walk.Result.NODATA;
            case TRY_AGAIN -> Walk.Result.TEMPORARY_FAILURE;
            case UNKNOWN -> Walk.Result.UPSTREAM;
        };
    }

    private Walk finish(Walk.Result result, String note) {
        if (note != null) {
            why.add(note);
        }
        return new Walk(name, Resolver.MUSL, lookup, steps, result, why);
    }

    private static String absolute(String n) {
        return n.endsWith(".") ? n : n + ".";
    }

    static boolean searchLineIgnored(ResolvConf conf) {
        return !conf.searches().isEmpty() && conf.searchLine().length() + 1 > MAX_LINE;
    }

    /**
     * ndots as musl reads it: the first {@code ndots:} on the options line, only if a digit
     * follows, capped at 15; the whole options line is skipped when longer than 255 characters.
     */
    static int ndots(ResolvConf conf) {
        String line = "options " + String.join(" ", conf.options().stream().map(ResolvOption::toString).toList());
        if (line.length() + 1 > MAX_LINE) {
            return ResolvConf.DEFAULT_NDOTS;
        }
        for (ResolvOption o : conf.options()) {
            if (o.name().equals("ndots") && o.value() != null) {
                String v = o.value();
                int end = 0;
                while (end < v.length() && Character.isDigit(v.charAt(end)) && v.charAt(end) < 128) {
                    end++;
                }
                return end == 0 ? ResolvConf.DEFAULT_NDOTS : ResolvConf.capNdots(v.substring(0, end));
            }
        }
        return ResolvConf.DEFAULT_NDOTS;
    }
}
