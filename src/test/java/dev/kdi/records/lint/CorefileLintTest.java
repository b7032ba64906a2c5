package dev.kdi.records.lint;

import static dev.kdi.records.TestCluster.pod;
import static dev.kdi.records.TestCluster.svc;
import static dev.kdi.records.lint.LintFixtures.codes;
import static dev.kdi.records.lint.LintFixtures.lint;
import static dev.kdi.records.lint.LintFixtures.only;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kdi.records.DnsModel;
import dev.kdi.records.TestCluster;
import dev.kdi.records.objects.ObjectRef;
import org.junit.jupiter.api.Test;

class CorefileLintTest {

    @Test
    void findings_corefileWithoutKubernetesPlugin_isOneErrorAndNothingAboutEndpoints() {
        DnsModel m = LintFixtures.seedHeadless().model(".:53 {\n forward . /etc/resolv.conf\n}\n");
        Finding f = only(lint(m), Rule.COREFILE_NO_KUBERNETES);
        assertThat(f.objects()).containsExactly(new ObjectRef("ConfigMap", "kube-system", "coredns"));
        assertThat(codes(lint(m))).containsExactly("corefile-no-kubernetes");
    }

    @Test
    void findings_noendpoints_isOneWarningNamingTheHeadlessServices() {
        DnsModel m = DnsModel.build(LintFixtures.seedHeadless().snapshot(), LintFixtures.withOptions("noendpoints"));
        Finding f = only(lint(m), Rule.ENDPOINTS_DISABLED);
        assertThat(f.message()).contains("the headless Service default/sample-headless and all endpoint names are NXDOMAIN");
        assertThat(codes(lint(m))).containsExactly("endpoints-disabled");
    }

    @Test
    void findings_namespaceNotExposed_namesTheServicesThatGetNoNames() {
        TestCluster c = LintFixtures.seedHeadless().namespace("shop")
                .add(svc("shop", "web").clusterIp("10.96.0.50").port("http", 80).selector("app", "web").build())
                .add(pod("shop", "web-0").labels("app", "web").ip("10.1.0.1").build());
        DnsModel m = DnsModel.build(c.snapshot(), LintFixtures.withOptions("namespaces default kube-system"));
        Finding f = only(lint(m), Rule.NAMESPACE_NOT_EXPOSED);
        assertThat(f.objects()).containsExactly(ObjectRef.namespace("shop"), ObjectRef.service("shop", "web"));
        assertThat(f.message()).isEqualTo("The Corefile's kubernetes plugin exposes only default and kube-system, so "
                + "Service web in shop gets no DNS names (web.shop.svc.cluster.local is NXDOMAIN).");
    }

    @Test
    void findings_exposedNamespaces_areSilent() {
        DnsModel m = DnsModel.build(LintFixtures.seedHeadless().snapshot(), LintFixtures.withOptions("namespaces default"));
        assertThat(lint(m)).isEmpty();
    }
}
