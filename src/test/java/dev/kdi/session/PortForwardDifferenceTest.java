package dev.kdi.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kdi.cluster.DnsServers;
import dev.kdi.cluster.LoadReport;
import dev.kdi.records.DnsModel;
import dev.kdi.records.Question;
import dev.kdi.records.RrType;
import dev.kdi.records.corefile.CorefileParser;
import dev.kdi.records.lint.Lint;
import dev.kdi.records.objects.ClusterSnapshot;
import dev.kdi.records.objects.Pod;
import dev.kdi.manifests.Interner;
import dev.kdi.manifests.ManifestReader;
import dev.kdi.manifests.ObjectConverter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * What {@code lookup --from-pod} and the window's as-pod lookup say when the pod's own query and
 * the same query through kdi's port-forward (from 127.0.0.1) get different answers.
 */
class PortForwardDifferenceTest {
    private static Inspection inspection(String corefile) throws Exception {
        Path yaml = Path.of(Objects.requireNonNull(PortForwardDifferenceTest.class.getResource("/examples/clusterip.yaml")).toURI());
        ClusterSnapshot snapshot = new ManifestReader(() -> {
            throw new AssertionError("no stdin");
        }, new ObjectConverter(new Interner())).read(List.of(yaml.toString())).snapshot();
        DnsModel model = DnsModel.build(snapshot, CorefileParser.parse(corefile, "test Corefile"));
        return new Inspection(1, snapshot, model, Lint.findings(model), ClusterDns.of(DnsServers.locate(snapshot)),
                LoadSummary.of(new LoadReport(List.of(), List.of(), false, List.of(), Instant.EPOCH)), "test Corefile",
                "the Corefile", Instant.EPOCH, List.of());
    }

    private static final String AUTOPATH = ".:53 {\n autopath @kubernetes\n kubernetes cluster.local {\n  pods verified\n }\n}\n";

    @Test
    void autopathAnswersThePodsFirstTryThatThePortForwardGetsNxdomainFor() throws Exception {
        Inspection at = inspection(AUTOPATH);
        Pod pod = at.pod("shop", "web-a").orElseThrow();
        Question q = new Question("web.shop.shop.svc.cluster.local", RrType.A);
        assertThat(at.portForwardDifference(pod, q)).hasValueSatisfying(l -> assertThat(l)
                .contains("the pod's own query gets NOERROR (a CNAME to web.shop.svc.cluster.local.)")
                .contains("CoreDNS sees 127.0.0.1 and answers NXDOMAIN")
                .contains("autopath applies the pod's search list only to queries from its own address"));
        assertThat(at.portForwardDifference(pod, new Question("web.shop.svc.cluster.local", RrType.A))).isEmpty();
        assertThat(at.autopathUnseen(q)).hasValueSatisfying(l -> assertThat(l).contains("sees 127.0.0.1")
                .contains("--from-pod"));
        assertThat(inspection(AUTOPATH.replace(" autopath @kubernetes\n", "")).autopathUnseen(q)).isEmpty();
    }

    @Test
    void anAclThatTakesThePodsNetworkButNotLoopbackIsNamed() throws Exception {
        Inspection at = inspection(".:53 {\n acl {\n  block net 10.244.0.0/16\n }\n kubernetes cluster.local\n}\n");
        Pod pod = at.pod("shop", "web-a").orElseThrow();
        assertThat(at.portForwardDifference(pod, new Question("web.shop.svc.cluster.local", RrType.A)))
                .hasValueSatisfying(l -> assertThat(l).contains("the pod's own query gets REFUSED")
                        .contains("answers NOERROR").contains("acl judges the pod's address 10.244.1.5 otherwise than 127.0.0.1"));
    }
}
