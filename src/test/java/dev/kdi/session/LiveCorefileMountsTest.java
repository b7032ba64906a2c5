package dev.kdi.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kdi.cluster.ContextTarget;
import dev.kdi.demo.MockApiServer;
import dev.kdi.records.Answer;
import dev.kdi.records.Question;
import dev.kdi.records.RrType;
import dev.kdi.records.Status;
import dev.kdi.testing.ApiServerFaults;
import dev.kdi.testing.Await;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A live session reads the Corefile's files the way the DNS pod sees them: from the DNS pod's
 * ConfigMap volumes and the ConfigMaps they name, with the plugin order of its image, on API
 * servers shaped like k3s and AKS (the manifests {@code CorefileMountsTest} reads offline).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LiveCorefileMountsTest {
    static final String USER = "operator";
    static final String DNS_POD = "coredns-6799fbcd5-x2k7q";

    ApiServerFaults faults;
    MockApiServer api;
    LiveSession session;

    @AfterEach
    void stop() {
        if (session != null) {
            session.close();
        }
        if (api != null) {
            api.close();
        }
    }

    /** A cluster with the fixtures' ConfigMaps and one DNS pod made from their Deployment's template. */
    void cluster(String image, String... fixtures) throws Exception {
        api = MockApiServer.start(false, inner -> faults = new ApiServerFaults(inner));
        for (String ns : List.of("default", "kube-system", "shop")) {
            api.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata()
                    .build()).create();
        }
        for (String name : fixtures) {
            try (InputStream in = getClass().getResourceAsStream("/corefile-mounts/" + name)) {
                for (HasMetadata o : api.client().load(in).items()) {
                    if (o instanceof ConfigMap c) {
                        api.client().configMaps().inNamespace("kube-system").resource(c).create();
                    } else if (o instanceof Deployment d) {
                        dnsPod(d, image);
                    }
                }
            }
        }
        api.client().services().inNamespace("kube-system").resource(new ServiceBuilder().withNewMetadata()
                .withName("kube-dns").withNamespace("kube-system").endMetadata().withNewSpec()
                .withClusterIP("10.43.0.10").withClusterIPs("10.43.0.10").addNewPort().withName("dns-tcp")
                .withProtocol("TCP").withPort(53).endPort().endSpec().build()).create();
        api.client().discovery().v1().endpointSlices().inNamespace("kube-system").resource(new EndpointSliceBuilder()
                .withNewMetadata().withName("kube-dns-abcde").withNamespace("kube-system")
                .addToLabels("kubernetes.io/service-name", "kube-dns").endMetadata().withAddressType("IPv4")
                .addNewPort().withName("dns-tcp").withProtocol("TCP").withPort(53).endPort()
                .addNewEndpoint().withAddresses("10.42.0.5").withNewConditions().withReady(true).endConditions()
                .withNewTargetRef().withKind("Pod").withName(DNS_POD).withNamespace("kube-system").endTargetRef()
                .endEndpoint().build()).create();
        api.client().services().inNamespace("shop").resource(new ServiceBuilder().withNewMetadata().withName("web")
                .withNamespace("shop").endMetadata().withNewSpec().withClusterIP("10.96.0.50")
                .withClusterIPs("10.96.0.50").addNewPort().withPort(80).endPort().endSpec().build()).create();
    }

    private void dnsPod(Deployment d, String image) {
        Pod pod = new PodBuilder().withNewMetadata().withName(DNS_POD).withNamespace("kube-system")
                .withLabels(d.getSpec().getTemplate().getMetadata().getLabels()).endMetadata()
                .withSpec(d.getSpec().getTemplate().getSpec()).build();
        pod.getSpec().getContainers().get(0).setImage(image);
        pod.getSpec().setNodeName("node-1");
        Pod created = api.client().pods().inNamespace("kube-system").resource(pod).create();
        created.setStatus(new PodStatusBuilder().withPhase("Running").withPodIP("10.42.0.5").addNewPodIP()
                .withIp("10.42.0.5").endPodIP().build());
        api.client().pods().resource(created).updateStatus();
    }

    LiveSession started() throws Exception {
        Config config = new ConfigBuilder(Config.empty()).withMasterUrl(api.url()).withOauthToken(USER)
                .withRequestTimeout(3_000).withConnectionTimeout(3_000).build();
        LiveSession s = new LiveSession(new SessionInfo(SessionInfo.Kind.LIVE, "mock", api.url(), "default"),
                new ContextTarget("mock", "default", api.url(), config),
                new LiveOptions(List.of(), Optional.empty(), Optional.empty(), Duration.ofMillis(500), 500), Clock.systemUTC());
        s.start(Progress.NONE);
        return s;
    }

    Answer predict(String name) {
        return session.current().model().answer(new Question(name, RrType.A));
    }

    @Test
    void k3s_nodeHostsAndTheCustomRewrite_andTheImagesPluginOrder() throws Exception {
        cluster("rancher/mirrored-coredns-coredns:1.10.1", "k3s.yaml", "k3s-custom.yaml");
        session = started();

        Answer node = predict("k3d-server-0.");
        assertThat(node.status()).isEqualTo(Status.NOERROR);
        assertThat(node.answer()).singleElement().satisfies(r -> assertThat(r.text()).contains("172.18.0.2"));
        assertThat(node.answeredBy().source()).isEqualTo("ConfigMap kube-system/coredns key NodeHosts line 1");

        Answer db = predict("db.example.com.");
        assertThat(db.answer()).anySatisfy(r -> assertThat(r.text()).contains("10.96.0.50"));
        assertThat(db.answeredBy().chain()).containsExactly("rewrite", "kubernetes");
        assertThat(db.answeredBy().source()).isEqualTo("ConfigMap kube-system/coredns-custom key db.override line 2");

        assertThat(session.current().model().corefile().order().version()).isEqualTo("1.10.1");
        // Wildcards in hosts files arrived in v1.14.6: 1.10.1 forwards the name the newest would answer.
        assertThat(predict("x.apps.example.").status()).isNotEqualTo(Status.NOERROR);
        assertThat(session.current().report().warnings()).isEmpty();
    }

    @Test
    void k3s_withoutTheOptionalCustomConfigMap_isQuiet() throws Exception {
        cluster("rancher/mirrored-coredns-coredns:1.10.1", "k3s.yaml");
        session = started();

        assertThat(predict("k3d-agent-0.").status()).isEqualTo(Status.NOERROR);
        assertThat(predict("db.example.com.").answer()).isEmpty();
        assertThat(session.current().report().warnings()).isEmpty();
        // Absent and optional is an empty volume, as the kubelet mounts it: known, not unresolved.
        assertThat(session.current().model().corefile().notes())
                .anySatisfy(n -> assertThat(n).contains("/etc/coredns/custom/*.override")
                        .contains("no file of the DNS pod matches"))
                .noneSatisfy(n -> assertThat(n).contains("was not read"));
    }

    @Test
    void anEditedCustomConfigMap_isPredictedAtOnce_asCorednsReloadsIt() throws Exception {
        cluster("rancher/mirrored-coredns-coredns:1.10.1", "k3s.yaml");
        session = started();
        assertThat(predict("db.example.com.").answer()).isEmpty();

        // The edit an operator makes while debugging: coredns-custom appears with a rewrite.
        try (InputStream in = getClass().getResourceAsStream("/corefile-mounts/k3s-custom.yaml")) {
            api.client().configMaps().inNamespace("kube-system").resource((ConfigMap) api.client().load(in).items().get(0))
                    .create();
        }
        Await.until(Duration.ofSeconds(20), () -> !predict("db.example.com.").answer().isEmpty(),
                "the new rewrite is predicted");
        assertThat(predict("db.example.com.").answeredBy().chain()).containsExactly("rewrite", "kubernetes");

        // And the Corefile itself: its NodeHosts entry for the agent goes.
        ConfigMap coredns = api.client().configMaps().inNamespace("kube-system").withName("coredns").get();
        coredns.getData().put("NodeHosts", "172.18.0.2 k3d-server-0\n");
        api.client().configMaps().inNamespace("kube-system").resource(coredns).update();
        Await.until(Duration.ofSeconds(20), () -> predict("k3d-agent-0.").status() != Status.NOERROR,
                "the removed NodeHosts entry is no longer predicted");
        assertThat(predict("k3d-server-0.").status()).isEqualTo(Status.NOERROR);
        assertThat(session.current().report().warnings()).isEmpty();
    }

    @Test
    void aks_serverAndOverrideKeys_andTheImagesPluginOrder() throws Exception {
        cluster("mcr.microsoft.com/oss/kubernetes/coredns:v1.9.4", "aks.yaml");
        session = started();

        Answer web = predict("web.corp.internal.");
        assertThat(web.answer()).anySatisfy(r -> assertThat(r.text()).contains("10.96.0.50"));
        assertThat(web.answeredBy().source()).isEqualTo("ConfigMap kube-system/coredns-custom key test.override line 1");
        Answer legacy = predict("host.legacy.example.");
        assertThat(legacy.answer()).anySatisfy(r -> assertThat(r.text()).contains("10.20.30.40"));
        assertThat(legacy.answeredBy().block()).isEqualTo("legacy.example:53");
        assertThat(session.current().model().corefile().order().version()).isEqualTo("1.9.4");
    }

    @Test
    void aForbiddenConfigMap_isANoteNamingIt_andItsFilesAreNotFollowed() throws Exception {
        cluster("rancher/mirrored-coredns-coredns:1.10.1", "k3s.yaml", "k3s-custom.yaml");
        faults.forbid(r -> r.resource().equals("configmaps") && "coredns-custom".equals(r.name()));
        session = started();

        assertThat(session.current().report().warnings()).singleElement().asString()
                .contains("configmaps/coredns-custom").contains("kube-system").contains("forbidden");
        // The Corefile and NodeHosts are still read; the rewrite in the forbidden ConfigMap is not.
        assertThat(predict("k3d-server-0.").status()).isEqualTo(Status.NOERROR);
        assertThat(predict("db.example.com.").answer()).isEmpty();
        // Forbidden is not empty: the note says the files are unknown, not that none matched.
        assertThat(session.current().model().corefile().notes())
                .anySatisfy(n -> assertThat(n).contains("/etc/coredns/custom/*.override")
                        .contains("ConfigMap kube-system/coredns-custom").contains("was not read"))
                .noneSatisfy(n -> assertThat(n).contains("no file of the DNS pod matches"));
    }
}
