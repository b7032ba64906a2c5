package dev.kdi.session;

import dev.kdi.cluster.DnsServers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How a live session loads and asks.
 *
 * @param namespaces namespaces to read one by one when listing across all namespaces is forbidden
 *     (the context's namespace is always added)
 * @param corefile {@code --corefile}: assume this Corefile instead of the cluster's
 * @param clusterDomain {@code --cluster-domain}: override the cluster domain
 * @param queryTimeout how long one DNS question may take
 * @param pageSize objects per list page
 * @param corefileDir {@code --corefile-dir}: the local folder that stands for the Corefile's
 *     directory in the DNS pod ({@code /etc/coredns}) when the pods' mounts are unknown
 * @param corednsVersion {@code --coredns-version}: the release whose plugin order to follow,
 *     instead of the DNS pods' image tag
 * @param dnsService {@code --dns-service NS/NAME}: the cluster DNS Service, instead of the one detected
 */
public record LiveOptions(List<String> namespaces, Optional<Path> corefile, Optional<String> clusterDomain,
                          Duration queryTimeout, int pageSize, Optional<Path> corefileDir,
                          Optional<String> corednsVersion, Optional<DnsServers.ServiceRef> dnsService) {

    public LiveOptions {
        namespaces = List.copyOf(namespaces);
    }

    public LiveOptions(List<String> namespaces, Optional<Path> corefile, Optional<String> clusterDomain,
                       Duration queryTimeout, int pageSize) {
        this(namespaces, corefile, clusterDomain, queryTimeout, pageSize, Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    public LiveOptions withCorefileFiles(Optional<Path> dir, Optional<String> version) {
        return new LiveOptions(namespaces, corefile, clusterDomain, queryTimeout, pageSize, dir, version, dnsService);
    }

    public static LiveOptions defaults() {
        return new LiveOptions(List.of(), Optional.empty(), Optional.empty(), Duration.ofSeconds(2), 500);
    }

    public LiveOptions withNamespaces(List<String> ns) {
        return new LiveOptions(ns, corefile, clusterDomain, queryTimeout, pageSize, corefileDir, corednsVersion,
                dnsService);
    }

    public LiveOptions withCorefile(Optional<Path> file) {
        return new LiveOptions(namespaces, file, clusterDomain, queryTimeout, pageSize, corefileDir, corednsVersion,
                dnsService);
    }

    public LiveOptions withClusterDomain(Optional<String> domain) {
        return new LiveOptions(namespaces, corefile, domain, queryTimeout, pageSize, corefileDir, corednsVersion,
                dnsService);
    }

    /**
     * @param service {@code NAMESPACE/NAME}, or empty to detect the DNS Service
     * @throws IllegalArgumentException with a one-line message when it is not of that form
     */
    public LiveOptions withDnsService(Optional<String> service) {
        return new LiveOptions(namespaces, corefile, clusterDomain, queryTimeout, pageSize, corefileDir, corednsVersion,
                service.map(DnsServers.ServiceRef::parse));
    }
}
