package dev.kdi.session;

import dev.kdi.cluster.ContextTarget;
import dev.kdi.cluster.PodPort;
import dev.kdi.demo.DemoCluster;
import dev.kdi.testing.ApiServerFaults;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A demo cluster behind {@link ApiServerFaults}, and live sessions on it as a user whose token
 * the faults may treat differently from the demo's own (admin) client.
 */
final class DemoFixture implements AutoCloseable {
    static final String USER = "operator";
    static final String HEALTHY = "kube-system/" + DemoCluster.HEALTHY_REPLICA;
    static final String STALE = "kube-system/" + DemoCluster.STALE_REPLICA;
    static final PodPort HEALTHY_PORT = new PodPort("kube-system", DemoCluster.HEALTHY_REPLICA, 53);

    final DemoCluster demo;
    final ApiServerFaults faults;

    private DemoFixture(DemoCluster demo, ApiServerFaults faults) {
        this.demo = demo;
        this.faults = faults;
    }

    static DemoFixture start() throws Exception {
        return start(DemoCluster.Variant.standard());
    }

    static DemoFixture start(DemoCluster.Variant variant) throws Exception {
        ApiServerFaults[] faults = new ApiServerFaults[1];
        DemoCluster demo = DemoCluster.start(variant.withFront(inner -> faults[0] = new ApiServerFaults(inner)));
        return new DemoFixture(demo, faults[0]);
    }

    /** The user's client configuration: the demo's server, the user's token, short timeouts. */
    Config config(int requestTimeoutMillis) {
        return new ConfigBuilder(Config.empty()).withMasterUrl(demo.url()).withTrustCerts(true)
                .withOauthToken(USER).withRequestTimeout(requestTimeoutMillis)
                .withConnectionTimeout(requestTimeoutMillis).build();
    }

    static LiveOptions options() {
        return new LiveOptions(List.of(), Optional.empty(), Optional.empty(), Duration.ofMillis(500), 500);
    }

    LiveSession session(LiveOptions options) {
        return new LiveSession(new SessionInfo(SessionInfo.Kind.LIVE, "faulty", demo.url(), "default"), 
                new ContextTarget("faulty", "default", demo.url(), config(3_000)), options, Clock.systemUTC());
    }

    LiveSession started(LiveOptions options) throws Exception {
        LiveSession s = session(options);
        s.start(Progress.NONE);
        return s;
    }

    /** Deletes a DNS pod and takes it out of kube-dns's EndpointSlice, as its deletion would. */
    void deleteDnsPod(String pod) {
        demo.client().pods().inNamespace("kube-system").withName(pod).delete();
        for (EndpointSlice slice : demo.client().discovery().v1().endpointSlices().inNamespace("kube-system")
                .withLabel("kubernetes.io/service-name", "kube-dns").list().getItems()) {
            slice.getEndpoints().removeIf(e -> e.getTargetRef() != null && pod.equals(e.getTargetRef().getName()));
            demo.client().resource(slice).update();
        }
    }

    @Override
    public void close() {
        demo.close();
    }
}
