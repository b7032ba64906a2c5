package dev.kdi.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kdi.demo.DemoCluster;
import dev.kdi.ui.check.CheckModel;
import dev.kdi.ui.check.CheckRow;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeoutException;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** The window against the embedded demo cluster: the same behaviour through the real code paths. */
class DemoMainWindowTest extends MainWindowContract {
    @Override
    protected WindowFixture fixture() {
        return new DemoWindowFixture();
    }

    @Test
    void check_showsTheReplicaThatMissesShopInItsOwnColumn_filtersAndExports(FxRobot robot, @TempDir Path dir)
            throws Exception {
        robot.interact(() -> window.showCheck());
        robot.clickOn("#check-run");
        waitUntil(() -> !model.check().running().get() && model.check().message().get().startsWith("Asked")
                || model.check().message().get().startsWith("The check failed"));
        assertThat(model.check().message().get()).startsWith("Asked");
        waitUntil(() -> !model.check().rows().isEmpty());

        TableView<CheckRow> table = window.check().table();
        List<Object> replicas = table.getColumns().stream().map(c -> c.getProperties().get("replica")).toList();
        assertThat(replicas).contains("kube-system/" + DemoCluster.STALE_REPLICA, "kube-system/"
                + DemoCluster.HEALTHY_REPLICA);
        assertThat(table.getColumns()).extracting(TableColumn::getText).doesNotContain("Live");
        int stale = replicas.indexOf("kube-system/" + DemoCluster.STALE_REPLICA);
        int healthy = replicas.indexOf("kube-system/" + DemoCluster.HEALTHY_REPLICA);
        String suffix = DemoCluster.STALE_REPLICA.substring(DemoCluster.STALE_REPLICA.lastIndexOf('-'));
        assertThat(((javafx.scene.control.Label) table.getColumns().get(stale).getGraphic()).getText())
                .isEqualTo("…" + suffix);
        CheckRow web = table.getItems().stream()
                .filter(r -> r.question().name().equals("web.shop.svc.cluster.local.") && r.question().type().mnemonic()
                        .equals("A")).findFirst().orElseThrow();
        int at = table.getItems().indexOf(web);
        assertThat(table.getColumns().get(stale).getCellData(at)).isEqualTo("missing: NXDOMAIN");
        assertThat(table.getColumns().get(healthy).getCellData(at)).isEqualTo("ok");
        assertThat(web.namespace()).isEqualTo("shop");

        robot.interact(() -> model.check().show().set(CheckModel.Show.MISSING));
        waitUntil(() -> model.check().shownText().get().contains(" of "));
        assertThat(table.getItems()).isNotEmpty().allSatisfy(r -> {
            assertThat(r.has(CheckRow.Status.MISSING)).isTrue();
            assertThat(r.namespace()).isEqualTo("shop");
        });
        int shown = table.getItems().size();

        Path csv = dir.resolve("check.csv");
        robot.interact(() -> window.check().exportCsv(csv));
        waitUntil(() -> model.check().message().get().startsWith("Wrote"));
        assertThat(model.check().message().get()).isEqualTo("Wrote " + shown + " names as CSV to " + csv + ".");
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertThat(lines.get(0)).isEqualTo("status,namespace,name,type,replica,expected,actual,reason");
        assertThat(lines).hasSize(1 + 2 * shown)
                .contains("ok,shop,web.shop.svc.cluster.local.,A,kube-system/" + DemoCluster.HEALTHY_REPLICA + ","
                        + web.expected() + "," + web.expected() + ",")
                .anySatisfy(l -> assertThat(l).startsWith("missing,shop,web.shop.svc.cluster.local.,A,kube-system/"
                        + DemoCluster.STALE_REPLICA + "," + web.expected() + ",NXDOMAIN,"));

        Path json = dir.resolve("check.json");
        robot.interact(() -> window.check().exportJson(json));
        waitUntil(() -> model.check().message().get().startsWith("Wrote the check as JSON"));
        assertThat(Files.readString(json)).contains("\"problems\"", "\"counts\"", "\"view\"",
                "\"replica\" : \"kube-system/" + DemoCluster.STALE_REPLICA + "\"");

        // A row opens its object in the tree.
        robot.interact(() -> model.check().show().set(CheckModel.Show.ALL));
        WaitForAsyncUtils.waitForFxEvents();
        waitUntil(() -> table.getItems().contains(web));
        robot.interact(() -> {
            table.getSelectionModel().select(web);
            table.requestFocus();
        });
        robot.type(javafx.scene.input.KeyCode.ENTER);
        waitUntil(() -> model.tree().selected().get() != null
                && model.tree().selected().get().key().equals("svc/shop/web"));
    }
}
