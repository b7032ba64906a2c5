package dev.kdi.ui.details;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kdi.records.corefile.CorefileParser;
import dev.kdi.records.lint.Finding;
import dev.kdi.records.lint.LintBenchmark;
import dev.kdi.records.lint.Severity;
import dev.kdi.session.SessionInfo;
import dev.kdi.testing.Await;
import dev.kdi.ui.fake.FakeSession;
import dev.kdi.ui.fake.SeedCluster;
import dev.kdi.ui.inventory.Inventory;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.layout.Pane;
import javafx.scene.layout.VBox;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/** The overview's cards arrive a few per pulse, in order, and a newer view replaces what was being filled. */
@ExtendWith(ApplicationExtension.class)
class OverviewPaneTest {
    private static Inventory big;
    private static Inventory seed;
    private OverviewPane pane;

    @BeforeAll
    static void views() {
        FakeSession s = new FakeSession(new SessionInfo(SessionInfo.Kind.LIVE, "t", "", ""), LintBenchmark.generate(200),
                CorefileParser.kubeadmDefault(), Clock.systemUTC(), SeedCluster.healthyReplicas());
        s.publish(s.snapshot());
        big = Inventory.build(s.current(), Optional.empty());
        s.close();
        seed = SeedCluster.view();
    }

    @BeforeEach
    void open() throws Exception {
        FxToolkit.setupStage(stage -> {
            pane = new OverviewPane(e -> {
            });
            stage.setScene(new Scene(pane, 800, 600));
            stage.show();
        });
        assertThat(problems(big).size()).as("problems of the generated cluster: more than the first cards")
                .isGreaterThan(26);
        assertThat(problems(seed).size()).as("problems of the seed cluster").isBetween(1, OverviewPane.PER_PULSE);
    }

    @Test
    void aBigListFillsAFewCardsPerPulse_inOrder_aboveTheLinkAndTips() throws Exception {
        List<String> first = fx(() -> {
            pane.show(big);
            return messages();
        });
        assertThat(first).hasSize(OverviewPane.PER_PULSE);
        waitFilled();
        List<String> all = fx(this::messages);
        assertThat(all).containsExactlyElementsOf(problems(big).subList(0, 25).stream().map(Finding::message).toList());
        List<Node> children = fx(() -> List.copyOf(content().getChildren()));
        int lastCard = lastCardIndex(children);
        assertThat(children.get(lastCard + 1)).isInstanceOf(Hyperlink.class);
        assertThat(((Hyperlink) children.get(lastCard + 1)).getText()).isEqualTo("Show " + (problems(big).size() - 25)
                + " more");
        assertThat(children.get(children.size() - 1)).isInstanceOf(Label.class);
        assertThat(((Label) children.get(children.size() - 1)).getText()).startsWith("Select a namespace");

        fx(() -> {
            ((Hyperlink) children.get(lastCard + 1)).fire();
            return null;
        });
        waitFilled();
        assertThat(fx(this::messages)).containsExactlyElementsOf(problems(big).stream().map(Finding::message).toList());
    }

    @Test
    void aNewViewWhileFilling_replacesTheCards_andNothingOfTheOldArrivesLater() throws Exception {
        fx(() -> {
            pane.show(big);
            pane.show(seed);
            return null;
        });
        waitFilled();
        // A few pulses more: a filler left running would add the big view's cards now.
        WaitForAsyncUtils.sleep(200, TimeUnit.MILLISECONDS);
        assertThat(fx(this::messages)).containsExactlyElementsOf(problems(seed).stream().map(Finding::message).toList());

        fx(() -> {
            pane.show(big);
            pane.show(null);
            return null;
        });
        WaitForAsyncUtils.sleep(200, TimeUnit.MILLISECONDS);
        assertThat(fx(() -> content().getChildren().size())).isZero();
        assertThat(fx(pane::filling)).isFalse();
    }

    private static List<Finding> problems(Inventory view) {
        return view.findings().stream().filter(f -> f.severity() != Severity.INFO).toList();
    }

    private void waitFilled() throws InterruptedException {
        Await.until(Duration.ofSeconds(30), () -> !fxQuiet(pane::filling), "the overview's cards to be made");
    }

    private Pane content() {
        return (VBox) pane.getContent();
    }

    /** The messages of the cards shown, top to bottom. */
    private List<String> messages() {
        return content().getChildren().stream().filter(n -> n.getStyleClass().contains("finding"))
                .map(n -> ((Label) n.lookup(".finding-message")).getText()).toList();
    }

    private static int lastCardIndex(List<Node> children) {
        int last = -1;
        for (int i = 0; i < children.size(); i++) {
            if (children.get(i).getStyleClass().contains("finding")) {
                last = i;
            }
        }
        return last;
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
    }

    private static boolean fxQuiet(Callable<Boolean> c) {
        try {
            return fx(c);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
