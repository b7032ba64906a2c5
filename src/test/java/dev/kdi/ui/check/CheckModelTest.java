package dev.kdi.ui.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kdi.records.compare.Verdict;
import dev.kdi.session.CheckReport;
import dev.kdi.session.CheckRequest;
import dev.kdi.session.Progress;
import dev.kdi.ui.common.BackgroundTask;
import dev.kdi.ui.common.CurrentThreadTaskExecutor;
import dev.kdi.ui.common.TaskExecutor;
import dev.kdi.ui.common.UserMessage;
import dev.kdi.ui.fake.FakeSession;
import dev.kdi.ui.fake.SeedCluster;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckModelTest {
    private final List<UserMessage> messages = new ArrayList<>();
    private final List<CheckRequest> requests = new ArrayList<>();

    private CheckModel.Checker checker(FakeSession session) {
        return checker((request, progress) -> {
            requests.add(request);
            return session.check(request, progress);
        });
    }

    private static CheckModel.Checker checker(java.util.function.BiFunction<CheckRequest, Progress,
            CompletableFuture<CheckReport>> check) {
        return new CheckModel.Checker() {
            @Override
            public CompletableFuture<CheckReport> check(CheckRequest request, Progress progress) {
                return check.apply(request, progress);
            }

            @Override
            public String clusterDomain() {
                return "cluster.local";
            }

            @Override
            public Map<String, Object> view() {
                return Map.of("source", "live");
            }
        };
    }

    private static FakeSession staleShop() {
        var replicas = SeedCluster.healthyReplicas();
        FakeSession s = SeedCluster.session(Clock.systemUTC(), List.of(replicas.get(0),
                replicas.get(1).missingNamespace("shop")));
        try {
            s.start(Progress.NONE);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        return s;
    }

    private CheckModel ranOnStaleShop() {
        CheckModel model = new CheckModel(new CurrentThreadTaskExecutor(), messages::add);
        model.connect(checker(staleShop()), "", Set::of);
        model.run();
        return model;
    }

    @Test
    void run_putsEachReplicaInItsOwnColumnWhereTheyDisagree() {
        CheckModel model = ranOnStaleShop();

        CheckResult r = model.result().get();
        assertThat(r.disagreement()).isTrue();
        assertThat(r.replicas()).containsExactly("kube-system/coredns-7db6d8ff4d-2xkqz",
                "kube-system/coredns-7db6d8ff4d-q8h5m");
        assertThat(model.rows()).hasSize(r.rows().size());
        assertThat(r.rows()).filteredOn(row -> !row.agree()).isNotEmpty()
                .allSatisfy(row -> {
                    assertThat(row.namespace()).isEqualTo("shop");
                    assertThat(row.item(0).isOk()).isTrue();
                    assertThat(row.item(1).isOk()).isFalse();
                });
        assertThat(r.rows()).filteredOn(row -> row.namespace().equals("default")).isNotEmpty()
                .allSatisfy(row -> assertThat(row.status()).isEqualTo(CheckRow.Status.OK));
        assertThat(messages).isEmpty();
    }

    @Test
    void filters_combineStatusNamespaceTypeAndWords() {
        CheckModel model = ranOnStaleShop();
        int all = model.rows().size();

        model.show().set(CheckModel.Show.PROBLEMS);
        assertThat(model.rows()).isNotEmpty().allSatisfy(r -> assertThat(r.status()).isNotEqualTo(CheckRow.Status.OK));
        model.show().set(CheckModel.Show.ALL);
        model.namespace().set("default");
        model.type().set("PTR");
        assertThat(model.rows()).isNotEmpty().allSatisfy(r -> {
            assertThat(r.namespace()).isEqualTo("default");
            assertThat(r.question().type().mnemonic()).isEqualTo("PTR");
        });
        model.type().set(CheckModel.ANY);
        model.namespace().set(CheckModel.ANY);
        model.text().set("SAMPLE-headless   srv");
        assertThat(model.rows()).isNotEmpty()
                .allSatisfy(r -> assertThat(r.question().name()).contains("sample-headless"))
                .allSatisfy(r -> assertThat(r.question().type().mnemonic()).isEqualTo("SRV"));
        assertThat(model.shownText().get()).endsWith(" of " + String.format("%,d", all) + " names");
        model.text().set("");
        assertThat(model.rows()).hasSize(all);
    }

    @Test
    void rerunFailed_asksOnlyTheFailedQuestionsAndKeepsTheRest() {
        FakeSession session = staleShop();
        CheckModel model = new CheckModel(new CurrentThreadTaskExecutor(), messages::add);
        model.connect(checker(session), "", Set::of);
        model.run();
        int rows = model.result().get().rows().size();
        long failed = model.result().get().rows().stream().filter(r -> r.status() != CheckRow.Status.OK).count();

        session.script(SeedCluster.healthyReplicas().get(1));
        model.rerunFailed();

        assertThat(requests.get(1).only()).hasSize((int) failed);
        assertThat(model.result().get().rows()).hasSize(rows)
                .allSatisfy(r -> assertThat(r.status()).isEqualTo(CheckRow.Status.OK));
        assertThat(model.result().get().disagreement()).isFalse();
    }

    @Test
    void csv_hasOneLinePerReplicaAnswer_quotedAsRfc4180() throws Exception {
        CheckModel model = ranOnStaleShop();
        model.show().set(CheckModel.Show.MISSING);
        StringWriter out = new StringWriter();

        model.writeCsv(out);

        List<String> lines = out.toString().lines().toList();
        assertThat(lines.get(0)).isEqualTo("status,namespace,name,type,replica,expected,actual,reason");
        assertThat(lines).hasSize(1 + 2 * model.rows().size());
        assertThat(lines.subList(1, lines.size())).allMatch(l -> l.startsWith("ok,shop,") || l.startsWith("missing,shop,"));
        assertThat(CheckModel.csv("a,b \"c\"")).isEqualTo("\"a,b \"\"c\"\"\"");
        assertThat(model.json()).get().asString().contains("\"problems\"", "\"source\" : \"live\"");
    }

    @Test
    void cancel_dropsTheRunningCheck_andALateResultIsIgnored() {
        ManualExecutor manual = new ManualExecutor();
        CompletableFuture<CheckReport> never = new CompletableFuture<>();
        CheckModel model = new CheckModel(manual, messages::add);
        model.connect(checker((request, progress) -> never), "", Set::of);

        model.run();
        assertThat(model.running().get()).isTrue();
        model.cancel();

        assertThat(model.running().get()).isFalse();
        assertThat(model.message().get()).startsWith("Check cancelled.");
        // The cancelled task's outcome arrives late: it changes nothing.
        manual.succeedFirst(CheckResult.of(new CheckReport(List.of(), List.of(), List.of()), "cluster.local"));
        assertThat(model.result().get()).isNull();
        assertThat(model.message().get()).startsWith("Check cancelled.");
    }

    @Test
    void filters_deliveredOutOfOrder_showOnlyTheNewest() {
        CheckModel synchronous = ranOnStaleShop();
        ManualExecutor manual = new ManualExecutor();
        CheckModel model = new CheckModel(manual, messages::add);
        model.showForMeasurement(synchronous.result().get().report(), "cluster.local");
        model.text().set("shop");
        model.text().set("default");
        List<CheckRow> all = synchronous.result().get().rows();

        manual.run(2);
        manual.run(1);

        assertThat(model.rows()).isNotEmpty().allSatisfy(r -> assertThat(r.search()).contains("default"));
        assertThat(model.rows().size()).isLessThan(all.size());
    }

    @Test
    void aFailingCheck_isSaidInTheViewAndAsANotification() {
        CheckModel model = new CheckModel(new CurrentThreadTaskExecutor(), messages::add);
        model.connect(checker((request, progress) -> CompletableFuture.failedFuture(
                new IllegalStateException("no DNS replica is ready to check"))), "", Set::of);

        model.run();

        assertThat(model.message().get()).isEqualTo("The check failed: no DNS replica is ready to check");
        assertThat(messages).singleElement().satisfies(m -> assertThat(m.text()).contains("no DNS replica"));
    }

    @Test
    void counts_areMadeWithTheRows_andMatchTheReport() {
        CheckModel model = ranOnStaleShop();
        CheckReport report = model.result().get().report();

        CheckResult.Counts n = model.result().get().counts();

        assertThat(n.ok()).isEqualTo(report.count(Verdict.Kind.OK)).isPositive();
        assertThat(n.missing()).isEqualTo(report.count(Verdict.Kind.MISSING)).isPositive();
        assertThat(n.unexpected()).isEqualTo(report.count(Verdict.Kind.UNEXPECTED));
        assertThat(n.different()).isEqualTo(report.count(Verdict.Kind.DIFFERENT));
        assertThat(n.notAsked()).isEqualTo(report.failures());
        assertThat(n.skipped()).isEqualTo(report.skipped());
    }

    @Test
    void rerunFailed_findsWhatFailedOnTheWorker_andSaysWhenNothingDid() {
        FakeSession session = SeedCluster.session(Clock.systemUTC(), SeedCluster.healthyReplicas());
        try {
            session.start(Progress.NONE);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        CheckModel synchronous = new CheckModel(new CurrentThreadTaskExecutor(), messages::add);
        synchronous.connect(checker(session), "", Set::of);
        synchronous.run();
        ManualExecutor manual = new ManualExecutor();
        CheckModel model = new CheckModel(manual, messages::add);
        model.connect(checker(session), "", Set::of);
        model.showForMeasurement(synchronous.result().get().report(), "cluster.local");
        manual.run(0);
        CheckResult before = model.result().get();
        int asked = requests.size();

        model.rerunFailed();

        assertThat(model.running().get()).isTrue();
        assertThat(model.message().get()).isEqualTo("Finding what failed…");
        manual.run(1);
        assertThat(model.running().get()).isFalse();
        assertThat(model.message().get()).isEqualTo("Nothing failed: every answer was as predicted.");
        assertThat(model.result().get()).isSameAs(before);
        assertThat(requests).hasSize(asked);
    }

    @Test
    void exportCsv_writesOnTheWorkerTheRowsShownWhenAsked(@TempDir Path dir) throws Exception {
        ManualExecutor manual = new ManualExecutor();
        CheckModel model = new CheckModel(manual, messages::add);
        CheckModel synchronous = ranOnStaleShop();
        model.showForMeasurement(synchronous.result().get().report(), "cluster.local");
        model.show().set(CheckModel.Show.MISSING);
        manual.run(1);
        int shown = model.rows().size();
        Path file = dir.resolve("check.csv");

        model.exportCsv(file);
        // The filter changes before the file is written: the export keeps what was shown.
        model.show().set(CheckModel.Show.ALL);
        manual.run(3);
        assertThat(file).doesNotExist();
        manual.run(2);

        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(1 + 2 * shown);
        assertThat(lines.subList(1, lines.size())).allMatch(l -> l.startsWith("ok,shop,") || l.startsWith("missing,shop,"));
        assertThat(model.message().get()).isEqualTo("Wrote " + shown + " names as CSV to " + file + ".");
        try (var left = Files.list(dir)) {
            assertThat(left).containsExactly(file);
        }
    }

    @Test
    void exportJson_thatCannotBeWritten_isSaidAndNotified(@TempDir Path dir) {
        CheckModel model = ranOnStaleShop();
        Path file = dir.resolve("no such directory").resolve("check.json");

        model.exportJson(file);

        assertThat(model.message().get()).startsWith("Could not write " + file + ": ");
        assertThat(messages).singleElement().satisfies(m -> assertThat(m.title()).contains(file.toString()));
    }

    /** Holds tasks until the test runs them or hands them an outcome, in any order. */
    private static final class ManualExecutor implements TaskExecutor {
        private final List<BackgroundTask<?>> pending = new ArrayList<>();

        @Override
        public <T> Running execute(BackgroundTask<T> task) {
            pending.add(task);
            return new Running() {
                @Override
                public void cancel() {
                }

                @Override
                public boolean isDone() {
                    return false;
                }
            };
        }

        @SuppressWarnings("unchecked")
        void succeedFirst(Object value) {
            ((BackgroundTask<Object>) pending.get(0)).succeeded(value);
        }

        /** Runs the task started at this position (0 first) and delivers its outcome. */
        @SuppressWarnings("unchecked")
        void run(int position) {
            BackgroundTask<Object> task = (BackgroundTask<Object>) pending.get(position);
            try {
                task.succeeded(task.work().run(BackgroundTask.Context.NONE));
            } catch (Exception e) {
                task.failed(e);
            }
        }

        @Override
        public void onUiThread(Runnable action) {
            action.run();
        }
    }
}
