package dev.kdi.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kdi.records.corefile.CorefileParser;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Where a replica serves /health, /ready and /metrics, as its Corefile says. */
class HealthPortsTest {

    private static HealthRun.Ports ports(String corefile) throws Exception {
        return HealthRun.Ports.of(CorefileParser.parse(corefile, "test"));
    }

    @Test
    void kubeadmsCorefileServesTheDefaultsWithLameduck() throws Exception {
        assertThat(ports("""
                .:53 {
                    errors
                    health {
                       lameduck 5s
                    }
                    ready
                    kubernetes cluster.local in-addr.arpa ip6.arpa
                    prometheus :9153
                    forward . /etc/resolv.conf
                }
                """)).isEqualTo(new HealthRun.Ports(Optional.of(8080), Optional.of(8181), Optional.of(9153), true));
    }

    @Test
    void openShiftsLoopbackMetricsAndOwnPortsAreRead() throws Exception {
        assertThat(ports("""
                .:5353 {
                    bufsize 1232
                    errors
                    log . {
                        class error
                    }
                    health {
                        lameduck 20s
                    }
                    ready
                    kubernetes cluster.local in-addr.arpa ip6.arpa
                    prometheus 127.0.0.1:9153
                    forward . /etc/resolv.conf
                }
                """)).isEqualTo(new HealthRun.Ports(Optional.of(8080), Optional.of(8181), Optional.of(9153), true));
        assertThat(ports("""
                .:53 {
                    health localhost:9090
                    ready :8282
                    kubernetes cluster.local
                    prometheus
                }
                """)).isEqualTo(new HealthRun.Ports(Optional.of(9090), Optional.of(8282), Optional.of(9153), false));
    }

    @Test
    void absentPluginsAreNotAsked() throws Exception {
        assertThat(ports("""
                .:53 {
                    kubernetes cluster.local
                }
                """)).isEqualTo(new HealthRun.Ports(Optional.empty(), Optional.empty(), Optional.empty(), false));
    }
}
