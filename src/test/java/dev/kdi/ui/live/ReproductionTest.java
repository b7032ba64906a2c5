package dev.kdi.ui.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kdi.records.Question;
import dev.kdi.records.RrType;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReproductionTest {
    @Test
    void command_runsDigOverTcpInAThrowAwayPod() {
        String cmd = new Reproduction(new Random(1)).command(Optional.empty(),
                new Question("sample-headless.default.svc.cluster.local", RrType.A));
        assertThat(cmd).matches("kubectl run dig-[a-z0-9]{5} --rm -i --restart=Never"
                + " --image=registry\\.k8s\\.io/e2e-test-images/jessie-dnsutils:1\\.3"
                + " -- dig \\+tcp sample-headless\\.default\\.svc\\.cluster\\.local\\. A");
    }

    @Test
    void command_namesTheContext_quotingItWhenItNeedsIt() {
        Reproduction r = new Reproduction(new Random(1));
        Question q = new Question("web.shop.svc.cluster.local", RrType.SRV);
        assertThat(r.command(Optional.of("prod-eu"), q)).startsWith("kubectl --context prod-eu run dig-")
                .endsWith(" SRV");
        assertThat(r.command(Optional.of("my team's cluster"), q)).startsWith("kubectl --context 'my team'\\''s cluster' run");
    }

    @Test
    void reverseQuestion_usesDigsReverseOption() {
        String cmd = new Reproduction(new Random(1)).command(Optional.empty(),
                new Question("3.0.40.10.in-addr.arpa", RrType.PTR));
        assertThat(cmd).endsWith("-- dig +tcp -x 10.40.0.3");
    }

    @Test
    void eachCommand_namesItsPodDifferently() {
        Reproduction r = new Reproduction(new Random(1));
        Question q = new Question("a.b.svc.cluster.local", RrType.A);
        assertThat(r.command(Optional.empty(), q)).isNotEqualTo(r.command(Optional.empty(), q));
    }
}
