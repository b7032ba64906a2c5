package dev.kdi.ui.live;

import dev.kdi.records.Question;
import dev.kdi.records.RrType;
import dev.kdi.records.names.IpAddress;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The one-line command that asks the same question from inside the cluster, for a terminal or a
 * ticket: a throw-away pod with dig, asking over TCP as kdi does, removed when it exits.
 */
public final class Reproduction {
    /** The Kubernetes project's own DNS test image, which has dig. */
    public static final String IMAGE = "registry.k8s.io/e2e-test-images/jessie-dnsutils:1.3";
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    private final RandomGenerator random;

    public Reproduction(RandomGenerator random) {
        this.random = random;
    }

    /**
     * {@code kubectl --context prod run dig-x7k2p --rm -i --restart=Never --image=... -- dig +tcp name. A}.
     *
     * @param context the kubeconfig context, when the session has one
     */
    public String command(Optional<String> context, Question question) {
        StringBuilder sb = new StringBuilder("kubectl ");
        context.filter(c -> !c.isBlank()).ifPresent(c -> sb.append("--context ").append(quote(c)).append(' '));
        sb.append("run dig-").append(suffix()).append(" --rm -i --restart=Never --image=").append(IMAGE)
                .append(" -- dig +tcp ");
        Optional<String> reverse = question.type().equals(RrType.PTR)
                ? IpAddress.fromReverseName(question.name()) : Optional.empty();
        if (reverse.isPresent()) {
            sb.append("-x ").append(reverse.get());
        } else {
            sb.append(quote(question.name())).append(' ').append(question.type().mnemonic());
        }
        return sb.toString();
    }

    private String suffix() {
        StringBuilder sb = new StringBuilder(5);
        for (int i = 0; i < 5; i++) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    /** Names and contexts are shell-safe as they are, unless a context is odd. */
    private static String quote(String s) {
        return s.matches("[A-Za-z0-9._:@/+=-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
    }
}
