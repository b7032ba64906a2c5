package dev.kdi.ui.details;

import dev.kdi.records.Question;
import dev.kdi.records.RrType;
import dev.kdi.records.names.IpAddress;
import dev.kdi.records.objects.ServicePort;
import dev.kdi.ui.inventory.Entry;
import dev.kdi.ui.inventory.Entry.EndpointEntry;
import dev.kdi.ui.inventory.Entry.NamespaceEntry;
import dev.kdi.ui.inventory.Entry.PodEntry;
import dev.kdi.ui.inventory.Entry.PodGroupEntry;
import dev.kdi.ui.inventory.Entry.ServiceEntry;
import dev.kdi.ui.inventory.Inventory;
import dev.kdi.ui.inventory.ServiceKind;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The questions whose answers are an entry's records: the names it should have, of the types
 * clients ask, and the reverse names of its addresses. Names that should not exist but someone
 * would expect (a pod's hostname under a missing Service) are asked too, so their row can say why.
 */
public final class RecordPlan {
    /** Beyond this many questions a namespace or pod list shows the first ones and says so. */
    public static final int MAX_QUESTIONS = 5_000;

    private RecordPlan() {
    }

    /** The questions, and whether the list was cut at {@link #MAX_QUESTIONS}. */
    public record Questions(List<Question> questions, boolean truncated) {
    }

    public static Questions of(Inventory view, Entry entry) {
        Set<Question> out = new LinkedHashSet<>();
        boolean cut = false;
        if (entry instanceof NamespaceEntry ns) {
            for (ServiceEntry s : view.services(ns.name())) {
                service(s, out);
                if (out.size() >= MAX_QUESTIONS) {
                    cut = true;
                    break;
                }
            }
        } else if (entry instanceof ServiceEntry s) {
            service(s, out);
        } else if (entry instanceof EndpointEntry ep) {
            endpoint(ep, true, out);
        } else if (entry instanceof PodGroupEntry g) {
            for (PodEntry p : view.pods(g.namespace())) {
                pod(p, out);
                if (out.size() >= MAX_QUESTIONS) {
                    cut = true;
                    break;
                }
            }
        } else if (entry instanceof PodEntry p) {
            pod(p, out);
        }
        return new Questions(List.copyOf(out), cut);
    }

    private static void service(ServiceEntry s, Set<Question> out) {
        String base = s.fqdn();
        if (s.serviceKind() == ServiceKind.EXTERNAL_NAME) {
            out.add(new Question(base, RrType.CNAME));
            return;
        }
        if (s.serviceKind() == ServiceKind.HEADLESS) {
            boolean v4 = false;
            boolean v6 = false;
            for (EndpointEntry ep : s.endpoints()) {
                Optional<IpAddress> ip = IpAddress.parse(ep.address());
                v4 |= ip.map(IpAddress::isIPv4).orElse(false);
                v6 |= ip.map(a -> !a.isIPv4()).orElse(false);
            }
            if (v4 || !v6) {
                out.add(new Question(base, RrType.A));
            }
            if (v6) {
                out.add(new Question(base, RrType.AAAA));
            }
        } else {
            boolean any = false;
            for (String ip : s.service().clusterIPs()) {
                Optional<IpAddress> parsed = IpAddress.parse(ip);
                if (parsed.isPresent()) {
                    out.add(new Question(base, parsed.get().isIPv4() ? RrType.A : RrType.AAAA));
                    any = true;
                }
            }
            if (!any) {
                out.add(new Question(base, RrType.A));
            }
        }
        if (!s.service().ports().isEmpty()) {
            out.add(new Question(base, RrType.SRV));
        }
        for (ServicePort p : s.service().ports()) {
            if (p.isNamed()) {
                out.add(new Question("_" + p.name().toLowerCase(Locale.ROOT) + "._"
                        + p.protocol().name().toLowerCase(Locale.ROOT) + "." + base, RrType.SRV));
            }
        }
        if (s.serviceKind() != ServiceKind.HEADLESS) {
            for (String ip : s.service().clusterIPs()) {
                IpAddress.parse(ip).ifPresent(a -> out.add(new Question(a.reverseName(), RrType.PTR)));
            }
        }
        for (EndpointEntry ep : s.endpoints()) {
            if (ep.ready()) {
                endpoint(ep, s.serviceKind() == ServiceKind.HEADLESS, out);
            }
        }
    }

    private static void endpoint(EndpointEntry ep, boolean reverse, Set<Question> out) {
        Optional<IpAddress> ip = IpAddress.parse(ep.address());
        if (!ep.fqdn().isEmpty()) {
            out.add(new Question(ep.fqdn(), ip.map(a -> a.isIPv4() ? RrType.A : RrType.AAAA).orElse(RrType.A)));
        }
        if (reverse) {
            ip.ifPresent(a -> out.add(new Question(a.reverseName(), RrType.PTR)));
        }
    }

    private static void pod(PodEntry p, Set<Question> out) {
        Optional<IpAddress> ip = Optional.ofNullable(p.pod().primaryIp()).flatMap(IpAddress::parse);
        RrType type = ip.map(a -> a.isIPv4() ? RrType.A : RrType.AAAA).orElse(RrType.A);
        if (!p.hostnameFqdn().isEmpty()) {
            out.add(new Question(p.hostnameFqdn(), type));
        }
        if (!p.podRecordFqdn().isEmpty()) {
            out.add(new Question(p.podRecordFqdn(), type));
        }
        ip.ifPresent(a -> out.add(new Question(a.reverseName(), RrType.PTR)));
    }
}
