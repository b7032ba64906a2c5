package dev.kdi.records.lint;

import static dev.kdi.records.TestCluster.svc;
import static dev.kdi.records.lint.LintFixtures.lint;
import static dev.kdi.records.lint.LintFixtures.only;
import static dev.kdi.records.lint.LintFixtures.withCode;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kdi.records.DnsModel;
import dev.kdi.records.TestCluster;
import org.junit.jupiter.api.Test;

/** The Corefile lint codes about which plugin or block gets a name: each fires on the mistake, quiet on the fix. */
class CorefileZoneLintTest {
    private static final String KUBERNETES = " kubernetes cluster.local in-addr.arpa ip6.arpa {\n"
            + "  fallthrough in-addr.arpa ip6.arpa\n }\n";

    private static DnsModel model(String corefile) {
        TestCluster c = LintFixtures.seedHeadless().namespace("kube-system")
                .add(svc("kube-system", "kube-dns").clusterIp("10.96.0.10").port("dns", 53).build());
        return c.model(corefile);
    }

    @Test
    void templateDenyingAaaaForClusterNamesFiresAndNodataStaysQuiet() {
        // coredns#3559: "disable IPv6" written as NXDOMAIN makes getaddrinfo fail for names with an A record.
        Finding f = only(lint(model(".:53 {\n template IN AAAA cluster.local {\n  rcode NXDOMAIN\n }\n" + KUBERNETES
                + " forward . 10.0.0.53\n}\n")), Rule.COREFILE_TEMPLATE_NXDOMAIN);
        assertThat(f.message()).contains("template (test Corefile line 2) answers AAAA for kubernetes.default.svc.cluster.local. with "
                + "NXDOMAIN, yet the name has an A answer").contains("coredns#3559");
        assertThat(f.fix()).contains("rcode NOERROR");
        assertThat(withCode(lint(model(".:53 {\n template IN AAAA cluster.local {\n  rcode NOERROR\n }\n" + KUBERNETES
                + "}\n")), Rule.COREFILE_TEMPLATE_NXDOMAIN)).isEmpty();
        // NXDOMAIN for names nothing else answers is what the template is for.
        assertThat(withCode(lint(model("blocked.example:53 {\n template IN AAAA {\n  rcode NXDOMAIN\n }\n}\n"
                + ".:53 {\n" + KUBERNETES + "}\n")), Rule.COREFILE_TEMPLATE_NXDOMAIN)).isEmpty();
    }

    @Test
    void templateDenyingAaaaForHostsNamesOrForwardedNamesFires() {
        Finding hosts = only(lint(model("corp.example:53 {\n template IN AAAA {\n  match ^db\\.corp\\.example\\.$\n"
                + "  rcode NXDOMAIN\n }\n hosts {\n  10.0.0.5 db.corp.example\n }\n}\n.:53 {\n" + KUBERNETES + "}\n")),
                Rule.COREFILE_TEMPLATE_NXDOMAIN);
        assertThat(hosts.message()).contains("db.corp.example.").contains("(hosts, test Corefile line 7)");
        Finding upstream = only(lint(model(".:53 {\n" + KUBERNETES + " template ANY AAAA {\n  match ^www\\.\n"
                + "  rcode NXDOMAIN\n }\n forward . 10.0.0.53\n}\n")), Rule.COREFILE_TEMPLATE_NXDOMAIN);
        assertThat(upstream.message()).contains("www.example.com.").contains("upstream, through forward test Corefile line 9");
        // A pattern that matches none of them stays quiet.
        assertThat(withCode(lint(model("corp.example:53 {\n template IN AAAA {\n  match ^printer\\.\n"
                + "  rcode NXDOMAIN\n }\n hosts {\n  10.0.0.5 db.corp.example\n }\n}\n.:53 {\n" + KUBERNETES + "}\n")),
                Rule.COREFILE_TEMPLATE_NXDOMAIN)).isEmpty();
    }

    @Test
    void reverseZonesWithoutFallthroughBeforeAForwardFireAndWithItStayQuiet() {
        Finding f = only(lint(model(".:53 {\n kubernetes cluster.local in-addr.arpa ip6.arpa\n forward . 10.0.0.53\n}\n")),
                Rule.COREFILE_REVERSE_NO_FALLTHROUGH);
        assertThat(f.message()).contains("kubernetes (test Corefile line 2) serves in-addr.arpa. ip6.arpa. without fallthrough")
                .contains("forward (test Corefile line 3) never sees it");
        assertThat(f.fix()).isEqualTo("Add 'fallthrough in-addr.arpa ip6.arpa' to the kubernetes plugin.");
        assertThat(withCode(lint(model(".:53 {\n" + KUBERNETES + " forward . 10.0.0.53\n}\n")),
                Rule.COREFILE_REVERSE_NO_FALLTHROUGH)).isEmpty();
        // Fallthrough for one reverse zone leaves the other kept.
        assertThat(only(lint(model(".:53 {\n kubernetes cluster.local in-addr.arpa ip6.arpa {\n  fallthrough in-addr.arpa\n"
                + " }\n forward . 10.0.0.53\n}\n")), Rule.COREFILE_REVERSE_NO_FALLTHROUGH).message())
                .contains("serves ip6.arpa. without");
        // Without a forward that takes reverse names, there is nothing to fall through to.
        assertThat(withCode(lint(model(".:53 {\n kubernetes cluster.local in-addr.arpa ip6.arpa\n"
                + " forward example.com 10.0.0.53\n}\n")), Rule.COREFILE_REVERSE_NO_FALLTHROUGH)).isEmpty();
    }

    @Test
    void aStubDomainWithAMoreSpecificBlockFiresAndAloneStaysQuiet() {
        Finding f = only(lint(model("corp.example:53 {\n forward . 10.1.0.53\n}\n"
                + "lab.corp.example:53 {\n hosts {\n  10.1.1.1 printer.lab.corp.example\n  fallthrough\n }\n}\n"
                + ".:53 {\n" + KUBERNETES + " forward . 10.0.0.53\n}\n")), Rule.COREFILE_STUB_SHADOWED);
        assertThat(f.message()).contains("forward (test Corefile line 2) sends corp.example. to 10.1.0.53, but the block "
                + "lab.corp.example:53 serves the more specific lab.corp.example.");
        assertThat(withCode(lint(model("corp.example:53 {\n forward . 10.1.0.53\n}\n"
                + ".:53 {\n" + KUBERNETES + " forward . 10.0.0.53\n}\n")), Rule.COREFILE_STUB_SHADOWED)).isEmpty();
        // A forward FROM zone in the main block is shadowed the same way.
        assertThat(withCode(lint(model(".:53 {\n" + KUBERNETES + " forward corp.example 10.1.0.53\n"
                + " forward . 10.0.0.53\n}\nlab.corp.example:53 {\n hosts {\n  10.1.1.1 printer.lab.corp.example\n }\n}\n")),
                Rule.COREFILE_STUB_SHADOWED)).hasSize(1);
        // On another port the blocks never compete; forwarding to the same servers is deliberate.
        assertThat(withCode(lint(model("corp.example:53 {\n forward . 10.1.0.53\n}\nlab.corp.example:5353 {\n"
                + " whoami\n}\nlab2.corp.example:53 {\n forward . 10.1.0.53\n}\n.:53 {\n" + KUBERNETES + "}\n")),
                Rule.COREFILE_STUB_SHADOWED)).isEmpty();
    }

    @Test
    void aWrittenOrderThatPluginCfgOverridesFiresWhereItChangesAnAnswer() {
        Finding f = only(lint(model(".:53 {\n forward . 10.0.0.53\n" + KUBERNETES + "}\n")),
                Rule.COREFILE_WRITTEN_ORDER);
        assertThat(f.message()).contains("forward (test Corefile line 2) is written before kubernetes (test Corefile line 3), but CoreDNS v")
                .contains("runs kubernetes first").contains("every name under cluster.local. gets kubernetes's answer");
        Finding hosts = only(lint(model(".:53 {\n" + KUBERNETES + " hosts {\n  10.0.0.9 legacy.default.svc.cluster.local\n"
                + "  fallthrough\n }\n}\n")), Rule.COREFILE_WRITTEN_ORDER);
        assertThat(hosts.message()).contains("legacy.default.svc.cluster.local. gets hosts's answer");
        // The kubeadm and k3s orders, and hosts entries outside the cluster zone, change nothing.
        assertThat(withCode(lint(model(".:53 {\n" + KUBERNETES + " hosts {\n  10.0.0.9 node-1\n  fallthrough\n }\n"
                + " forward . 10.0.0.53\n}\n")), Rule.COREFILE_WRITTEN_ORDER)).isEmpty();
        assertThat(withCode(lint(model(".:53 {\n" + KUBERNETES + " forward . 10.0.0.53\n}\n")),
                Rule.COREFILE_WRITTEN_ORDER)).isEmpty();
        // A rewrite written last still runs first, as its author wants: not a finding.
        assertThat(withCode(lint(model(".:53 {\n" + KUBERNETES + " forward . 10.0.0.53\n"
                + " rewrite name db.example.com kubernetes.default.svc.cluster.local\n}\n")), Rule.COREFILE_WRITTEN_ORDER))
                .isEmpty();
    }
}
