package dev.kdi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Linux app-image's {@code bin/kdi} ({@code packaging/linux/launcher}), run in a copy of the
 * image's layout whose {@code java} only reports what it was given: the JVM options, the
 * environment it sets, and the arguments passed on untouched.
 */
class LinuxLauncherTest {
    @TempDir
    Path image;

    @BeforeEach
    void layOutImage() throws IOException {
        Path bin = Files.createDirectories(image.resolve("bin"));
        Files.copy(Path.of("packaging/linux/launcher"), bin.resolve("kdi"));
        Path java = Files.createDirectories(image.resolve("lib/runtime/bin")).resolve("java");
        // One argument per line, then the environment the launcher is responsible for.
        Files.writeString(java, """
                #!/bin/sh
                for a in "$@"; do printf 'arg %s\\n' "$a"; done
                printf 'env GDK_GL=%s\\n' "${GDK_GL-unset}"
                printf 'env MALLOC_ARENA_MAX=%s\\n' "${MALLOC_ARENA_MAX-unset}"
                """, StandardCharsets.UTF_8);
        Files.createDirectories(image.resolve("lib/app"));
        Files.writeString(image.resolve("lib/app/jvm.options"), "-XX:+UseSerialGC\n");
        for (Path script : List.of(bin.resolve("kdi"), java)) {
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void passesTheArgumentsOnUntouched_afterTheJvmOptionsAndTheMainClass() throws Exception {
        List<String> out = launch(Map.of(), "lookup", "a name with spaces", "-n", "default");

        assertThat(arguments(out)).endsWith("@" + image.resolve("lib/app/jvm.options"), "-cp",
                image.resolve("lib/app/kdi.jar").toString(), "dev.kdi.Main", "lookup", "a name with spaces", "-n",
                "default");
        assertThat(out).contains("env MALLOC_ARENA_MAX=2");
    }

    @Test
    void choosesTheSoftwareRenderer_exactlyWhenThereIsNoGpuDevice() throws Exception {
        List<String> out = launch(Map.of(), "--demo");

        if (gpuDevice()) {
            assertThat(arguments(out)).noneMatch(a -> a.startsWith("-Dprism.order"));
            assertThat(out).contains("env GDK_GL=unset");
        } else {
            assertThat(arguments(out)).contains("-Dprism.order=sw");
            assertThat(out).contains("env GDK_GL=disable");
        }
    }

    @Test
    void leavesTheOperatorsOwnChoicesAlone() throws Exception {
        List<String> out = launch(Map.of("JDK_JAVA_OPTIONS", "-Dprism.order=es2", "GDK_GL", "always",
                "MALLOC_ARENA_MAX", "4"), "--demo");

        assertThat(arguments(out)).noneMatch(a -> a.startsWith("-Dprism.order"));
        assertThat(out).contains("env GDK_GL=always", "env MALLOC_ARENA_MAX=4");
    }

    private List<String> launch(Map<String, String> extra, String... args) throws IOException, InterruptedException {
        Map<String, String> env = new HashMap<>(Map.of("PATH", "/usr/bin:/bin"));
        env.putAll(extra);
        List<String> command = new java.util.ArrayList<>(List.of(image.resolve("bin/kdi").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(env);
        Process p = pb.start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("the launcher ended").isTrue();
        assertThat(p.exitValue()).as(text).isZero();
        return text.lines().toList();
    }

    private static List<String> arguments(List<String> out) {
        return out.stream().filter(l -> l.startsWith("arg ")).map(l -> l.substring(4)).toList();
    }

    /** The device nodes a GPU driver gives (DRM, NVIDIA's own, WSL's), as the launcher looks for them. */
    private static boolean gpuDevice() throws IOException {
        if (Files.exists(Path.of("/dev/dxg"))) {
            return true;
        }
        return anyMatching(Path.of("/dev/dri"), "{card,renderD}*") || anyMatching(Path.of("/dev"), "nvidia[0-9]*");
    }

    private static boolean anyMatching(Path dir, String glob) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, glob)) {
            return s.iterator().hasNext();
        }
    }
}
