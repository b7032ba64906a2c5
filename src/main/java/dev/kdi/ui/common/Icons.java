package dev.kdi.ui.common;

import java.util.Locale;
import javafx.scene.control.Button;
import javafx.scene.control.Tooltip;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The one icon set of the window (Material Design Icons through Ikonli), by what each icon means
 * here rather than by what it pictures, so a view never picks an icon of its own.
 */
public enum Icons {
    NAMESPACE("mdi2f-folder-outline"),
    SERVICE_CLUSTER_IP("mdi2s-server-network"),
    SERVICE_HEADLESS("mdi2d-dots-grid"),
    SERVICE_EXTERNAL_NAME("mdi2o-open-in-new"),
    SERVICE_NODE_PORT("mdi2e-ethernet"),
    SERVICE_LOAD_BALANCER("mdi2s-scale-balance"),
    ENDPOINT("mdi2c-circle-medium"),
    PODS("mdi2c-cube-outline"),
    POD("mdi2c-cube"),
    ERROR("mdi2a-alert-octagon"),
    WARNING("mdi2a-alert"),
    INFO("mdi2i-information-outline"),
    SAME("mdi2c-check-circle"),
    DIFFERENT("mdi2c-close-circle"),
    NOT_ASKED("mdi2h-help-circle-outline"),
    ASKING("mdi2d-dots-horizontal"),
    COPY("mdi2c-content-copy"),
    TERMINAL("mdi2c-console"),
    REFRESH("mdi2r-refresh"),
    RESOLVE("mdi2p-play"),
    RESOLVE_ALL("mdi2p-play-box-multiple"),
    SEARCH("mdi2m-magnify"),
    DNS("mdi2d-dns"),
    CLUSTER("mdi2k-kubernetes"),
    DEMO("mdi2f-flask-outline"),
    FILES("mdi2f-file-multiple-outline"),
    THEME("mdi2t-theme-light-dark"),
    FILTER("mdi2f-filter-variant"),
    CANCEL("mdi2c-cancel"),
    HISTORY("mdi2h-history"),
    AS_POD("mdi2a-account-search"),
    CONNECTED("mdi2l-lan-connect"),
    DOMAIN("mdi2w-web");

    private final String code;

    Icons(String code) {
        this.code = code;
    }

    /** The Ikonli code, e.g. {@code mdi2d-dns}. */
    public String code() {
        return code;
    }

    /** A new icon node with the style class {@code icon} and this icon's own class ({@code icon-same}). */
    public FontIcon create() {
        FontIcon icon = new FontIcon(code);
        icon.getStyleClass().addAll("icon", "icon-" + name().toLowerCase(Locale.ROOT).replace('_', '-'));
        return icon;
    }

    /** A button showing only this icon, with the tooltip saying what it does. */
    public Button button(String tooltip) {
        Button b = new Button(null, create());
        b.getStyleClass().add("icon-button");
        b.setTooltip(new Tooltip(tooltip));
        b.setAccessibleText(tooltip);
        return b;
    }

    /** A new icon of the given size in pixels. */
    public FontIcon create(int size) {
        FontIcon icon = create();
        icon.setIconSize(size);
        return icon;
    }
}
