package dev.kdi.ui;

import dev.kdi.session.SessionOpener;
import dev.kdi.ui.fake.FakeOpener;
import dev.kdi.ui.fake.FakeSession;
import dev.kdi.ui.fake.ReplicaScript;
import dev.kdi.ui.fake.SeedCluster;
import dev.kdi.ui.window.WindowModel;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** The window tests' cluster as a fake session: the seed and shop, two replicas, a kubeconfig context. */
final class FakeWindowFixture implements WindowFixture {
    private final FakeOpener opener;

    FakeWindowFixture() {
        Clock clock = Clock.systemUTC();
        opener = new FakeOpener(() -> SeedCluster.session(clock, SeedCluster.healthyReplicas()),
                List.of("kind-kdi-test"), clock);
    }

    @Override
    public SessionOpener opener() {
        return opener;
    }

    @Override
    public WindowModel.Start start() {
        return new WindowModel.Start(false, Optional.empty(), Optional.empty(), Optional.empty());
    }

    @Override
    public void addSeedPod(String name, String ip) {
        FakeSession s = opener.last();
        s.publish(SeedCluster.withPod(s.snapshot(), "default", name, ip));
    }

    @Override
    public FailedReplica failReplica() {
        String reason = "pods \"coredns\" is forbidden: cannot create resource \"pods/portforward\"";
        FakeSession s = opener.last();
        ReplicaScript replica = s.script("coredns-7db6d8ff4d-q8h5m").orElseThrow();
        s.script(replica.failing(reason));
        return new FailedReplica(replica.pod(), reason);
    }

    @Override
    public int pods() {
        return 9;
    }

    @Override
    public String kubectlPrefix() {
        return "kubectl --context kind-kdi-test run dig-";
    }

    @Override
    public String problemCount() {
        return "1 error, 0 warnings";
    }

    @Override
    public void close() {
        opener.last().close();
    }
}
