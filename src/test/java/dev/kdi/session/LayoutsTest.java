package dev.kdi.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kdi.cluster.ContextTarget;
import dev.kdi.cluster.PodPort;
import dev.kdi.demo.DemoCluster;
import dev.kdi.demo.MockApiServer;
import dev.kdi.demo.TcpRelay;
import dev.kdi.records.Answer;
import dev.kdi.records.Question;
import dev.kdi.records.ResourceRecord;
import dev.kdi.records.RrType;
import dev.kdi.records.Status;
import dev.kdi.testing.KnotServer;
import dev.kdi.testing.Resources;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The cluster DNS as distributions lay it out, each on a mock API server holding the objects the
 * distribution creates: the Service found, the Corefile the DNS pods really load (their
 * {@code -conf} through their own ConfigMap volume), and lookups and a check through the
 * emulated port-forward to Knot on the layout's own port.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LayoutsTest {
    MockApiServer api;
    LiveSession session;
    KnotServer knot;

    @AfterEach
    void stop() throws Exception {
        Resources.closeAll(session, knot, api);
    }

    LiveSession started(LiveOptions options, String... resources) throws Exception {
        return started(UnaryOperator.identity(), options, resources);
    }

    LiveSession started(UnaryOperator<Dispatcher> front, LiveOptions options, String... resources) throws Exception {
        api = MockApiServer.start(false, front);
        DemoCluster.populate(api.client(), List.of(resources));
        LiveSession s = new LiveSession(new SessionInfo(SessionInfo.Kind.LIVE, "test", api.url(), "default"),
                new ContextTarget("test", "default", api.url(), api.client().getConfiguration()), options,
                Clock.systemUTC());
        s.start(Progress.NONE);
        return s;
    }

    Answer predict(String name, RrType type) {
        return session.current().model().answer(new Question(name, type));
    }

    /** Knot behind the replica's port, serving what the model predicts for the questions a check asks. */
    void knotBehind(PodPort replica) throws Exception {
        KnotServer.requireKnotd();
        List<Question> questions = new ArrayList<>(CheckPlan.plan(session.current().model(), Set.of()).asked());
        knot = KnotServer.start(LiveSessionKnotTest.zones(session.current().model(), questions));
        api.portForwards().route(replica, TcpRelay.toLoopback(knot.port()));
    }

    @Test
    @DisplayName("OpenShift: dns-default's own Corefile (TTL 5), its replicas on 5353, and a check that agrees")
    void openShift() throws Exception {
        session = started(LiveOptions.defaults().withNamespaces(List.of()), "/layouts/openshift.yaml");

        Inspection now = session.current();
        assertThat(now.corefileOrigin()).isEqualTo("ConfigMap openshift-dns/dns-default");
        assertThat(now.dns().service()).get().satisfies(s -> assertThat(s.namespace() + "/" + s.name())
                .isEqualTo("openshift-dns/dns-default"));
        assertThat(now.dns().replicas()).containsExactly("openshift-dns/dns-default-4x7kq");
        assertThat(now.report().warnings()).isEmpty();
        // No ttl in its kubernetes block: CoreDNS's default of 5 s, not kubeadm's 30.
        Answer web = predict("web.shop.svc.cluster.local.", RrType.A);
        assertThat(web.status()).isEqualTo(Status.NOERROR);
        assertThat(web.answer()).extracting(ResourceRecord::ttl).containsExactly(5L);
        assertThat(web.answeredBy().block()).isEqualTo(".:5353");

        knotBehind(new PodPort("openshift-dns", "dns-default-4x7kq", 5353));
        List<ReplicaAnswer> live = session.ask(new Question("web.shop.svc.cluster.local.", RrType.A),
                ReplicaChoice.any()).get(20, TimeUnit.SECONDS);
        assertThat(live).singleElement().satisfies(a -> assertThat(a.answer()).get()
                .satisfies(x -> assertThat(x.answer()).extracting(ResourceRecord::ttl).containsExactly(5L)));
        CheckReport report = session.check(new CheckRequest(Set.of("shop"), Optional.empty()), Progress.NONE)
                .get(40, TimeUnit.SECONDS);
        assertThat(report.allAgree()).as(report.summary()).isTrue();
        assertThat(report.items()).isNotEmpty();
    }

    @Test
    @DisplayName("RKE2: the chart's Service and ConfigMap, its image's plugin order, and a check that agrees")
    void rke2() throws Exception {
        session = started(LiveOptions.defaults().withNamespaces(List.of()), "/layouts/rke2.yaml");

        Inspection now = session.current();
        assertThat(now.dns().source()).isEqualTo("kube-system/rke2-coredns-rke2-coredns (RKE2)");
        assertThat(now.dns().replicas()).containsExactly("kube-system/rke2-coredns-rke2-coredns-7bb9d5c8b4-q5w2n");
        assertThat(now.corefileOrigin()).isEqualTo("ConfigMap kube-system/rke2-coredns-rke2-coredns");
        assertThat(now.model().corefile().order().version()).isEqualTo("1.14.7");
        assertThat(now.report().warnings()).isEmpty();
        Answer web = predict("web.shop.svc.cluster.local.", RrType.A);
        assertThat(web.answer()).extracting(ResourceRecord::ttl).containsExactly(30L);

        knotBehind(new PodPort("kube-system", "rke2-coredns-rke2-coredns-7bb9d5c8b4-q5w2n", 53));
        CheckReport report = session.check(new CheckRequest(Set.of("shop"), Optional.empty()), Progress.NONE)
                .get(40, TimeUnit.SECONDS);
        assertThat(report.allAgree()).as(report.summary()).isTrue();
        assertThat(report.items()).isNotEmpty();
    }

    /** Every node's {@code /proxy/configz} answered by {@code reply} (given the node's name), counted. */
    static UnaryOperator<Dispatcher> configz(AtomicInteger asked, java.util.function.Function<String, MockResponse> reply) {
        java.util.regex.Pattern path = java.util.regex.Pattern.compile("/api/v1/nodes/([^/]+)/proxy/configz");
        return inner -> new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                java.util.regex.Matcher m = path.matcher(request.getPath());
                if (m.matches()) {
                    asked.incrementAndGet();
                    return reply.apply(m.group(1));
                }
                return inner.dispatch(request);
            }

            @Override
            public void shutdown() {
                inner.shutdown();
            }
        };
    }

    /** The kubelets' configz through the API server's node proxy, as a real API server relays it. */
    static UnaryOperator<Dispatcher> kubeletsConfigz(String clusterDns, AtomicInteger asked) {
        return configz(asked, node -> new MockResponse().setResponseCode(200).setHeader("Content-Type",
                "application/json").setBody("{\"kubeletconfig\":{\"clusterDomain\":\"cluster.local\",\"clusterDNS\":[\""
                        + clusterDns + "\"],\"resolvConf\":\"/run/systemd/resolve/resolv.conf\"}}"));
    }

    /** The API server refusing every node's proxy to this user, with the real 403 Status body. */
    static UnaryOperator<Dispatcher> nodeProxyRefused(AtomicInteger asked) {
        return configz(asked, node -> new MockResponse().setResponseCode(403).setHeader("Content-Type",
                "application/json").setBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":"
                        + "\"Failure\",\"message\":\"nodes \\\"" + node + "\\\" is forbidden: User \\\"jane\\\" cannot"
                        + " get resource \\\"nodes/proxy\\\" in API group \\\"\\\" at the cluster scope\",\"reason\":"
                        + "\"Forbidden\",\"details\":{\"name\":\"" + node + "\",\"kind\":\"nodes\"},\"code\":403}"));
    }

    @Test
    @DisplayName("No well-known DNS Service: the one at the kubelet's clusterDNS address is the cluster DNS")
    void serviceAtTheKubeletsClusterDnsAddress() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        session = started(kubeletsConfigz("10.96.0.10", asked), LiveOptions.defaults().withNamespaces(List.of()),
                "/layouts/kubelet-address.yaml");

        Inspection now = session.current();
        assertThat(asked.get()).isPositive();
        assertThat(now.dns().source()).isEqualTo("dns-system/cluster-dns (the kubelet's clusterDNS 10.96.0.10)");
        assertThat(now.dns().replicas()).containsExactly("dns-system/cluster-dns-5f7c9d-xk2lp");
        assertThat(now.corefileOrigin()).isEqualTo("ConfigMap dns-system/cluster-dns");
        assertThat(predict("web.shop.svc.cluster.local.", RrType.A).answer()).extracting(ResourceRecord::ttl)
                .containsExactly(11L);
        assertThat(now.report().warnings()).isEmpty();

        knotBehind(new PodPort("dns-system", "cluster-dns-5f7c9d-xk2lp", 53));
        CheckReport report = session.check(new CheckRequest(Set.of("shop"), Optional.empty()), Progress.NONE)
                .get(40, TimeUnit.SECONDS);
        assertThat(report.allAgree()).as(report.summary()).isTrue();
    }

    @Test
    @DisplayName("No well-known DNS Service and nodes/proxy refused: one warning line naming it, and the load goes on")
    void refusedNodeProxyIsOneWarning() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        session = started(nodeProxyRefused(asked), LiveOptions.defaults().withNamespaces(List.of()),
                "/layouts/kubelet-address.yaml");

        Inspection now = session.current();
        assertThat(asked.get()).isPositive();
        assertThat(now.dns().service()).isEmpty();
        assertThat(now.report().warnings()).containsExactly("cannot get nodes/proxy: forbidden (the kubelet's configz,"
                + " whose clusterDNS would name the cluster DNS Service)");
        assertThat(now.dns().notes()).singleElement().asString().startsWith("No cluster DNS Service found (looked for"
                + " kube-system/kube-dns, openshift-dns/dns-default, kube-system/rke2-coredns-rke2-coredns, and the"
                + " Service at the kubelet's clusterDNS address; name it with --dns-service NS/NAME)");
        assertThat(now.corefileOrigin()).isEqualTo("kubeadm's default Corefile");
        // The objects are still read and the model still answers.
        assertThat(predict("web.shop.svc.cluster.local.", RrType.A).status()).isEqualTo(Status.NOERROR);
    }

    @Test
    @DisplayName("--dns-service: the named Service's pods and their Corefile replace the detected kube-dns")
    void dnsServiceOverridesDetection() throws Exception {
        session = started(LiveOptions.defaults().withNamespaces(List.of())
                .withDnsService(Optional.of("dns-canary/coredns-canary")),
                "/live/two-replicas.yaml", "/layouts/canary-dns.yaml");

        Inspection now = session.current();
        assertThat(now.dns().source()).isEqualTo("dns-canary/coredns-canary (--dns-service)");
        assertThat(now.dns().replicas()).containsExactly("dns-canary/coredns-canary-0");
        assertThat(now.corefileOrigin()).isEqualTo("ConfigMap dns-canary/coredns-canary");
        assertThat(predict("web.shop.svc.cluster.local.", RrType.A).answer()).extracting(ResourceRecord::ttl)
                .containsExactly(7L);
        assertThat(session.replicas()).singleElement().satisfies(r -> assertThat(r.port()).isEqualTo(1053));

        session.close();
        api.close();
        session = started(LiveOptions.defaults().withNamespaces(List.of()), "/live/two-replicas.yaml",
                "/layouts/canary-dns.yaml");
        assertThat(session.current().dns().source()).isEqualTo("kube-system/kube-dns (kubeadm)");
        assertThat(session.current().corefileOrigin()).isEqualTo("ConfigMap kube-system/coredns");
    }
}
