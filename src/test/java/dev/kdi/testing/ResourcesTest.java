package dev.kdi.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ResourcesTest {
    private final List<String> closed = new ArrayList<>();

    private AutoCloseable resource(String name, Exception failure) {
        return () -> {
            closed.add(name);
            if (failure != null) {
                throw failure;
            }
        };
    }

    @Test
    @DisplayName("every resource is closed in order, nulls skipped, and nothing is thrown when none fails")
    void closesAllInOrder() throws Exception {
        Resources.closeAll(resource("session", null), null, resource("api", null));
        assertThat(closed).containsExactly("session", "api");
    }

    @Test
    @DisplayName("a failing close stops none of the others; the first failure is thrown with the later ones in it")
    void failuresAreReportedAfterAllAreClosed() {
        IOException first = new IOException("session would not close");
        IllegalStateException second = new IllegalStateException("knot would not stop");
        assertThatThrownBy(() -> Resources.closeAll(resource("session", first), resource("knot", second),
                resource("api", null))).isSameAs(first).satisfies(e -> assertThat(e.getSuppressed())
                .containsExactly(second));
        assertThat(closed).containsExactly("session", "knot", "api");
    }
}
