package dev.kdi.cluster;

import static dev.kdi.records.TestCluster.lines;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kdi.demo.MockApiServer;
import dev.kdi.manifests.Interner;
import dev.kdi.manifests.ObjectConverter;
import dev.kdi.records.DnsModel;
import dev.kdi.records.RrType;
import dev.kdi.records.TestCluster;
import dev.kdi.records.objects.ClusterSnapshot;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A live cluster holding a pod named with one 66-character label (the API server accepts it: a
 * pod name is a DNS-1123 subdomain) loads it like any other pod; CoreDNS names its endpoint by
 * address, since a {@code targetRef} name of 64 characters or more cannot be a label.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LongPodNameLoadTest {
    private static final String LONG = "a".repeat(66);

    private MockApiServer api;
    private ScheduledExecutorService scheduler;
    private KubernetesClient client;

    @BeforeEach
    void start() {
        api = MockApiServer.start(false);
        scheduler = Executors.newScheduledThreadPool(1);
        KubernetesClient admin = api.client();
        admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("shop").endMetadata().build())
                .create();
        admin.services().inNamespace("shop").resource(new ServiceBuilder().withNewMetadata().withName("h")
                .withNamespace("shop").endMetadata().withNewSpec().withClusterIP("None").withClusterIPs("None")
                .addToSelector("app", "web").addNewPort().withName("http").withPort(80).endPort().endSpec().build())
                .create();
        pod(admin, LONG, "10.244.1.1");
        pod(admin, "web-0", "10.244.1.2");
        admin.discovery().v1().endpointSlices().inNamespace("shop").resource(new EndpointSliceBuilder()
                .withNewMetadata().withName("h-x1").withNamespace("shop")
                .addToLabels(ObjectConverter.SERVICE_NAME_LABEL, "h").endMetadata()
                .withAddressType("IPv4")
                .addNewPort().withName("http").withPort(80).withProtocol("TCP").endPort()
                .addNewEndpoint().withAddresses("10.244.1.1").withNewConditions().withReady(true).endConditions()
                .withNewTargetRef().withKind("Pod").withName(LONG).withNamespace("shop").endTargetRef().endEndpoint()
                .addNewEndpoint().withAddresses("10.244.1.2").withNewConditions().withReady(true).endConditions()
                .withNewTargetRef().withKind("Pod").withName("web-0").withNamespace("shop").endTargetRef().endEndpoint()
                .build()).create();
        client = new KubernetesClientBuilder().withConfig(new ConfigBuilder().withMasterUrl(api.url())
                .withOauthToken("user").withRequestRetryBackoffLimit(0).build()).build();
    }

    private static void pod(KubernetesClient admin, String name, String ip) {
        var p = admin.pods().inNamespace("shop").resource(new PodBuilder().withNewMetadata().withName(name)
                .withNamespace("shop").addToLabels("app", "web").endMetadata().withNewSpec().withNodeName("node-1")
                .endSpec().build()).create();
        p.setStatus(new PodStatusBuilder().withPhase("Running").withPodIP(ip).addNewPodIP().withIp(ip).endPodIP()
                .addNewCondition().withType("Ready").withStatus("True").endCondition().build());
        admin.pods().resource(p).updateStatus();
    }

    @AfterEach
    void stop() {
        client.close();
        scheduler.shutdownNow();
        api.close();
    }

    @Test
    void load_podNamedWithOne66CharacterLabel_isReadAndNamedByItsAddress() throws Exception {
        try (ClusterLoader loader = new ClusterLoader(client, new ObjectConverter(new Interner()), List.of("shop"), 500,
                scheduler, Clock.systemUTC(), () -> { })) {
            loader.load();
            ClusterSnapshot snapshot = loader.snapshot();

            assertThat(loader.report().problems()).isEmpty();
            assertThat(snapshot.pods()).extracting(p -> p.name()).containsExactlyInAnyOrder(LONG, "web-0");
            DnsModel model = DnsModel.build(snapshot, TestCluster.withOptions("endpoint_pod_names"));
            assertThat(lines(model.answer("10-244-1-1.h.shop.svc.cluster.local.", RrType.A).answer()))
                    .containsExactly("10-244-1-1.h.shop.svc.cluster.local. 5 IN A 10.244.1.1");
            assertThat(lines(model.answer("web-0.h.shop.svc.cluster.local.", RrType.A).answer()))
                    .containsExactly("web-0.h.shop.svc.cluster.local. 5 IN A 10.244.1.2");
            assertThat(lines(model.answer("1.1.244.10.in-addr.arpa.", RrType.PTR).answer()))
                    .containsExactly("1.1.244.10.in-addr.arpa. 5 IN PTR 10-244-1-1.h.shop.svc.cluster.local.");
        }
    }
}
