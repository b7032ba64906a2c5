package dev.kdi.records.lint;

import static dev.kdi.records.TestCluster.pod;
import static dev.kdi.records.TestCluster.svc;
import static dev.kdi.records.lint.LintFixtures.codes;
import static dev.kdi.records.lint.LintFixtures.lint;
import static dev.kdi.records.lint.LintFixtures.only;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kdi.records.DnsModel;
import dev.kdi.records.TestCluster;
import dev.kdi.records.objects.Kinds;
import dev.kdi.records.objects.ObjectRef;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubdomainLintTest {

    static TestCluster podWithSubdomain() {
        return new TestCluster().namespace("shop")
                .add(pod("shop", "box").labels("app", "box").ip("10.1.0.9").hostname("box", "boxes").build());
    }

    @Test
    void findings_subdomainServiceMissing_namesTheNameThatDoesNotResolve() {
        Finding f = only(lint(podWithSubdomain().plainFallingThrough()), Rule.SUBDOMAIN_SERVICE_MISSING);
        assertThat(f.severity()).isEqualTo(Severity.ERROR);
        assertThat(f.objects()).containsExactly(ObjectRef.pod("shop", "box"));
        assertThat(f.message()).isEqualTo("Pod shop/box has hostname box and subdomain boxes, but no Service boxes "
                + "exists in shop: box.boxes.shop.svc.cluster.local does not resolve.");
        assertThat(f.fix()).isEqualTo("Create a headless Service named boxes in shop that selects app=box.");
    }

    @Test
    void findings_subdomainServiceNotSelecting_comparesSelectorAndLabels() {
        TestCluster c = podWithSubdomain().add(svc("shop", "boxes").headless().selector("app", "crate").build());
        List<Finding> findings = lint(c.plainFallingThrough());
        Finding f = only(findings, Rule.SUBDOMAIN_SERVICE_NOT_SELECTING);
        assertThat(f.objects()).containsExactly(ObjectRef.pod("shop", "box"), ObjectRef.service("shop", "boxes"));
        assertThat(f.message()).isEqualTo("Pod shop/box has hostname box and subdomain boxes, but Service boxes selects "
                + "app=crate while the pod has app=box: box.boxes.shop.svc.cluster.local does not resolve.");
        assertThat(f.fix()).isEqualTo("Change Service boxes's selector to app=box, or add app=crate to the pod's labels.");
        // The Service selecting nothing is the same story: not told twice.
        assertThat(codes(findings)).containsExactly("subdomain-service-not-selecting");
    }

    @Test
    void findings_matchingHeadlessService_isSilent() {
        TestCluster c = podWithSubdomain().add(svc("shop", "boxes").headless().selector("app", "box").build());
        assertThat(lint(c.plainFallingThrough())).isEmpty();
    }

    @Test
    void findings_podsOfOneDeployment_areReportedOnceUnderTheDeployment() {
        TestCluster c = new TestCluster().namespace("shop")
                .add(TestCluster.workload(Kinds.DEPLOYMENT, "shop", "web").labels("app", "web")
                        .hostname("web", "websvc").replicas(2).build());
        for (String p : List.of("web-5d9f-abcde", "web-5d9f-fghij")) {
            c.add(pod("shop", p).labels("app", "web", "pod-template-hash", "5d9f").ip("10.1.1." + p.length())
                    .hostname("web", "websvc").owner(Kinds.REPLICA_SET, "web-5d9f").build());
        }
        Finding f = only(lint(c.plainFallingThrough()), Rule.SUBDOMAIN_SERVICE_MISSING);
        assertThat(f.objects()).containsExactly(new ObjectRef(Kinds.DEPLOYMENT, "shop", "web"),
                ObjectRef.pod("shop", "web-5d9f-abcde"), ObjectRef.pod("shop", "web-5d9f-fghij"));
        assertThat(f.message()).startsWith("Pods web-5d9f-abcde and web-5d9f-fghij of Deployment shop/web have hostname "
                + "web and subdomain websvc");
        assertThat(f.fix()).contains("selects app=web");
    }

    @Test
    void findings_subdomainWithoutHostname_warnsThatTheOwnFqdnHasNoRecord() {
        TestCluster c = new TestCluster().namespace("shop")
                .add(pod("shop", "box").labels("app", "box").ip("10.1.0.9").hostname(null, "boxes").build())
                .add(svc("shop", "boxes").headless().selector("app", "box").build());
        Finding f = only(lint(c.plainFallingThrough()), Rule.SUBDOMAIN_WITHOUT_HOSTNAME);
        assertThat(f.severity()).isEqualTo(Severity.WARNING);
        assertThat(f.message()).contains("box.boxes.shop.svc.cluster.local (what hostname -f prints) does not resolve");
        assertThat(f.fix()).startsWith("Set spec.hostname: box alongside subdomain: boxes");
    }

    @Test
    void findings_subdomainWithoutHostname_isSilentWithEndpointPodNames() {
        TestCluster c = new TestCluster().namespace("shop")
                .add(pod("shop", "box").labels("app", "box").ip("10.1.0.9").hostname(null, "boxes").build())
                .add(svc("shop", "boxes").headless().selector("app", "box").build());
        DnsModel m = DnsModel.build(c.snapshot(), LintFixtures.withOptions("endpoint_pod_names"));
        assertThat(lint(m)).isEmpty();
    }
}
