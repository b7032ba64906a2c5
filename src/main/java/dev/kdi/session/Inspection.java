package dev.kdi.session;

import dev.kdi.records.Answer;
import dev.kdi.records.DnsModel;
import dev.kdi.records.Question;
import dev.kdi.records.lint.Finding;
import dev.kdi.records.objects.ClusterSnapshot;
import dev.kdi.records.objects.Pod;
import dev.kdi.records.searchpath.HostsFile;
import dev.kdi.records.searchpath.KubeletDns;
import dev.kdi.records.searchpath.ResolvConf;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Everything known about the cluster at one moment: immutable, replaced whole when the cluster
 * changes.
 *
 * @param generation increases with every new inspection of the same session
 * @param snapshot the objects
 * @param model what the cluster DNS should answer
 * @param findings the lint's findings, most severe first
 * @param dns the cluster DNS as found (its Service, replicas, kind, notes)
 * @param report how complete and current the view is (access problems, stale watches)
 * @param corefileOrigin where the Corefile in force came from
 * @param clusterDomainSource how the cluster domain was learnt
 * @param at when this inspection was made
 * @param notes anything else the user should know (skipped objects, kube-dns, ...)
 * @param skippedFiles manifest files left out because of a problem, one line each naming the file,
 *     document, object, field and line: the view holds the other files only
 */
public record Inspection(long generation, ClusterSnapshot snapshot, DnsModel model, List<Finding> findings,
                         ClusterDns dns, LoadSummary report, String corefileOrigin, String clusterDomainSource,
                         Instant at, List<String> notes, List<String> skippedFiles) {

    public Inspection {
        findings = List.copyOf(findings);
        notes = List.copyOf(notes);
        skippedFiles = List.copyOf(skippedFiles);
    }

    /** An inspection of a cluster, or of manifests that were all read. */
    public Inspection(long generation, ClusterSnapshot snapshot, DnsModel model, List<Finding> findings,
                      ClusterDns dns, LoadSummary report, String corefileOrigin, String clusterDomainSource,
                      Instant at, List<String> notes) {
        this(generation, snapshot, model, findings, dns, report, corefileOrigin, clusterDomainSource, at, notes,
                List.of());
    }

    /** kubeadm's default Service address of the cluster DNS, shown when the cluster's is unknown. */
    public static final String DEFAULT_DNS_ADDRESS = "10.96.0.10";

    /** The cluster DNS Service's address, when the snapshot holds that Service. */
    public Optional<String> clusterDnsAddress() {
        return dns.address();
    }

    /**
     * The resolv.conf the kubelet writes for a pod of this cluster, with the cluster DNS Service's
     * address ({@link #DEFAULT_DNS_ADDRESS} when it is unknown) and this cluster's domain.
     */
    public ResolvConf resolvConf(Pod pod) {
        return resolvConf(pod, clusterDomain());
    }

    /** The same, for another cluster domain (one the user typed). */
    public ResolvConf resolvConf(Pod pod, String domain) {
        return KubeletDns.of(domain, clusterDnsAddress().orElse(DEFAULT_DNS_ADDRESS)).resolvConf(pod.namespace(), pod.dns());
    }

    /**
     * The model's answer to a query the pod sends itself: CoreDNS sees the pod's address as the
     * source (what {@code acl} judges), not kdi's port-forward's 127.0.0.1. A pod without an
     * address yet is answered as a port-forwarded query.
     */
    public Answer answerFromPod(Pod pod, Question question) {
        return pod.ips().isEmpty() ? model.answer(question) : model.answer(question, pod.ips().get(0));
    }

    /**
     * Why the cluster DNS answers the pod's own query otherwise than the same query through kdi's
     * port-forward, which CoreDNS sees from 127.0.0.1: {@code autopath} applies a pod's search list
     * only to queries from its address, {@code acl} judges the address. Empty when the two agree.
     */
    public Optional<String> portForwardDifference(Pod pod, Question question) {
        if (pod.ips().isEmpty()) {
            return Optional.empty();
        }
        Answer own = answerFromPod(pod, question);
        Answer forwarded = model.answer(question);
        boolean same = own.status() == forwarded.status()
                && new java.util.HashSet<>(own.answer()).equals(new java.util.HashSet<>(forwarded.answer()));
        if (same) {
            return Optional.empty();
        }
        List<String> plugins = new java.util.ArrayList<>();
        for (Answer a : List.of(own, forwarded)) {
            if (a.answeredBy() != null) {
                a.answeredBy().chain().stream().filter(p -> p.equals("autopath") || p.equals("acl"))
                        .filter(p -> !plugins.contains(p)).forEach(plugins::add);
            }
        }
        String ip = pod.ips().get(0);
        List<String> why = new java.util.ArrayList<>();
        if (plugins.contains("autopath")) {
            why.add("autopath applies the pod's search list only to queries from its own address");
        }
        if (plugins.contains("acl")) {
            why.add("acl judges the pod's address " + ip + " otherwise than 127.0.0.1");
        }
        String cname = own.answer().isEmpty() || !(own.answer().get(0).data() instanceof dev.kdi.records.Rdata.Cname c)
                ? "" : " (a CNAME to " + c.target() + ")";
        return Optional.of(question.name() + " " + question.type() + ": the pod's own query gets " + own.status() + cname
                + ", but through kdi's port-forward CoreDNS sees 127.0.0.1 and answers " + forwarded.status()
                + (why.isEmpty() ? "" : ": " + String.join("; ", why)) + ".");
    }

    /**
     * For a query through kdi's port-forward: when {@code autopath @kubernetes} would apply a pod's
     * search list to it, a sentence saying the server cannot, since it sees 127.0.0.1.
     */
    public Optional<String> autopathUnseen(Question question) {
        String name = dev.kdi.records.names.DnsNames.lower(question.name());
        var block = model.corefile().blockFor(name, model.corefile().port()).orElse(null);
        if (block == null || block.autopath().isEmpty() || block.kubernetes().isEmpty()
                || !"kubernetes".equals(block.autopath().get().plugin())
                || dev.kdi.records.corefile.Zones.longest(block.kubernetes().get().zones(), name) == null) {
            return Optional.empty();
        }
        return Optional.of("autopath (" + block.autopath().get().directive().where() + ") applies a pod's search list "
                + "only to the pod's own queries: through kdi's port-forward CoreDNS sees 127.0.0.1, finds no pod and "
                + "answers the name as asked; --from-pod NS/POD shows what a pod gets.");
    }

    /** The {@code /etc/hosts} the kubelet writes for a pod of this cluster. */
    public HostsFile hostsFile(Pod pod) {
        return hostsFile(pod, clusterDomain());
    }

    /** The same, for another cluster domain (one the user typed). */
    public HostsFile hostsFile(Pod pod, String domain) {
        return HostsFile.of(pod, domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain);
    }

    /** A pod by namespace and name. */
    public Optional<Pod> pod(String namespace, String name) {
        return snapshot.pods().stream().filter(p -> p.namespace().equals(namespace) && p.name().equals(name)).findFirst();
    }

    /** The cluster domain in force, without the trailing dot ({@code cluster.local}). */
    public String clusterDomain() {
        String d = model.clusterDomain().orElse("cluster.local.");
        return d.endsWith(".") ? d.substring(0, d.length() - 1) : d;
    }
}
