package dev.kdi.manifests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kdi.records.corefile.Corefile;
import dev.kdi.records.corefile.KubernetesPlugin;
import dev.kdi.records.objects.ClusterSnapshot;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorefileSourceTest {

    @TempDir
    Path temp;

    private static Path resource(String name) {
        try {
            return Path.of(CorefileSourceTest.class.getResource("/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ClusterSnapshot snapshotWithCorefile(String corefile) {
        return new ClusterSnapshot(Set.of("default"), List.of(), List.of(), List.of(), List.of(), List.of(), corefile);
    }

    private static String configMapCorefile() throws ManifestException {
        ManifestReader reader = new ManifestReader(() -> {
            throw new AssertionError("no stdin");
        }, new ObjectConverter(new Interner()));
        return reader.read(List.of(resource("manifests/coredns-configmap.yaml").toString())).snapshot().corefile();
    }

    private static long ttl(Corefile c) {
        return c.kubernetes().map(KubernetesPlugin::ttl).orElseThrow();
    }

    @Test
    void choose_prefersTheFlag_overTheConfigMapInTheInput() throws Exception {
        Path plain = resource("examples/plain.Corefile");

        Corefile c = CorefileSource.choose(Optional.of(plain), snapshotWithCorefile(configMapCorefile()));

        assertThat(c.origin()).isEqualTo("--corefile " + plain);
        assertThat(ttl(c)).as("plain.Corefile sets no ttl: CoreDNS's default 5").isEqualTo(5);
    }

    @Test
    void choose_takesTheConfigMap_whenNoFlagIsGiven() throws Exception {
        Corefile c = CorefileSource.choose(Optional.empty(), snapshotWithCorefile(configMapCorefile()));

        assertThat(c.origin()).isEqualTo("ConfigMap kube-system/coredns");
        assertThat(ttl(c)).isEqualTo(60);
    }

    @Test
    void choose_assumesKubeadmsDefault_onlyWhenNoCorefileIsKnown() throws Exception {
        Corefile c = CorefileSource.choose(Optional.empty(), ClusterSnapshot.empty());

        assertThat(c.origin()).isEqualTo("kubeadm's default Corefile (no Corefile in the input)");
        assertThat(ttl(c)).isEqualTo(30);
        // The same blocks as the file's, each directive remembering where it was read.
        Corefile file = CorefileSource.fromFile(resource("examples/kubeadm.Corefile"));
        assertThat(c.blocks()).extracting(b -> b.label() + " " + b.kubernetes() + " " + b.directives().stream()
                        .map(d -> d.name() + d.args() + d.block().size()).toList())
                .isEqualTo(file.blocks().stream().map(b -> b.label() + " " + b.kubernetes() + " " + b.directives().stream()
                        .map(d -> d.name() + d.args() + d.block().size()).toList()).toList());
    }

    @Test
    void choose_namesTheFileAndLine_whenTheFlagsCorefileDoesNotParse() {
        Path bad = resource("corefiles/ttl-not-a-number.Corefile");

        assertThatThrownBy(() -> CorefileSource.choose(Optional.of(bad), ClusterSnapshot.empty()))
                .isInstanceOf(ManifestException.class)
                .hasMessage(bad + ": line 7: kubernetes: ttl \"abc\" is not a number");
    }

    @Test
    void choose_namesTheConfigMapAndLine_whenItsCorefileDoesNotParse() throws Exception {
        ManifestReader reader = new ManifestReader(() -> {
            throw new AssertionError("no stdin");
        }, new ObjectConverter(new Interner()));
        ClusterSnapshot snapshot = reader.read(List.of(resource("manifests/coredns-configmap-bad-corefile.yaml").toString()))
                .snapshot();

        assertThatThrownBy(() -> CorefileSource.choose(Optional.empty(), snapshot))
                .hasMessage("ConfigMap kube-system/coredns: line 4: kubernetes: ttl \"forever\" is not a number");
    }

    @Test
    void choose_saysNoSuchFile_forAMissingFlagFile() {
        assertThatThrownBy(() -> CorefileSource.choose(Optional.of(Path.of("nope.Corefile")), ClusterSnapshot.empty()))
                .isInstanceOf(ManifestException.class)
                .hasMessage("nope.Corefile: no such file");
    }

    @Test
    void fromFile_refusesADirectory() {
        assertThatThrownBy(() -> CorefileSource.fromFile(temp))
                .hasMessage(temp + ": cannot read (is a directory)");
    }

    @Test
    void fromFile_refusesTextThatIsNotUtf8() throws Exception {
        Path latin1 = Files.write(temp.resolve("latin1.Corefile"), new byte[] {'#', ' ', (byte) 0xE9, '\n'});

        assertThatThrownBy(() -> CorefileSource.fromFile(latin1))
                .hasMessage(latin1 + ": cannot read (not UTF-8 text)");
    }
}
