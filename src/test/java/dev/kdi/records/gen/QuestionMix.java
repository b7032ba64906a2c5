package dev.kdi.records.gen;

import dev.kdi.records.Question;
import dev.kdi.records.RrType;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Questions to ask a model: a realistic mix, as the pods of a cluster send them, and a fuzzing
 * mix of names and types no client should send but a server must survive.
 */
public final class QuestionMix {
    private static final String[] OUTSIDE = {"api.github.com", "www.google.com", "s3.amazonaws.com",
            "registry-1.docker.io", "login.microsoftonline.com"};
    private static final RrType[] FUZZ_TYPES = {RrType.A, RrType.AAAA, RrType.SRV, RrType.PTR, RrType.TXT, RrType.CNAME,
            RrType.NS, RrType.SOA, RrType.MX, RrType.ANY, RrType.HTTPS, RrType.AXFR, RrType.IXFR, new RrType(64),
            new RrType(0), new RrType(65535)};
    private static final String[] FUZZ_LABELS = {"", "*", "_tcp", "_http", "svc", "pod", "dns-version", "ns", "dns",
            "apex", "in-addr", "arpa", "ip6", "-", "--", "a-b", "10-0-0-1", "fd00--1", "ÿ", "a b", "A", "x\\.y",
            "0", "255", "256", "ff", "g", "cluster", "local", "default", "kube-system", "kube-dns"};

    private QuestionMix() {
    }

    /**
     * A realistic mix: cluster IP Service names (A, some AAAA), headless Service names, endpoint
     * names, {@code _port._proto} SRV, PTR of known addresses, pod names, and the misses that
     * {@code ndots:5} search lists make of outside names.
     */
    public static List<Question> realistic(ClusterNames names, long seed, int count) {
        Random random = new Random(seed);
        List<String> reverse = names.reverseNames();
        List<String> namespaces = new ArrayList<>();
        for (String s : names.clusterIpServices()) {
            String rest = s.substring(s.indexOf('.') + 1);
            namespaces.add(rest.substring(0, rest.indexOf('.')));
        }
        List<Question> out = new ArrayList<>(count);
        while (out.size() < count) {
            int f = random.nextInt(100);
            if (f < 25) {
                out.add(new Question(pick(random, names.clusterIpServices()), RrType.A));
            } else if (f < 30) {
                out.add(new Question(pick(random, names.clusterIpServices()), RrType.AAAA));
            } else if (f < 40) {
                out.add(new Question(pick(random, names.headlessServices()), RrType.A));
            } else if (f < 55) {
                out.add(new Question(pick(random, names.endpointNames()), RrType.A));
            } else if (f < 65) {
                out.add(new Question(pick(random, names.portNames()), RrType.SRV));
            } else if (f < 75) {
                out.add(new Question(pick(random, reverse), RrType.PTR));
            } else if (f < 80) {
                out.add(new Question(pick(random, names.podNames()), RrType.A));
            } else if (f < 83) {
                out.add(new Question(pick(random, names.externalNames()), RrType.A));
            } else {
                // An outside name walked through the search list: three misses, then upstream.
                String outside = OUTSIDE[random.nextInt(OUTSIDE.length)];
                String ns = pick(random, namespaces);
                RrType type = random.nextBoolean() ? RrType.A : RrType.AAAA;
                out.add(new Question(outside + "." + ns + ".svc." + names.zone(), type));
                out.add(new Question(outside + ".svc." + names.zone(), type));
                out.add(new Question(outside + "." + names.zone(), type));
                out.add(new Question(outside + ".", type));
            }
        }
        return List.copyOf(out.subList(0, count));
    }

    /**
     * Names no client should send: known names in random case or with labels added, dropped or
     * garbled; random labels inside and outside the zones; malformed reverse names; every type.
     */
    public static List<Question> fuzz(ClusterNames names, Random random, int count) {
        List<String> known = new ArrayList<>();
        known.addAll(names.clusterIpServices());
        known.addAll(names.headlessServices());
        known.addAll(names.externalNames());
        known.addAll(names.portNames());
        known.addAll(names.endpointNames());
        known.addAll(names.podNames());
        known.addAll(names.reverseNames());
        known.add(names.zone());
        known.add("svc." + names.zone());
        known.add("pod." + names.zone());
        known.add("dns-version." + names.zone());
        known.add("ns.dns." + names.zone());
        known.add("in-addr.arpa.");
        known.add("ip6.arpa.");
        known.add("example.com.");
        List<Question> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String base = known.get(random.nextInt(known.size()));
            String name = switch (random.nextInt(8)) {
                case 0 -> base;
                case 1 -> randomCase(random, base);
                case 2 -> pick(random, FUZZ_LABELS) + "." + base;
                case 3 -> base.substring(base.indexOf('.') + 1);
                case 4 -> garbleReverse(random, base);
                case 5 -> randomLabels(random) + names.zone();
                case 6 -> emptyLabels(random, base);
                default -> randomLabels(random) + pick(random, List.of("in-addr.arpa.", "ip6.arpa.", ".", "com.", ""));
            };
            out.add(new Question(name, FUZZ_TYPES[random.nextInt(FUZZ_TYPES.length)]));
        }
        return out;
    }

    /** Names with empty labels, which no DNS message can carry but a user can type. */
    private static String emptyLabels(Random random, String base) {
        int dot = base.indexOf('.');
        return switch (random.nextInt(4)) {
            case 0 -> "." + base;
            case 1 -> ".." + base;
            case 2 -> dot < 0 ? base + ".." : base.substring(0, dot) + "." + base.substring(dot);
            default -> "..." + base.substring(dot + 1);
        };
    }

    private static String garbleReverse(Random random, String base) {
        return switch (random.nextInt(5)) {
            case 0 -> "1.2.3.in-addr.arpa.";
            case 1 -> random.nextInt(400) + ".1.0.10.in-addr.arpa.";
            case 2 -> "01.0.0.10.in-addr.arpa.";
            case 3 -> "x.y.ip6.arpa.";
            default -> {
                StringBuilder sb = new StringBuilder();
                int nibbles = 30 + random.nextInt(5);
                for (int i = 0; i < nibbles; i++) {
                    sb.append("0123456789abcdefABCDEFg".charAt(random.nextInt(23))).append('.');
                }
                yield sb + "ip6.arpa.";
            }
        };
    }

    private static String randomLabels(Random random) {
        StringBuilder sb = new StringBuilder();
        int n = random.nextInt(6);
        for (int i = 0; i < n; i++) {
            sb.append(random.nextInt(4) == 0 ? randomLabel(random) : pick(random, FUZZ_LABELS)).append('.');
        }
        return sb.toString();
    }

    private static String randomLabel(Random random) {
        int len = random.nextInt(5) == 0 ? 60 + random.nextInt(10) : 1 + random.nextInt(12);
        StringBuilder sb = new StringBuilder(len);
        for (int i = 0; i < len; i++) {
            sb.append("abcdefghijklmnopqrstuvwxyzABCXYZ0123456789-_".charAt(random.nextInt(44)));
        }
        return sb.toString();
    }

    private static String randomCase(Random random, String name) {
        StringBuilder sb = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            sb.append(random.nextBoolean() ? Character.toUpperCase(c) : c);
        }
        return sb.toString();
    }

    private static String pick(Random random, String... options) {
        return options[random.nextInt(options.length)];
    }

    private static String pick(Random random, List<String> options) {
        if (options.isEmpty()) {
            return "empty." + "list.invalid.";
        }
        return options.get(random.nextInt(options.size()));
    }
}
