package dev.kdi.ui.watch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kdi.session.Progress;
import dev.kdi.ui.fake.FakeSession;
import dev.kdi.ui.fake.SeedCluster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatchModelTest {
    @TempDir
    Path scratch;
    private WatchModel model;

    @AfterEach
    void close() {
        if (model != null) {
            model.close();
        }
    }

    private WatchModel watching() throws InterruptedException {
        FakeSession session = SeedCluster.session(Clock.systemUTC(), SeedCluster.healthyReplicas());
        session.start(Progress.NONE);
        model = new WatchModel(() -> session, Runnable::run, Clock.systemUTC(), scratch);
        model.add("web.shop.svc.cluster.local");
        model.interval().set("50ms");
        return model;
    }

    @Test
    void aRecordingIsDeletedWhenAnotherReplacesIt_andTheLastWhenTheModelCloses(@TempDir Path saved) throws Exception {
        WatchModel m = watching();
        m.start();
        waitUntil(() -> m.timeline().asked() >= 4);
        m.stop();
        List<Path> first = recordings();
        assertThat(first).hasSize(1);

        Path copy = saved.resolve("watch.ndjson");
        m.save(copy);
        waitUntil(() -> m.message().get().startsWith("Saved"));
        assertThat(Files.readAllLines(copy, StandardCharsets.UTF_8)).hasSizeGreaterThanOrEqualTo(4)
                .allMatch(l -> l.contains("\"name\":\"web.shop.svc.cluster.local.\""));

        m.start();
        waitUntil(() -> {
            List<Path> now = recordings();
            return now.size() == 1 && !now.equals(first);
        });
        m.stop();

        m.close();
        waitUntil(() -> recordings().isEmpty());
        assertThat(copy).exists();
    }

    @Test
    void openingARecording_deletesTheWatchsOwn(@TempDir Path saved) throws Exception {
        WatchModel m = watching();
        m.start();
        waitUntil(() -> m.timeline().asked() >= 2);
        m.stop();
        Path copy = saved.resolve("watch.ndjson");
        m.save(copy);
        waitUntil(() -> m.message().get().startsWith("Saved"));

        m.open(copy);

        waitUntil(() -> m.message().get().startsWith("Opened"));
        assertThat(recordings()).isEmpty();
        assertThat(m.canSave()).isTrue();
    }

    private List<Path> recordings() {
        try (var files = Files.list(scratch)) {
            return files.filter(f -> f.getFileName().toString().startsWith("kdi-watch-")).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void waitUntil(BooleanSupplier condition) throws InterruptedException {
        long until = System.nanoTime() + 20_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 20 s").isLessThan(until);
            Thread.sleep(20);
        }
    }
}
