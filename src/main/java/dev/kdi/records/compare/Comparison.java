package dev.kdi.records.compare;

import dev.kdi.records.Answer;
import dev.kdi.records.Rdata;
import dev.kdi.records.ResourceRecord;
import dev.kdi.records.RrType;
import dev.kdi.records.Status;
import dev.kdi.records.names.IpAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Holds a live answer against the model's prediction for the same question.
 *
 * <p>Answer sections are compared as sets: order, TTL and owner-name case do not count (a cache
 * in front counts TTLs down; owners echo the query's case), names inside the data compare
 * case-insensitively, addresses by value, SRV by priority, weight, port and target. Additional
 * and authority sections do not count: they help resolvers, they are not the answer.
 */
public final class Comparison {
    private static final int RECORDS_IN_SUMMARY = 3;

    private Comparison() {
    }

    /**
     * The verdict on {@code live} given {@code predicted}.
     *
     * @throws IllegalArgumentException when the two answer different questions
     */
    public static Verdict compare(Answer predicted, Answer live) {
        if (!sameQuestion(predicted, live)) {
            throw new IllegalArgumentException("cannot compare the answer to " + predicted.question()
                    + " with the answer to " + live.question());
        }
        Status want = predicted.status();
        Status got = live.status();
        if (want == Status.FORWARDED) {
            return new Verdict(Verdict.Kind.SKIPPED, predicted, live, List.of(), List.of(),
                    "not predicted: the cluster DNS forwards this name to another resolver");
        }
        if (want == Status.NOT_MODELLED) {
            return new Verdict(Verdict.Kind.SKIPPED, predicted, live, List.of(), List.of(),
                    predicted.explanation().isEmpty() ? "not modelled for kube-dns" : predicted.explanation().get(0));
        }
        List<ResourceRecord> missing = absent(predicted.answer(), live.answer());
        List<ResourceRecord> unexpected = predicted.incomplete() ? List.of() : absent(live.answer(), predicted.answer());

        // An incomplete prediction knows only part of the answer (the CNAME of an ExternalName
        // whose target lies outside): the rest, and so the live status, depends on servers the
        // model cannot see, so only the predicted records are checked.
        if (predicted.incomplete() && missing.isEmpty() && (!predicted.answer().isEmpty() || !isFailure(got))) {
            return ok(predicted, live);
        }
        if (want == got) {
            if (missing.isEmpty() && unexpected.isEmpty()) {
                return ok(predicted, live);
            }
            if (unexpected.isEmpty()) {
                return new Verdict(Verdict.Kind.MISSING, predicted, live, missing, List.of(),
                        "missing " + list(missing));
            }
            if (missing.isEmpty()) {
                return new Verdict(Verdict.Kind.UNEXPECTED, predicted, live, List.of(), unexpected,
                        "unexpected " + list(unexpected));
            }
            return new Verdict(Verdict.Kind.DIFFERENT, predicted, live, missing, unexpected,
                    "answer differs: missing " + list(missing) + "; unexpected " + list(unexpected));
        }
        boolean negative = got == Status.NXDOMAIN || got == Status.NODATA;
        if (want == Status.NOERROR && negative && !missing.isEmpty()) {
            return new Verdict(Verdict.Kind.MISSING, predicted, live, missing, unexpected,
                    "missing " + list(missing) + ": the server answered " + got);
        }
        boolean predictedNegative = want == Status.NXDOMAIN || want == Status.NODATA;
        if (predictedNegative && got == Status.NOERROR && !unexpected.isEmpty()) {
            return new Verdict(Verdict.Kind.UNEXPECTED, predicted, live, missing, unexpected,
                    "unexpected " + list(unexpected) + ": predicted " + want);
        }
        // NXDOMAIN against NODATA, a server failure or refusal, or the other way round.
        return new Verdict(Verdict.Kind.DIFFERENT, predicted, live, missing, unexpected,
                "answer differs: " + got + " instead of " + want);
    }

    private static boolean isFailure(Status status) {
        return status == Status.SERVFAIL || status == Status.REFUSED;
    }

    private static Verdict ok(Answer predicted, Answer live) {
        String summary = predicted.incomplete() ? "as predicted (the predicted part; the rest lies outside the cluster)"
                : "as predicted";
        return new Verdict(Verdict.Kind.OK, predicted, live, List.of(), List.of(), summary);
    }

    private static boolean sameQuestion(Answer a, Answer b) {
        return a.question().type().equals(b.question().type())
                && a.question().name().equalsIgnoreCase(b.question().name());
    }

    /** The records of {@code from} that {@code in} lacks, each once, in {@code from}'s order. */
    private static List<ResourceRecord> absent(List<ResourceRecord> from, List<ResourceRecord> in) {
        Map<Key, ResourceRecord> present = index(in);
        List<ResourceRecord> out = new ArrayList<>();
        for (Map.Entry<Key, ResourceRecord> e : index(from).entrySet()) {
            if (!present.containsKey(e.getKey())) {
                out.add(e.getValue());
            }
        }
        return out;
    }

    private static Map<Key, ResourceRecord> index(List<ResourceRecord> records) {
        Map<Key, ResourceRecord> out = new LinkedHashMap<>();
        for (ResourceRecord r : records) {
            out.putIfAbsent(Key.of(r), r);
        }
        return out;
    }

    /** {@code 10.46.0.1 (A), 10.46.0.2 (A) and 3 more}. */
    private static String list(List<ResourceRecord> records) {
        StringBuilder sb = new StringBuilder();
        int shown = Math.min(records.size(), RECORDS_IN_SUMMARY);
        for (int i = 0; i < shown; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            ResourceRecord r = records.get(i);
            sb.append(r.data().text()).append(" (").append(r.type().mnemonic()).append(')');
        }
        if (records.size() > shown) {
            sb.append(" and ").append(records.size() - shown).append(" more");
        }
        return sb.toString();
    }

    /** What makes two records the same for the comparison. */
    private record Key(String owner, RrType type, Object data) {
        static Key of(ResourceRecord r) {
            return new Key(r.ownerKey(), r.type(), comparable(r.data()));
        }

        private static Object comparable(Rdata data) {
            // Addresses by value, so "::ffff:a.b.c.d" and other spellings of one address agree.
            if (data instanceof Rdata.A a) {
                return IpAddress.parse(a.address()).<Object>map(ip -> ip).orElse(a.address());
            }
            if (data instanceof Rdata.Aaaa a) {
                return IpAddress.parse(a.address()).<Object>map(ip -> ip).orElse(a.address().toLowerCase(Locale.ROOT));
            }
            return data.normalized();
        }
    }
}
