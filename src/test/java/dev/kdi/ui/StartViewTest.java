package dev.kdi.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kdi.ui.common.UiPreferences;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.scene.Scene;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.scene.text.Text;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/** The start view, the window's first frame, is drawn in the theme the main window opens in. */
@ExtendWith(ApplicationExtension.class)
class StartViewTest {
    @Test
    void eachThemesStartViewUsesThatThemesPalette() throws Exception {
        for (Theme theme : Theme.values()) {
            Map<String, Color> css = palette(theme);
            Scene scene = WaitForAsyncUtils.asyncFx(() -> StartView.scene("Opening the demo cluster", 900, 600, theme)).get();
            Region root = (Region) scene.getRoot();
            Region card = (Region) scene.lookup("#kdi-start");
            assertThat(fill(root)).as(theme + " background").isEqualTo(css.get("kdi-background"));
            assertThat(fill(card)).as(theme + " card").isEqualTo(css.get("kdi-surface"));
            assertThat(card.getBorder().getStrokes().get(0).getTopStroke()).as(theme + " border").isEqualTo(css.get("kdi-border"));
            assertThat(card.getChildrenUnmodifiable()).extracting(n -> ((Text) n).getFill())
                    .as(theme + " text").containsExactly(css.get("kdi-text"), css.get("kdi-text-dim"));
        }
    }

    @Test
    void theSavedThemeIsReadAsTheMainWindowReadsIt() {
        UiPreferences preferences = UiPreferences.inMemory();
        assertThat(Theme.saved(preferences)).isEmpty();
        preferences.theme("DARK");
        assertThat(Theme.saved(preferences)).contains(Theme.DARK);
        preferences.theme("LIGHT");
        assertThat(Theme.saved(preferences)).contains(Theme.LIGHT);
        preferences.theme("SOLARIZED");
        assertThat(Theme.saved(preferences)).isEmpty();
    }

    private static Paint fill(Region region) {
        return region.getBackground().getFills().get(0).getFill();
    }

    /** The theme's named colours, read from its own stylesheet. */
    private static Map<String, Color> palette(Theme theme) throws IOException {
        String name = theme == Theme.DARK ? "dark.css" : "light.css";
        try (InputStream in = Theme.class.getResourceAsStream("/dev/kdi/ui/theme/" + name)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Matcher m = Pattern.compile("(kdi-[a-z-]+):\\s*(#[0-9a-fA-F]{6})\\s*;").matcher(text);
            Map<String, Color> colours = new HashMap<>();
            while (m.find()) {
                colours.putIfAbsent(m.group(1), Color.web(m.group(2)));
            }
            assertThat(colours).containsKeys("kdi-background", "kdi-surface", "kdi-border", "kdi-text", "kdi-text-dim");
            return colours;
        }
    }
}
