package dev.kdi.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StateDirectoryTest {
    private final Path home = Path.of("/home/ops");

    @Test
    void linux_usesXdgStateHome_elseLocalState() {
        assertThat(StateDirectory.of(Map.of("XDG_STATE_HOME", "/var/state/ops"), "Linux", home))
                .isEqualTo(Path.of("/var/state/ops/kdi"));
        assertThat(StateDirectory.of(Map.of(), "Linux", home)).isEqualTo(Path.of("/home/ops/.local/state/kdi"));
        // The XDG spec says to ignore a relative path.
        assertThat(StateDirectory.of(Map.of("XDG_STATE_HOME", "state"), "Linux", home))
                .isEqualTo(Path.of("/home/ops/.local/state/kdi"));
    }

    @Test
    void macAndWindows_useTheirUsualPlaces() {
        assertThat(StateDirectory.of(Map.of(), "Mac OS X", home)).isEqualTo(Path.of("/home/ops/Library/Logs/kdi"));
        assertThat(StateDirectory.of(Map.of("LOCALAPPDATA", "/c/Users/ops/AppData/Local"), "Windows 11", home))
                .isEqualTo(Path.of("/c/Users/ops/AppData/Local/kdi/logs"));
    }
}
