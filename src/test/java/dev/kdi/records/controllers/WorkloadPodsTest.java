package dev.kdi.records.controllers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kdi.records.TestCluster;
import dev.kdi.records.objects.DnsPolicy;
import dev.kdi.records.objects.Kinds;
import dev.kdi.records.objects.LabelSelector;
import dev.kdi.records.objects.Owner;
import dev.kdi.records.objects.Pod;
import dev.kdi.records.objects.PodDns;
import dev.kdi.records.objects.PodDnsConfig;
import dev.kdi.records.objects.PodTemplate;
import dev.kdi.records.objects.Workload;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The pods a workload's controller creates from its template")
class WorkloadPodsTest {
    private static final Map<String, String> APP = Map.of("app", "zk");

    private static Workload sts(int replicas, int ordinalsStart, String templateHostname, String templateSubdomain) {
        return new Workload(Kinds.STATEFUL_SET, "default", "zk", LabelSelector.of(APP),
                new PodTemplate(APP, templateHostname, templateSubdomain, PodDns.DEFAULTS, List.of()), "zk-hs",
                replicas, ordinalsStart, false, -1);
    }

    @Test
    void statefulSetPodsAreNamedByOrdinalFromOrdinalsStart() {
        List<Pod> pods = WorkloadPods.of(sts(3, 5, null, null));

        assertThat(pods).extracting(Pod::name).containsExactly("zk-5", "zk-6", "zk-7");
        Pod first = pods.get(0);
        assertThat(first.labels()).containsEntry("app", "zk")
                .containsEntry("statefulset.kubernetes.io/pod-name", "zk-5")
                .containsEntry("apps.kubernetes.io/pod-index", "5");
        assertThat(first.owner()).isEqualTo(new Owner(Kinds.STATEFUL_SET, "zk"));
        assertThat(first.ready()).isTrue();
        assertThat(first.phase()).isEqualTo(Pod.Phase.RUNNING);
        assertThat(first.ips()).isEmpty();
    }

    @Test
    void statefulSetHostnameAndSubdomainAreThePodNameAndServiceNameWhateverTheTemplateSays() {
        Pod pod = WorkloadPods.of(sts(1, 0, "other", "elsewhere")).get(0);

        assertThat(pod.name()).isEqualTo("zk-0");
        assertThat(pod.hostname()).isEqualTo("zk-0");
        assertThat(pod.subdomain()).isEqualTo("zk-hs");
    }

    @Test
    void statefulSetWithZeroReplicasHasNoPods() {
        assertThat(WorkloadPods.of(sts(0, 0, null, null))).isEmpty();
    }

    @Test
    void indexedJobPodsGetHostnameJobDashIndexAndKeepTheTemplatesSubdomain() {
        Workload job = new Workload(Kinds.JOB, "default", "train", LabelSelector.of(Map.of()),
                new PodTemplate(Map.of("role", "worker"), "ignored", "workers", PodDns.DEFAULTS, List.of()), null,
                4, 0, true, 3);

        List<Pod> pods = WorkloadPods.of(job);

        // parallelism 4 but only 3 completions: indexes 0, 1 and 2 run.
        assertThat(pods).extracting(Pod::hostname).containsExactly("train-0", "train-1", "train-2");
        assertThat(pods).extracting(Pod::subdomain).containsOnly("workers");
        assertThat(pods).extracting(Pod::name).containsExactly("train-0-template", "train-1-template", "train-2-template");
        assertThat(pods.get(2).labels()).containsEntry("batch.kubernetes.io/job-completion-index", "2")
                .containsEntry("batch.kubernetes.io/job-name", "train").containsEntry("job-name", "train")
                .containsEntry("role", "worker");
    }

    @Test
    void nonIndexedJobRunsParallelismPodsWithTheTemplatesNames() {
        Workload job = new Workload(Kinds.JOB, "default", "batch", LabelSelector.of(Map.of()),
                new PodTemplate(Map.of(), null, null, PodDns.DEFAULTS, List.of()), null, 2, 0, false, -1);

        assertThat(WorkloadPods.of(job)).extracting(Pod::name).containsExactly("batch-template-1", "batch-template-2");
        assertThat(WorkloadPods.of(job)).extracting(Pod::hostname).containsOnlyNulls();
    }

    @Test
    void deploymentPodsCarryTheTemplatesLabelsHostnameSubdomainAndDnsSettings() {
        PodDns dns = new PodDns(DnsPolicy.NONE, false, false,
                new PodDnsConfig(List.of("1.1.1.1"), List.of("example.com"), List.of()));
        Workload deploy = new Workload(Kinds.DEPLOYMENT, "shop", "web", LabelSelector.of(Map.of("app", "web")),
                new PodTemplate(Map.of("app", "web"), "shared", "web", dns, List.of()), null, 2);

        List<Pod> pods = WorkloadPods.of(deploy);

        assertThat(pods).extracting(Pod::name).containsExactly("web-template-1", "web-template-2");
        // A real generated suffix has no vowels, so these names never meet a real pod's.
        assertThat(pods).allSatisfy(p -> {
            assertThat(p.labels()).isEqualTo(Map.of("app", "web"));
            assertThat(p.hostname()).isEqualTo("shared");
            assertThat(p.subdomain()).isEqualTo("web");
            assertThat(p.dns()).isEqualTo(dns);
        });
    }

    @Test
    void daemonSetGetsOneStandInAndCronJobNone() {
        Workload ds = TestCluster.workload(Kinds.DAEMON_SET, "kube-system", "agent").labels("app", "agent").build();
        Workload cron = TestCluster.workload(Kinds.CRON_JOB, "default", "nightly").labels("app", "n").build();

        assertThat(WorkloadPods.of(ds)).extracting(Pod::name).containsExactly("agent-template-1");
        assertThat(WorkloadPods.of(cron)).isEmpty();
    }

    @Test
    void aWorkloadHasPodsWhenOneItOwnsOrSelectsIsInTheInput() {
        Workload set = sts(2, 0, null, null);
        Pod owned = TestCluster.pod("default", "x").ip("10.0.0.1").owner(Kinds.STATEFUL_SET, "zk").build();
        Pod selected = TestCluster.pod("default", "y").ip("10.0.0.2").labels("app", "zk").build();
        Pod unrelated = TestCluster.pod("default", "z").ip("10.0.0.3").labels("app", "web").build();

        assertThat(WorkloadPods.hasPods(set, List.of(owned))).isTrue();
        assertThat(WorkloadPods.hasPods(set, List.of(selected))).isTrue();
        assertThat(WorkloadPods.hasPods(set, List.of(unrelated))).isFalse();
    }
}
