package dev.kdi.records.searchpath;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kdi.records.Status;
import dev.kdi.records.objects.DnsPolicy;
import dev.kdi.records.objects.HostAlias;
import dev.kdi.records.objects.Pod;
import dev.kdi.records.objects.PodDns;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The kubelet's /etc/hosts, and where glibc and musl read it relative to DNS. */
class HostsFileTest {
    private static final List<HostAlias> ALIASES = List.of(new HostAlias("10.1.2.3", List.of("foo.local", "bar.local")),
            new HostAlias("fd00::3", List.of("foo.local")));

    private static Pod pod(String name, String hostname, String subdomain, boolean hostNetwork) {
        PodDns dns = new PodDns(hostNetwork ? DnsPolicy.CLUSTER_FIRST_WITH_HOST_NET : DnsPolicy.CLUSTER_FIRST,
                hostNetwork, false, null, ALIASES);
        return new Pod("shop", name, Map.of(), List.of("10.244.0.7", "fd00::7"), hostname, subdomain,
                Pod.Phase.RUNNING, true, false, "node-1", null, dns, List.of());
    }

    private static NameLookup names(Pod pod, Resolver resolver, HostsOrder order) {
        ResolvConf conf = KubeletDns.of("cluster.local", "10.96.0.10").resolvConf(pod.namespace(), pod.dns());
        return new NameLookup(HostsFile.of(pod, "cluster.local"), order, false, new SearchPath(conf, resolver));
    }

    @Test
    void of_writesTheKubeletsLines_podAddressesWithFqdnThenHostAliases() {
        assertThat(HostsFile.of(pod("web-0", "web-0", "web", false), "cluster.local").lines()).containsExactly(
                "# Kubernetes-managed hosts file.",
                "127.0.0.1\tlocalhost",
                "::1\tlocalhost\tip6-localhost\tip6-loopback",
                "fe00::0\tip6-localnet",
                "fe00::0\tip6-mcastprefix",
                "fe00::1\tip6-allnodes",
                "fe00::2\tip6-allrouters",
                "10.244.0.7\tweb-0.web.shop.svc.cluster.local\tweb-0",
                "fd00::7\tweb-0.web.shop.svc.cluster.local\tweb-0",
                "",
                "# Entries added by HostAliases.",
                "10.1.2.3\tfoo.local",
                "10.1.2.3\tbar.local",
                "fd00::3\tfoo.local");
    }

    @Test
    void of_namesThePodAfterItself_cutTo63_withoutAHostnameOrSubdomain() {
        String longName = "a".repeat(62) + "-b";
        HostsFile hosts = HostsFile.of(pod(longName, null, null, false), "cluster.local");

        assertThat(hosts.lines()).contains("10.244.0.7\t" + "a".repeat(62));
    }

    @Test
    void of_aHostNetworkPod_hasTheNodesFilePlusHostAliases_andNoHostnameLine() {
        HostsFile hosts = HostsFile.of(pod("agent", null, null, true), "cluster.local");

        assertThat(hosts.nodeFile()).isTrue();
        assertThat(hosts.entries()).allMatch(e -> e.origin() == HostsFile.Origin.HOST_ALIASES);
    }

    @ParameterizedTest(name = "{0} {1} {2}: {3}")
    @CsvSource(textBlock = """
            GLIBC, FILES_DNS, foo.local,                       hosts first
            GLIBC, DNS_FILES, foo.local,                       hosts after DNS
            GLIBC, NO_NSSWITCH, foo.local,                     DNS only
            MUSL,  NO_NSSWITCH, foo.local,                     hosts first
            GLIBC, FILES_DNS, FOO.LOCAL,                       hosts first
            MUSL,  FILES_DNS, FOO.LOCAL,                       DNS only
            GLIBC, FILES_DNS, web-0,                           hosts first
            GLIBC, FILES_DNS, web-0.web.shop.svc.cluster.local, hosts first
            GLIBC, FILES_DNS, web-0.web,                       DNS only
            GLIBC, FILES_DNS, foo.local.,                      DNS only
            """)
    void resolve_readsTheHostsFileWhereTheResolverReadsIt(Resolver resolver, HostsOrder order, String name,
                                                         String expected) {
        NameLookup.Resolution r = names(pod("web-0", "web-0", "web", false), resolver, order)
                .resolve(name, Lookup.addresses(), q -> Status.NXDOMAIN);

        switch (expected) {
            case "hosts first" -> {
                assertThat(r.answeredByHosts()).isTrue();
                assertThat(r.hostsStep().beforeDns()).isTrue();
                assertThat(r.walk()).isEmpty();
            }
            case "hosts after DNS" -> {
                assertThat(r.answeredByHosts()).isTrue();
                assertThat(r.hostsStep().beforeDns()).isFalse();
                assertThat(r.walk()).hasValueSatisfying(w -> assertThat(w.queriesSent()).isEqualTo(8));
            }
            default -> {
                assertThat(r.answeredByHosts()).isFalse();
                assertThat(r.walk()).isPresent();
            }
        }
    }

    @Test
    void resolve_takesTheAddressFamilyAsked_andEveryLineOfIt() {
        NameLookup names = names(pod("web-0", null, null, false), Resolver.GLIBC, HostsOrder.FILES_DNS);

        assertThat(names.resolve("foo.local", Lookup.addresses(), q -> Status.NXDOMAIN).hostsStep().found())
                .extracting(HostsFile.Entry::address).containsExactly("10.1.2.3", "fd00::3");
        assertThat(names.resolve("bar.local", Lookup.ipv6(), q -> Status.NXDOMAIN).answeredByHosts()).isFalse();
    }

    @Test
    void resolve_dnsFirst_keepsADnsAnswer_andNeverReadsTheFile() {
        NameLookup names = names(pod("web-0", null, null, false), Resolver.GLIBC, HostsOrder.DNS_FILES);

        NameLookup.Resolution r = names.resolve("foo.local", Lookup.addresses(), q -> Status.NOERROR);

        assertThat(r.answeredByHosts()).isFalse();
        assertThat(r.walk()).hasValueSatisfying(w -> assertThat(w.result()).isEqualTo(Walk.Result.ANSWERED));
    }

    @Test
    void resolve_resSearchNeverReadsTheHostsFile() {
        NameLookup.Resolution r = names(pod("web-0", null, null, false), Resolver.MUSL, HostsOrder.FILES_DNS)
                .resolve("foo.local", Lookup.records(dev.kdi.records.RrType.SRV), q -> Status.NXDOMAIN);

        assertThat(r.hostsStep().read()).isFalse();
        assertThat(r.explanation()).singleElement().asString().contains("/etc/hosts is not read");
    }

    @Test
    void orderSentence_saysWhatWasAssumed() {
        Pod p = pod("web-0", null, null, false);
        ResolvConf conf = KubeletDns.of("cluster.local", "10.96.0.10").resolvConf("shop", p.dns());

        assertThat(new NameLookup(HostsFile.of(p, "cluster.local"), HostsOrder.FILES_DNS, true,
                new SearchPath(conf, Resolver.GLIBC)).orderSentence()).contains("hosts: files dns (assumed");
        assertThat(names(p, Resolver.GLIBC, HostsOrder.NO_NSSWITCH).orderSentence())
                .contains("dns [!UNAVAIL=return] files (as given)");
    }
}
