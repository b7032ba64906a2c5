package dev.kdi.ui.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackgroundTaskTest {

    @Test
    void aTaskWithoutOnFailure_isRefusedBeforeItRuns() {
        List<String> ran = new ArrayList<>();
        BackgroundTask<String> task = BackgroundTask.of("Silent", ctx -> {
            ran.add("ran");
            return "x";
        }).onSuccess(ran::add);

        assertThatThrownBy(() -> task.runOnce(new CurrentThreadTaskExecutor()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("Silent").hasMessageContaining("onFailure");
        assertThat(ran).isEmpty();
    }

    @Test
    void aFailure_reachesOnFailureAndThenOnFinished() {
        List<String> seen = new ArrayList<>();
        BackgroundTask.<String>of("Failing", ctx -> {
            throw new IllegalStateException("broken");
        }).onSuccess(v -> seen.add("success")).onFailure(e -> seen.add("failure: " + e.getMessage()))
                .onFinished(() -> seen.add("finished")).runOnce(new CurrentThreadTaskExecutor());

        assertThat(seen).containsExactly("failure: broken", "finished");
    }

    @Test
    void notice_saysWhatFailedWhyAndWhatToDo() {
        UserMessage m = Failures.notice("Could not list the records", new IllegalStateException("the view is gone"));

        assertThat(m.level()).isEqualTo(UserMessage.Level.ERROR);
        assertThat(m.title()).isEqualTo("Could not list the records");
        assertThat(m.text()).startsWith("the view is gone\n").contains("Try again", "Copy diagnostics");
    }
}
