package dev.kdi.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * fabric8's {@code KubernetesDeserializer}, when let, finds every model class through a
 * {@code ServiceLoader} and instantiates each (with the demo open, about 460 classes and 3.5 MB
 * of metaspace, kept for the life of the process) the first time anything is read as an untyped
 * resource. kdi's clients know the kinds they read instead; this test fails when anything brings
 * the scan back.
 *
 * <p>The scan is cached in a static field and the tests share one JVM, so the probe runs in a
 * class loader of its own, where nothing else has run: a kubeconfig read into a context, the demo
 * opened in a session (the demo's own client loading the seed manifests and watching, the
 * session's client listing and watching), and a pod that reaches the session as watch events.
 */
class NoModelScanTest {
    /** Model classes of kinds kdi never reads; the scan loads every one. */
    private static final List<String> NEVER_READ = List.of(
            "io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler",
            "io.fabric8.kubernetes.api.model.batch.v1beta1.CronJob",
            "io.fabric8.kubernetes.api.model.networking.v1.Ingress",
            "io.fabric8.kubernetes.api.model.rbac.ClusterRole",
            "io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget");

    /** A class loader over the test class path that says which classes it has loaded. */
    private static final class Isolated extends URLClassLoader {
        Isolated(URL[] urls) {
            super("no-model-scan", urls, ClassLoader.getPlatformClassLoader());
        }

        boolean loaded(String name) {
            synchronized (getClassLoadingLock(name)) {
                return findLoadedClass(name) != null;
            }
        }
    }

    private static URL[] testClassPath() throws MalformedURLException {
        String path = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<URL> urls = new ArrayList<>();
        for (String entry : path.split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        return urls.toArray(URL[]::new);
    }

    @Test
    @DisplayName("a kubeconfig, the demo and a session's watch events never make fabric8 scan for every model class")
    void demoAndSessionNeverScan(@TempDir Path dir) throws Exception {
        // Not closed: the demo's Vert.x threads may still be winding down, and would fail to load
        // their classes from a closed loader; it goes with its last reference.
        Isolated loader = new Isolated(testClassPath());
        for (String name : NEVER_READ) {
            assertThat(loader.getResource(name.replace('.', '/') + ".class")).as(name + " is on the class path")
                    .isNotNull();
        }
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        // fabric8's scan asks the context class loader too: make it the isolated one.
        thread.setContextClassLoader(loader);
        try {
            loader.loadClass(ModelScanProbe.class.getName()).getMethod("run", Path.class).invoke(null, dir);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } finally {
            thread.setContextClassLoader(before);
        }

        assertThat(loader.loaded("io.fabric8.kubernetes.api.model.Pod")).as("the probe ran in the isolated loader")
                .isTrue();
        assertThat(NEVER_READ).filteredOn(loader::loaded).as("model classes of kinds kdi never reads").isEmpty();
        Field scan = loader.loadClass("io.fabric8.kubernetes.internal.KubernetesDeserializer")
                .getDeclaredField("DEFAULT_MAPPING");
        scan.setAccessible(true);
        assertThat(scan.get(null)).as("fabric8's cached scan of the class path").isNull();
    }
}
