package dev.kdi.records.diff;

import dev.kdi.records.corefile.Corefile;
import dev.kdi.records.corefile.Directive;
import dev.kdi.records.corefile.ServerBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A change to the Corefile, and when CoreDNS would serve it: the running CoreDNS rereads its
 * Corefile only with the {@code reload} plugin in the Corefile it runs now; without it the change
 * waits for the DNS pods to restart.
 *
 * @param before where the old Corefile came from
 * @param after where the new one comes from
 * @param reloads whether the running (old) Corefile has {@code reload}
 */
public record CorefileChange(String before, String after, boolean reloads) {

    /** The change, when the two Corefiles configure anything differently; empty when they do not. */
    public static Optional<CorefileChange> of(Corefile before, Corefile after) {
        if (shape(before).equals(shape(after))) {
            return Optional.empty();
        }
        boolean reloads = before.blocks().stream().anyMatch(b -> b.has("reload"));
        return Optional.of(new CorefileChange(before.origin(), after.origin(), reloads));
    }

    /** One sentence on when the change takes effect. */
    public String text() {
        return reloads
                ? "the Corefile changes; the running Corefile has reload, so CoreDNS applies it by itself once the "
                        + "kubelet has synced the ConfigMap (about a minute, plus reload's interval of 30s by default)"
                : "the Corefile changes; the running Corefile has no reload, so CoreDNS serves the change only after "
                        + "its pods restart (kubectl -n kube-system rollout restart deployment coredns)";
    }

    /** What a Corefile configures: its blocks' addresses and directives, not its lines or file names. */
    private static List<Object> shape(Corefile c) {
        List<Object> out = new ArrayList<>();
        for (ServerBlock b : c.blocks()) {
            out.add(b.addresses());
            out.add(directives(b.directives()));
        }
        return out;
    }

    private static List<Object> directives(List<Directive> ds) {
        List<Object> out = new ArrayList<>();
        for (Directive d : ds) {
            out.add(d.name());
            out.add(d.args());
            out.add(directives(d.block()));
        }
        return out;
    }
}
