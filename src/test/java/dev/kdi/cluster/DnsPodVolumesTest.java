package dev.kdi.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kdi.records.objects.DnsPodFiles;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which file a DNS pod's CoreDNS loads, and which ConfigMap key the kubelet puts there. */
class DnsPodVolumesTest {

    static Container container(List<String> command, List<String> args, String workingDir) {
        return new ContainerBuilder().withName("coredns").withCommand(command).withArgs(args).withWorkingDir(workingDir)
                .build();
    }

    @Test
    void confPath_followsGosFlagSyntax() {
        assertThat(DnsPodVolumes.confPath(container(List.of(), List.of("-conf", "/etc/coredns/Corefile"), null)))
                .isEqualTo("/etc/coredns/Corefile");
        assertThat(DnsPodVolumes.confPath(container(List.of("coredns"), List.of("--conf=/etc/rke2/Corefile"), null)))
                .isEqualTo("/etc/rke2/Corefile");
        assertThat(DnsPodVolumes.confPath(container(List.of("/coredns", "--conf", "/cfg/Corefile"), List.of(), null)))
                .isEqualTo("/cfg/Corefile");
        // No -conf: CoreDNS loads ./Corefile, from the working directory.
        assertThat(DnsPodVolumes.confPath(container(List.of(), List.of("-dns.port", "1053"), null))).isEqualTo("/Corefile");
        assertThat(DnsPodVolumes.confPath(container(List.of(), List.of("-conf", "./Corefile"), "/etc/coredns")))
                .isEqualTo("/etc/coredns/Corefile");
    }

    static DnsPodFiles.Mount mount(String path, String subPath, String configMap, Map<String, String> items) {
        return new DnsPodFiles.Mount(path, subPath, "v-" + configMap, configMap, items, false);
    }

    static DnsPodFiles files(DnsPodFiles.Mount... mounts) {
        return new DnsPodFiles("Pod kube-system/coredns-x", "coredns/coredns:1.11.3", List.of(mounts), Map.of(),
                "kube-system");
    }

    @Test
    void conf_isTheKeyTheDeepestMountPutsThere() {
        DnsPodFiles f = files(mount("/etc/coredns", null, "coredns", Map.of("Corefile", "Corefile")),
                mount("/etc/coredns/custom", null, "coredns-custom", Map.of()));
        assertThat(DnsPodVolumes.conf("/etc/coredns/Corefile", f))
                .isEqualTo(new DnsPodVolumes.Conf("/etc/coredns/Corefile", "coredns", "Corefile"));
        assertThat(DnsPodVolumes.conf("/etc/coredns/custom/Corefile", f))
                .isEqualTo(new DnsPodVolumes.Conf("/etc/coredns/custom/Corefile", "coredns-custom", "Corefile"));
        // items renames: the key is the one projected to that path; none there, no key.
        DnsPodFiles renamed = files(mount("/etc/coredns/", null, "dns", Map.of("Corefile.main", "Corefile")));
        assertThat(DnsPodVolumes.conf("/etc/coredns/Corefile", renamed).key()).isEqualTo("Corefile.main");
        assertThat(DnsPodVolumes.conf("/etc/coredns/Other", renamed))
                .isEqualTo(new DnsPodVolumes.Conf("/etc/coredns/Other", "dns", null));
        // A subPath mount is that one file.
        DnsPodFiles sub = files(mount("/Corefile", "Corefile", "coredns", Map.of()));
        assertThat(DnsPodVolumes.conf("/Corefile", sub).configMap()).isEqualTo("coredns");
        // In the image, not on a ConfigMap volume.
        assertThat(DnsPodVolumes.conf("/etc/Corefile", f).configMap()).isNull();
    }
}
