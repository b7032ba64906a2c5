package dev.kdi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Input as kubectl takes it, from the command line: bad files, --keep-going, -n with -f, the help. */
class InputAsKubectlTest {
    private static String fixture(String name) {
        try {
            return Path.of(InputAsKubectlTest.class.getResource("/manifests/as-kubectl/" + name).toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aDirectoryWithBadFiles_printsTheRestAndExits2() {
        String dir = fixture("ingress-dir");
        CliRun run = CliRun.run("records", "-f", dir);

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).contains("ingress-nginx-controller.ingress-nginx.svc.cluster.local. 30 IN A 10.96.30.1");
        assertThat(run.err().lines()).containsExactly(
                dir + "/broken.yaml: document 1 (Service ingress-nginx/broken): spec.ports[0].port: \"eighty\" is not"
                        + " a number (line 8)",
                dir + "/kustomization.yaml: a kustomize directory: run `kubectl kustomize " + dir
                        + "` and pass its output",
                dir + "/patch-kustomize.yml: a kustomize directory: run `kubectl kustomize " + dir
                        + "` and pass its output");
    }

    @Test
    void keepGoing_makesTheExitDependOnTheFindingsAlone() {
        String dir = fixture("ingress-dir");
        CliRun records = CliRun.run("records", "-f", dir, "--keep-going");
        CliRun lint = CliRun.run("lint", "-f", dir, "-f", fixture("anchors-and-merge-keys.yaml"), "--keep-going");

        assertThat(records.exit()).isZero();
        assertThat(records.err()).contains("broken.yaml");
        // The headless api Service selects no pod: a warning, so 1 and not 2.
        assertThat(lint.exit()).isEqualTo(1);
        assertThat(lint.out()).isNotEmpty();
    }

    @Test
    void aHelmTemplateSaysToRenderItFirst() {
        CliRun run = CliRun.run("predict", "-f", fixture("helm-template.yaml"), "web.default.svc.cluster.local");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().strip()).isEqualTo(fixture("helm-template.yaml")
                + ": unrendered template: run `helm template` first (a template action on line 4)");
    }

    @Test
    void oneDashN_givesNamespaceLessObjectsItsNamespace_inPredictToo() {
        CliRun run = CliRun.run("predict", "-n", "argocd", "-f", fixture("namespace-less/argocd-like.yaml"),
                "argocd-server.argocd.svc.cluster.local");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("argocd-server.argocd.svc.cluster.local. 30 IN A 10.96.40.1");
    }

    @Test
    void anObjectInAnotherNamespace_isBadInput_andTheRestIsStillAnswered() {
        CliRun run = CliRun.run("predict", "-n", "argocd", "-f", fixture("namespace-less"),
                "argocd-server.argocd.svc.cluster.local");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).contains("IN A 10.96.40.1");
        assertThat(run.err()).contains("elsewhere.yaml: document 1 (Service redis/redis): metadata.namespace: the"
                + " namespace from the provided object \"redis\" does not match the namespace \"argocd\"");
    }

    @Test
    void theHelpSaysWhatDashNMeansWithFilesAndLive_andThatRecordsJsonIsABareArray() {
        for (String command : new String[] {"records", "predict", "lint", "search-path"}) {
            String help = CliRun.run(command, "--help").out().replaceAll("\\s+", " ");
            assertThat(help).as(command).contains("With -f, as kubectl apply -n").contains("Live");
        }
        assertThat(CliRun.run("records", "--help").out().replaceAll("\\s+", " "))
                .contains("a bare array of records").contains("scripts rely on it");
    }
}
