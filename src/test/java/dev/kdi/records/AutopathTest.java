package dev.kdi.records;

import static dev.kdi.records.TestCluster.lines;
import static dev.kdi.records.TestCluster.pod;
import static dev.kdi.records.TestCluster.svc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kdi.records.corefile.Corefile;
import dev.kdi.records.corefile.CorefileException;
import dev.kdi.records.corefile.CorefileFiles;
import dev.kdi.records.corefile.CorefileParser;
import dev.kdi.records.corefile.PluginOrder;
import dev.kdi.records.objects.ClusterSnapshot;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code autopath} in the model: CoreDNS's {@code newTestAutoPath} (a file's search list
 * example.org, example.com, com) with {@code hosts} standing in for its handler, and what the
 * kubernetes plugin's search list adds: the DNS pods' own search domains, a pod's address.
 */
class AutopathTest {
    /** The upstream handler: b.com and a.example.com answer, every other name fails without a reply. */
    private static final String UPSTREAM = """
            .:53 {
                autopath example.org /etc/coredns/search.conf
                hosts {
                    127.0.0.53 b.com a.example.com
                    fallthrough
                }
            }
            """;

    private static CorefileFiles search(String text) {
        return pattern -> pattern.equals("/etc/coredns/search.conf")
                ? CorefileFiles.Match.of(List.of(new CorefileFiles.File(pattern, text, "ConfigMap kube-system/coredns key "
                + "search.conf")))
                : CorefileFiles.Match.unresolved(pattern + " is on no ConfigMap volume");
    }

    private static DnsModel upstream() throws CorefileException {
        Corefile c = CorefileParser.parse(UPSTREAM, "test Corefile", search("# the test's list\nsearch example.org example.com com\n"));
        return DnsModel.build(ClusterSnapshot.empty(), c);
    }

    @Test
    void aFileSearchListAppliesToEveryClientEvenThroughThePortForward() throws Exception {
        Answer a = upstream().answer(new Question("b.example.org", RrType.A));
        assertThat(a.status()).isEqualTo(Status.NOERROR);
        assertThat(lines(a.answer())).containsExactlyInAnyOrder("b.example.org. 3600 IN CNAME b.com.",
                "b.com. 3600 IN A 127.0.0.53");
        assertThat(a.answer().get(0).data()).as("the CNAME sits before the records").isEqualTo(new Rdata.Cname("b.com."));
        assertThat(a.answeredBy().chain()).containsExactly("autopath", "hosts");
        assertThat(a.explanation()).anyMatch(l -> l.contains("try 2: b.example.com. A → SERVFAIL, so the next"));
    }

    @Test
    void aNameOutsideItsZonesOrItsFirstDomainIsAnsweredAsAsked() throws Exception {
        Answer a = upstream().answer(new Question("a.example.com", RrType.A));
        assertThat(lines(a.answer())).containsExactly("a.example.com. 3600 IN A 127.0.0.53");
        assertThat(a.answeredBy().chain()).containsExactly("hosts");
    }

    @Test
    void whenNoTryWritesAReplyNothingIsWrittenAndCoreDnsSaysServfail() throws Exception {
        // Upstream TestAutoPathNoAnswer: every try returns SERVFAIL unwritten; so does autopath.
        Answer a = upstream().answer(new Question("c.example.org", RrType.A));
        assertThat(a.status()).isEqualTo(Status.SERVFAIL);
        assertThat(a.answer()).isEmpty();
    }

    @Test
    void theFilesLastSearchOrDomainLineWinsAndAMissingFileStopsCoreDns() throws Exception {
        Corefile c = CorefileParser.parse(UPSTREAM, "test Corefile", search("search nothing.test\ndomain example.org\n"));
        Answer a = DnsModel.build(ClusterSnapshot.empty(), c).answer(new Question("a.example.org", RrType.A));
        // One search domain, then the bare name: a.example.org fails, a. fails: SERVFAIL, nothing from b.com.
        assertThat(a.status()).isEqualTo(Status.SERVFAIL);
        assertThat(c.blocks().get(0).autopath().orElseThrow().fileSearch()).containsExactly("example.org.");
        assertThatThrownBy(() -> CorefileParser.parse(UPSTREAM, "test Corefile", p -> CorefileFiles.Match.of(List.of())))
                .isInstanceOf(CorefileException.class).hasMessageContaining("plugin/autopath: failed to parse");
        assertThatThrownBy(() -> CorefileParser.parse(".:53 {\n autopath\n}\n", "test Corefile"))
                .hasMessageContaining("no resolv-conf specified");
        assertThatThrownBy(() -> CorefileParser.parse(".:53 {\n autopath @hosts\n hosts\n}\n", "test Corefile"))
                .hasMessageContaining("hosts does not implement the AutoPather interface");
    }

    @Test
    void anUnreadableFileLeavesThePredictionIncomplete() throws Exception {
        Corefile c = CorefileParser.parse(UPSTREAM.replace("/etc/coredns/search.conf", "/etc/resolv.conf"), "test Corefile",
                search(""));
        Answer a = DnsModel.build(ClusterSnapshot.empty(), c).answer(new Question("b.example.org", RrType.A));
        assertThat(a.incomplete()).isTrue();
        assertThat(a.explanation()).anyMatch(l -> l.contains("/etc/resolv.conf is on no ConfigMap volume"));
    }

    private static final String KUBERNETES = """
            .:53 {
                autopath @kubernetes
                kubernetes cluster.local {
                    pods verified
                }
                hosts {
                    192.0.2.80 db.corp.example
                    fallthrough
                }
            }
            """;

    private static ClusterSnapshot cluster() {
        return new TestCluster().add(svc("shop", "web").clusterIp("10.96.0.50").build())
                .add(pod("shop", "client").ip("10.244.1.5").build()).add(pod("shop", "twin").ip("10.244.1.5").build())
                .snapshot();
    }

    @Test
    void theDnsPodsOwnSearchDomainsComeAfterTheClusterOnesAndBeforeTheBareName() throws Exception {
        DnsModel known = DnsModel.build(cluster(), CorefileParser.parse(KUBERNETES, "test Corefile"), 0,
                List.of("corp.example", "internal"));
        Answer a = known.answer(new Question("db.shop.svc.cluster.local", RrType.A), "10.244.1.5");
        assertThat(lines(a.answer())).containsExactlyInAnyOrder("db.shop.svc.cluster.local. 3600 IN CNAME db.corp.example.",
                "db.corp.example. 3600 IN A 192.0.2.80");
        assertThat(a.incomplete()).isFalse();
        assertThat(a.explanation()).anyMatch(l -> l.contains("2 pods have the address 10.244.1.5"))
                .anyMatch(l -> l.contains("from pod shop/client"));

        DnsModel unknown = DnsModel.build(cluster(), CorefileParser.parse(KUBERNETES, "test Corefile"));
        Answer b = unknown.answer(new Question("db.corp.example.shop.svc.cluster.local", RrType.A), "10.244.1.5");
        assertThat(lines(b.answer())).containsExactlyInAnyOrder("db.corp.example.shop.svc.cluster.local. 3600 IN CNAME db.corp.example.",
                "db.corp.example. 3600 IN A 192.0.2.80");
        assertThat(b.incomplete()).as("the DNS pods' own search domains could have answered first").isTrue();
    }

    @Test
    void aDroppedTryMakesAutopathPanicIntoServfailWhereItRunsBeforeAcl() throws Exception {
        String text = """
                .:53 {
                    autopath @kubernetes
                    acl {
                        drop net 10.244.0.0/16
                    }
                    kubernetes cluster.local {
                        pods verified
                    }
                }
                """;
        Corefile c = CorefileParser.parse(text, "test Corefile").withOrder(PluginOrder.forVersion("1.14.7"));
        Answer a = DnsModel.build(cluster(), c).answer(new Question("web.shop.svc.cluster.local", RrType.A), "10.244.1.5");
        assertThat(a.status()).isEqualTo(Status.SERVFAIL);
        assertThat(a.explanation()).anyMatch(l -> l.contains("recovers from the panic"));
        Corefile older = CorefileParser.parse(text, "test Corefile").withOrder(PluginOrder.forVersion("1.14.6"));
        assertThat(DnsModel.build(cluster(), older).answer(new Question("web.shop.svc.cluster.local", RrType.A), "10.244.1.5")
                .status()).as("acl runs first and drops the query").isEqualTo(Status.DROPPED);
    }
}
