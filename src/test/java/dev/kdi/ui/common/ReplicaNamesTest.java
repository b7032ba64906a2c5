package dev.kdi.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReplicaNamesTest {

    @Test
    void podsOfOneDeployment_keepTheEndThatTellsThemApart() {
        assertThat(ReplicaNames.shortNames(List.of("kube-system/coredns-668d6bf9bc-4xkzq",
                "kube-system/coredns-668d6bf9bc-9wqpn"))).containsExactly("…-4xkzq", "…-9wqpn");
        // Two ReplicaSets of one Deployment during a rollout: the hash tells them apart too.
        assertThat(ReplicaNames.shortNames(List.of("kube-system/coredns-668d6bf9bc-4xkzq",
                "kube-system/coredns-7db6d8ff4d-q8h5m"))).containsExactly("…-668d6bf9bc-4xkzq", "…-7db6d8ff4d-q8h5m");
    }

    @Test
    void namesThatShareNothing_orAloneStayWhole() {
        assertThat(ReplicaNames.shortNames(List.of("kube-system/coredns-a", "dns/kube-dns-b")))
                .containsExactly("coredns-a", "kube-dns-b");
        assertThat(ReplicaNames.shortNames(List.of("kube-system/coredns-668d6bf9bc-4xkzq")))
                .containsExactly("coredns-668d6bf9bc-4xkzq");
    }
}
