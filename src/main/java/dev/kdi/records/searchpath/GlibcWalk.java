package dev.kdi.records.searchpath;

import dev.kdi.records.Question;
import dev.kdi.records.RrType;
import dev.kdi.records.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * glibc's search: {@code __res_context_search} in {@code resolv/res_query.c}, with the answer
 * checks of {@code __res_context_query} and the resends of {@code __res_context_send}
 * ({@code resolv/res_send.c}), as in glibc 2.42 and its development tree. getaddrinfo reaches it through nss_dns with
 * {@code T_QUERY_A_AND_AAAA}: A and AAAA go out together for every name tried.
 */
final class GlibcWalk {
    /** glibc's RES_DFLRETRY and RES_MAXRETRY. */
    private static final int DEFAULT_ATTEMPTS = 2;
    private static final int MAX_ATTEMPTS = 5;
    /** glibc's MAXNS: nameservers beyond the third are not read. */
    private static final int MAX_SERVERS = 3;

    private final ResolvConf conf;
    private final String name;
    private final Lookup lookup;
    private final Function<Question, Status> oracle;
    private final List<Step> steps = new ArrayList<>();
    private final List<String> why = new ArrayList<>();
    private List<RrType> types;

    private GlibcWalk(ResolvConf conf, String name, Lookup lookup, Function<Question, Status> oracle) {
        this.conf = conf;
        this.name = name;
        this.lookup = lookup;
        this.oracle = oracle;
    }

    static Walk walk(ResolvConf conf, String name, Lookup lookup, Function<Question, Status> oracle) {
        return new GlibcWalk(conf, name, lookup, oracle).run();
    }

    /** What glibc makes of the answers for one name (its h_errno, plus our two extra cases). */
    private enum Kind {
        ANSWERED,
        NXDOMAIN,
        NODATA,
        /** TRY_AGAIN with SERVFAIL in the first answer: the search goes on. */
        SERVFAIL,
        /** TRY_AGAIN otherwise (REFUSED): the search list is given up. */
        TRY_AGAIN,
        /** NO_RECOVERY: no query could be built. */
        NO_RECOVERY,
        /** Forwarded by the cluster DNS: unknown. */
        UNKNOWN
    }

    private record Outcome(Kind kind, List<Query> queries, String detail) {
    }

    private enum Phase { ONLY_AS_IS, FIRST_AS_IS, SEARCH, LAST_AS_IS }

    private Walk run() {
        if (!conf.complete()) {
            return SearchPath.nodeResolverWalk(name, Resolver.GLIBC, lookup, conf);
        }
        if (name.isEmpty()) {
            return finish(Walk.Result.NOT_ASKED, "An empty name is not looked up.");
        }
        int ndots = ndots(conf);
        int dots = Candidates.dots(name);
        boolean trailingDot = name.endsWith(".");
        types = new ArrayList<>(lookup.types());
        chooseTypes();
        if (types.isEmpty()) {
            return finish(Walk.Result.NODATA, "no-aaaa: glibc answers AAAA questions itself with no data and"
                    + " sends nothing.");
        }

        if (trailingDot) {
            why.add(name + " ends with a dot: glibc asks it as-is only, with no search.");
            Outcome o = ask(name, null, Phase.ONLY_AS_IS);
            return finish(result(o.kind), null);
        }
        Outcome firstAsIs = null;
        if (dots >= ndots) {
            why.add(name + " has " + Candidates.plural(dots, "dot") + " ≥ ndots " + ndots
                    + ": glibc asks it as-is first, then with each search domain.");
            firstAsIs = ask(name, null, Phase.FIRST_AS_IS);
            if (decided(firstAsIs)) {
                return finishDecided(firstAsIs);
            }
        } else {
            why.add(name + " has " + Candidates.plural(dots, "dot") + " < ndots " + ndots
                    + ": the search list is tried first, then the name as-is.");
        }
        if (conf.searches().isEmpty()) {
            why.add("The resolv.conf has no search list.");
        }

        boolean searched = false;
        boolean rootOnList = false;
        boolean gotNodata = false;
        boolean gotServfail = false;
        Outcome last = firstAsIs;
        for (String domain : conf.searches()) {
            searched = true;
            // glibc strips a leading dot; what is left empty is the root, which asks the name as-is.
            String d = domain.startsWith(".") ? domain.substring(1) : domain;
            if (d.isEmpty()) {
                rootOnList = true;
            }
            String candidate = d.isEmpty() ? name + "." : name + "." + d;
            Outcome o = ask(candidate, domain, Phase.SEARCH);
            last = o;
            if (decided(o)) {
                return finishDecided(o);
            }
            if (o.kind == Kind.NODATA) {
                gotNodata = true;
            } else if (o.kind == Kind.SERVFAIL) {
                gotServfail = true;
            } else if (o.kind != Kind.NXDOMAIN) {
                break;
            }
        }

        boolean noTld = conf.hasOption("no-tld-query") || conf.hasOption("no_tld_query");
        if ((dots > 0 || !searched || !noTld) && firstAsIs == null && !rootOnList) {
            Outcome o = ask(name, null, Phase.LAST_AS_IS);
            last = o;
            if (decided(o)) {
                return finishDecided(o);
            }
        } else if (firstAsIs == null && !rootOnList) {
            why.add("no-tld-query: glibc never asks a name without dots as-is.");
        }

        // The end of __res_context_search: the first as-is answer wins, then NODATA, then SERVFAIL.
        Kind reported;
        if (firstAsIs != null) {
            reported = firstAsIs.kind;
        } else if (gotNodata) {
            reported = Kind.NODATA;
        } else if (gotServfail) {
            reported = Kind.SERVFAIL;
        } else {
            reported = last == null ? Kind.NXDOMAIN : last.kind;
        }
        return finish(result(reported), null);
    }

    private void chooseTypes() {
        if (lookup instanceof Lookup.Addresses && conf.hasOption("no-aaaa")) {
            if (types.remove(RrType.AAAA)) {
                why.add("no-aaaa: glibc does not ask AAAA.");
            }
        } else if (lookup instanceof Lookup.Records r && r.type().equals(RrType.AAAA) && conf.hasOption("no-aaaa")) {
            types.clear();
        }
        if (types.size() == 2) {
            boolean oneByOne = conf.hasOption("single-request") || conf.hasOption("single-request-reopen");
            why.add(lookup.description() + ": glibc sends A and AAAA " + (oneByOne ? "one after the other"
                    + " (single-request)" : "together") + " for each name; a name counts as found when either"
                    + " has records.");
        } else if (!types.isEmpty()) {
            why.add(lookup.description() + ": one " + types.get(0) + " query for each name.");
        }
    }

    private static boolean decided(Outcome o) {
        return o.kind == Kind.ANSWERED || o.kind == Kind.UNKNOWN;
    }

    private Walk finishDecided(Outcome o) {
        return finish(o.kind == Kind.ANSWERED ? Walk.Result.ANSWERED : Walk.Result.UPSTREAM, null);
    }

    private Walk finish(Walk.Result result, String note) {
        if (note != null) {
            why.add(note);
        }
        return new Walk(name, Resolver.GLIBC, lookup, steps, result, why);
    }

    private static Walk.Result result(Kind kind) {
        return switch (kind) {
            case ANSWERED -> Walk.Result.ANSWERED;
            case NXDOMAIN -> Walk.Result.NXDOMAIN;
            case NODATA -> Walk.Result.NODATA;
            case SERVFAIL, TRY_AGAIN -> Walk.Result.TEMPORARY_FAILURE;
            case NO_RECOVERY -> Walk.Result.FAILED;
            case UNKNOWN -> Walk.Result.UPSTREAM;
        };
    }

    private Outcome ask(String candidate, String domain, Phase phase) {
        Optional<String> unsendable = Candidates.unsendable(candidate);
        Outcome o;
        if (unsendable.isPresent()) {
            o = new Outcome(Kind.NO_RECOVERY, List.of(), unsendable.get());
        } else {
            List<Status> statuses = new ArrayList<>(types.size());
            for (RrType t : types) {
                statuses.add(SearchPath.answer(oracle, new Question(candidate, t)));
            }
            Kind kind = combine(statuses);
            boolean allFailed = statuses.stream().allMatch(GlibcWalk::isError);
            int sends = allFailed && kind != Kind.UNKNOWN ? attempts(conf) * servers(conf) : 1;
            List<Query> queries = new ArrayList<>(types.size());
            for (int i = 0; i < types.size(); i++) {
                queries.add(new Query(new Question(candidate, types.get(i)), statuses.get(i), sends));
            }
            o = new Outcome(kind, queries, null);
        }
        steps.add(new Step(steps.size() + 1, absolute(candidate), domain, o.queries, verdict(o.kind, phase),
                explain(o, phase)));
        return o;
    }

    private static String absolute(String n) {
        return n.endsWith(".") ? n : n + ".";
    }

    private static boolean isError(Status s) {
        return s == Status.SERVFAIL || s == Status.REFUSED;
    }

    /**
     * Several answers for one name, as {@code __res_context_query} reads them: any records win;
     * outside strict-error mode an error answer next to a usable one is dropped ({@code send_dg}
     * keeps the other reply); when every answer is an error, glibc re-sends and finally reports
     * TRY_AGAIN, and the search goes on only if the first (A) answer said SERVFAIL. We treat a
     * forwarded answer as unknown unless another answer already has records.
     */
    private static Kind combine(List<Status> statuses) {
        if (statuses.contains(Status.NOERROR)) {
            return Kind.ANSWERED;
        }
        if (statuses.contains(Status.FORWARDED) || statuses.contains(Status.NOT_MODELLED)) {
            return Kind.UNKNOWN;
        }
        if (statuses.stream().allMatch(GlibcWalk::isError)) {
            return statuses.get(0) == Status.SERVFAIL ? Kind.SERVFAIL : Kind.TRY_AGAIN;
        }
        return statuses.contains(Status.NXDOMAIN) ? Kind.NXDOMAIN : Kind.NODATA;
    }

    private static Step.Verdict verdict(Kind kind, Phase phase) {
        return switch (kind) {
            case ANSWERED -> Step.Verdict.ANSWERED;
            case UNKNOWN -> Step.Verdict.UNKNOWN;
            case NO_RECOVERY -> phase == Phase.SEARCH ? Step.Verdict.SEARCH_ABANDONED : Step.Verdict.SKIPPED;
            case TRY_AGAIN -> phase == Phase.SEARCH ? Step.Verdict.SEARCH_ABANDONED : Step.Verdict.CONTINUED;
            case NXDOMAIN, NODATA, SERVFAIL -> Step.Verdict.CONTINUED;
        };
    }

    private String explain(Outcome o, Phase phase) {
        String what = switch (o.kind) {
            case ANSWERED -> "records";
            case UNKNOWN -> "the cluster DNS forwards it";
            case NXDOMAIN -> "NXDOMAIN";
            case NODATA -> "no records of the asked " + (types.size() > 1 ? "types" : "type") + " (NODATA)";
            case SERVFAIL -> "SERVFAIL" + repeats(o);
            case TRY_AGAIN -> o.queries.get(0).status() + repeats(o);
            case NO_RECOVERY -> "not sent: " + o.detail;
        };
        String next = switch (o.kind) {
            case ANSWERED -> "the lookup ends here";
            case UNKNOWN -> "the answer, and whether glibc goes on, depend on the upstream resolver";
            default -> switch (phase) {
                case ONLY_AS_IS, LAST_AS_IS -> "nothing is left to try";
                case FIRST_AS_IS -> conf.searches().isEmpty() ? "nothing is left to try"
                        : "glibc goes on with the search list";
                case SEARCH -> switch (o.kind) {
                    case NO_RECOVERY, TRY_AGAIN -> "glibc gives up the rest of its search list";
                    case NODATA -> "glibc goes on, remembering the NODATA";
                    default -> "glibc goes on";
                };
            };
        };
        return what + ": " + next + ".";
    }

    private static String repeats(Outcome o) {
        int sends = o.queries.get(0).sends();
        return sends > 1 ? ", asked " + sends + " times (attempts × nameservers)" : "";
    }

    /** ndots as glibc's {@code res_setoptions} reads it: strtol, over 15 becomes 15, last one wins. */
    static int ndots(ResolvConf conf) {
        Optional<ResolvOption> o = conf.option("ndots");
        if (o.isEmpty() || o.get().value() == null) {
            return ResolvConf.DEFAULT_NDOTS;
        }
        long v = strtol(o.get().value());
        // A negative value lands in a 4-bit unsigned bitfield.
        return v > ResolvConf.MAX_NDOTS ? ResolvConf.MAX_NDOTS : (int) (v & 0xF);
    }

    static int attempts(ResolvConf conf) {
        Optional<ResolvOption> o = conf.option("attempts");
        if (o.isEmpty() || o.get().value() == null) {
            return DEFAULT_ATTEMPTS;
        }
        long v = strtol(o.get().value());
        // attempts:0 would send nothing at all; that corner is not modelled.
        return (int) Math.max(1, Math.min(v, MAX_ATTEMPTS));
    }

    private static int servers(ResolvConf conf) {
        // With no nameserver line glibc asks the loopback address: still one server.
        return Math.max(1, Math.min(conf.nameservers().size(), MAX_SERVERS));
    }

    /** C's strtol on a decimal string: optional sign, leading digits, 0 when there are none. */
    private static long strtol(String s) {
        int i = 0;
        boolean negative = false;
        if (i < s.length() && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        long v = 0;
        for (; i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9'; i++) {
            v = Math.min(v * 10 + (s.charAt(i) - '0'), Integer.MAX_VALUE);
        }
        return negative ? -v : v;
    }
}
