package dev.kdi.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kdi.cluster.ClusterLoader;
import dev.kdi.cluster.PodPort;
import dev.kdi.cluster.PortForwardStream;
import dev.kdi.cluster.PortForwarder;
import dev.kdi.dns.ByteStream;
import dev.kdi.dns.DnsConnection;
import dev.kdi.dns.DnsExchange;
import dev.kdi.manifests.Interner;
import dev.kdi.manifests.ObjectConverter;
import dev.kdi.records.Question;
import dev.kdi.records.RrType;
import dev.kdi.records.Status;
import dev.kdi.records.objects.ClusterSnapshot;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DemoClusterTest {
    static DemoCluster demo;
    static ScheduledExecutorService scheduler;

    @BeforeAll
    static void start() throws Exception {
        demo = DemoCluster.start();
        scheduler = Executors.newSingleThreadScheduledExecutor();
    }

    @AfterAll
    static void stop() {
        scheduler.shutdownNow();
        demo.close();
    }

    @Test
    void holdsTheSeedAndTheStoriesWithDerivedSlicesAndPodStatus() throws Exception {
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(demo.clientConfig()).build();
             ClusterLoader loader = new ClusterLoader(client, new ObjectConverter(new Interner()), List.of("default"), 2,
                     scheduler, Clock.systemUTC(), () -> { })) {
            loader.load();
            ClusterSnapshot s = loader.snapshot();
            assertThat(s.namespaces()).contains("default", "shop", "queue", "monitoring", "kube-system");
            assertThat(s.pods()).anySatisfy(p -> {
                assertThat(p.name()).isEqualTo("sample-subdomain");
                assertThat(p.ips()).containsExactly("10.40.0.3");
                assertThat(p.ready()).isTrue();
            });
            assertThat(s.endpointSlices()).anySatisfy(sl -> assertThat(sl.serviceName()).isEqualTo("kube-dns"));
            assertThat(s.corefile()).contains("ttl 30");
            assertThat(loader.report().isComplete()).isTrue();
        }
    }

    @Test
    void theDnsPodsAnswerThroughPortForwardsAndOneHasMissedShop() throws Exception {
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(demo.clientConfig()).build();
             PortForwarder forwarder = new PortForwarder(client)) {
            DnsExchange healthy = ask(forwarder, DemoCluster.HEALTHY_REPLICA, "web.shop.svc.cluster.local.");
            assertThat(healthy.answer().status()).isEqualTo(Status.NOERROR);
            assertThat(healthy.answer().answer().get(0).text()).isEqualTo("web.shop.svc.cluster.local. 30 IN A 10.96.10.20");
            DnsExchange stale = ask(forwarder, DemoCluster.STALE_REPLICA, "web.shop.svc.cluster.local.");
            assertThat(stale.answer().status()).isEqualTo(Status.NXDOMAIN);
            DnsExchange seed = ask(forwarder, DemoCluster.STALE_REPLICA,
                    "sample-hostname.sample-subdomain.default.svc.cluster.local.");
            assertThat(seed.answer().answer().get(0).text())
                    .isEqualTo("sample-hostname.sample-subdomain.default.svc.cluster.local. 30 IN A 10.40.0.3");
        }
    }

    static DnsExchange ask(PortForwarder forwarder, String pod, String name) throws Exception {
        PortForwardStream stream = forwarder.open(new PodPort("kube-system", pod, 53));
        try (DnsConnection conn = DnsConnection.open(ByteStream.of(stream.fromPod(), stream.toPod(), pod),
                r -> { Thread t = new Thread(r, "test-dns"); t.setDaemon(true); return t; }, (c, cause) -> { })) {
            return conn.query(new Question(name, RrType.A), Duration.ofSeconds(5)).get();
        } finally {
            stream.close();
        }
    }
}
