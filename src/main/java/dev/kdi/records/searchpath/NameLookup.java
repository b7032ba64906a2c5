package dev.kdi.records.searchpath;

import dev.kdi.records.Question;
import dev.kdi.records.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A program's lookup in a pod, source by source in the order its C library takes them: the
 * {@code /etc/hosts} stage, then (or before it) the DNS search-path walk. The stages stay apart so
 * that what the cluster DNS does with the queries can be modelled without touching the hosts file.
 *
 * <p>Only address lookups ({@code getaddrinfo}) read the hosts file; {@code res_search} asks DNS
 * alone. musl reads the hosts file first, always; glibc follows {@code /etc/nsswitch.conf}.
 *
 * @param hosts the pod's hosts file
 * @param order glibc's nsswitch order (musl ignores it)
 * @param orderAssumed whether the order is the usual image's rather than one the user gave
 * @param dns the DNS stage
 */
public record NameLookup(HostsFile hosts, HostsOrder order, boolean orderAssumed, SearchPath dns) {

    public NameLookup {
        Objects.requireNonNull(hosts, "hosts");
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(dns, "dns");
    }

    /**
     * What the hosts file did in one lookup.
     *
     * @param read whether the resolver read it
     * @param beforeDns whether it is read before DNS is asked
     * @param found the lines for the name, whether or not the resolver read them
     */
    public record HostsStep(boolean read, boolean beforeDns, List<HostsFile.Entry> found) {
        public HostsStep {
            found = List.copyOf(found);
        }

        /** Whether the file answered the lookup. */
        public boolean answered() {
            return read && !found.isEmpty();
        }
    }

    /**
     * One lookup, stage by stage.
     *
     * @param name the name as the program spells it
     * @param hostsStep what the hosts file did
     * @param walk the DNS queries, when DNS was asked
     * @param explanation one sentence per rule that decided the order
     */
    public record Resolution(String name, HostsStep hostsStep, Optional<Walk> walk, List<String> explanation) {
        public Resolution {
            Objects.requireNonNull(hostsStep, "hostsStep");
            Objects.requireNonNull(walk, "walk");
            explanation = List.copyOf(explanation);
        }

        /** Whether the hosts file answered, before or after DNS. */
        public boolean answeredByHosts() {
            return hostsStep.answered();
        }
    }

    /** The order this resolver follows, in words, saying whether it was assumed. */
    public String orderSentence() {
        if (dns.resolver() == Resolver.MUSL) {
            return "musl reads /etc/hosts before asking DNS, always (it has no nsswitch.conf).";
        }
        return "glibc follows nsswitch.conf: " + order.description() + (orderAssumed
                ? " (assumed: what Debian, Ubuntu, RHEL/UBI and distroless images ship; --nsswitch to change)."
                : " (as given).");
    }

    /**
     * Resolves {@code name}: the hosts file and the DNS walk in the resolver's order.
     *
     * @param oracle what each DNS query returns
     */
    public Resolution resolve(String name, Lookup lookup, Function<Question, Status> oracle) {
        List<String> why = new ArrayList<>();
        if (!(lookup instanceof Lookup.Addresses addresses)) {
            why.add(lookup.description() + " asks DNS only: /etc/hosts is not read.");
            return new Resolution(name, new HostsStep(false, false, List.of()), Optional.of(dns.walk(name, lookup, oracle)),
                    why);
        }
        List<HostsFile.Entry> matches = hosts.match(name, addresses, dns.resolver());
        HostsOrder effective = dns.resolver() == Resolver.MUSL ? HostsOrder.FILES_DNS : order;
        why.add(orderSentence());
        if (hosts.nodeFile()) {
            why.add("hostNetwork: the pod's /etc/hosts is the node's own file plus its hostAliases; the node's"
                    + " lines are not known here.");
        }
        switch (effective) {
            case FILES_DNS -> {
                if (!matches.isEmpty()) {
                    why.add(name + " is in /etc/hosts (" + matches.get(0).origin().description()
                            + "): the resolver answers from it and sends no DNS query.");
                    return new Resolution(name, new HostsStep(true, true, matches), Optional.empty(), why);
                }
                return new Resolution(name, new HostsStep(true, true, matches), Optional.of(dns.walk(name, lookup, oracle)),
                        why);
            }
            case DNS_FILES -> {
                Walk walk = dns.walk(name, lookup, oracle);
                boolean dnsDecided = walk.result() == Walk.Result.ANSWERED || walk.result() == Walk.Result.UPSTREAM
                        || walk.result() == Walk.Result.NODE_RESOLVER;
                if (dnsDecided) {
                    if (!matches.isEmpty()) {
                        why.add(name + " is in /etc/hosts too, but DNS is asked first"
                                + (walk.result() == Walk.Result.ANSWERED ? " and answered."
                                : ": the file is read only if DNS finds nothing."));
                    }
                    return new Resolution(name, new HostsStep(false, false, matches), Optional.of(walk), why);
                }
                if (!matches.isEmpty()) {
                    why.add("DNS found nothing, so the resolver reads /etc/hosts next: " + name + " is there ("
                            + matches.get(0).origin().description() + ").");
                }
                return new Resolution(name, new HostsStep(true, false, matches), Optional.of(walk), why);
            }
            case NO_NSSWITCH -> {
                Walk walk = dns.walk(name, lookup, oracle);
                if (!matches.isEmpty()) {
                    why.add(name + " is in /etc/hosts (" + matches.get(0).origin().description() + "), but without"
                            + " /etc/nsswitch.conf glibc reads the file only when no DNS server can be used: the DNS"
                            + " answer stands. Add /etc/nsswitch.conf with \"hosts: files dns\" to the image.");
                }
                return new Resolution(name, new HostsStep(false, false, matches), Optional.of(walk), why);
            }
            default -> throw new IllegalStateException(effective.name());
        }
    }
}
