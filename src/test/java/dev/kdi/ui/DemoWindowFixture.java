package dev.kdi.ui;

import dev.kdi.demo.DemoCluster;
import dev.kdi.records.Question;
import dev.kdi.records.RrType;
import dev.kdi.session.DemoSession;
import dev.kdi.session.Kubeconfig;
import dev.kdi.session.LiveOptions;
import dev.kdi.session.ReplicaChoice;
import dev.kdi.session.Session;
import dev.kdi.session.SessionException;
import dev.kdi.session.SessionOpener;
import dev.kdi.session.SessionRequest;
import dev.kdi.session.Sessions;
import dev.kdi.ui.window.WindowModel;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** The window tests' cluster as the embedded demo: every layer from fabric8 to DNS parsing runs for real. */
final class DemoWindowFixture implements WindowFixture {
    private final SessionOpener real = Sessions.forThisUser().opener(LiveOptions.defaults(), InputStream::nullInputStream);
    private volatile DemoSession demo;

    private final SessionOpener opener = new SessionOpener() {
        @Override
        public Session open(SessionRequest request) throws SessionException {
            Session s = real.open(request);
            if (s instanceof DemoSession d) {
                demo = d;
            }
            return s;
        }

        @Override
        public Kubeconfig kubeconfig(Optional<Path> kubeconfig) {
            return Kubeconfig.none();
        }
    };

    @Override
    public SessionOpener opener() {
        return opener;
    }

    @Override
    public WindowModel.Start start() {
        return new WindowModel.Start(true, Optional.empty(), Optional.empty(), Optional.empty());
    }

    @Override
    public void addSeedPod(String name, String ip) {
        demo.cluster().addReadyPod("default", name, ip, Map.of("app", "sample-app"));
    }

    @Override
    public FailedReplica failReplica() {
        // RBAC refusing pods/portforward: the forwards opened from now on fail for good.
        demo.cluster().portForwards().forbid(true);
        demo.cluster().portForwards().dropAll();
        // Forwards open on demand: a question makes the replica try, and be refused.
        demo.ask(new Question("sample-headless.default.svc.cluster.local.", RrType.A),
                ReplicaChoice.one(DemoCluster.STALE_REPLICA));
        return new FailedReplica(DemoCluster.STALE_REPLICA, "403 Forbidden");
    }

    @Override
    public int pods() {
        return 14;
    }

    @Override
    public String kubectlPrefix() {
        return "kubectl run dig-";
    }

    @Override
    public String problemCount() {
        // sts-service-missing, externalname-is-ip, and the Corefile story's lab.example hosts without fallthrough.
        return "3 errors, 0 warnings";
    }

    @Override
    public void close() {
        // The window closes its session, and with it the demo cluster.
    }
}
