package dev.kdi.ui;

import dev.kdi.ui.common.Notifier;
import dev.kdi.ui.common.UserMessage;
import java.util.function.Supplier;
import javafx.geometry.Pos;
import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;

/** Messages as ControlsFX notifications in the window's corner; errors stay longer. */
final class FxNotifier implements Notifier {
    private final Supplier<Window> owner;

    FxNotifier(Supplier<Window> owner) {
        this.owner = owner;
    }

    @Override
    public void show(UserMessage message) {
        Window w = owner.get();
        if (w == null || !w.isShowing()) {
            return;
        }
        Notifications n = Notifications.create().owner(w).title(message.title()).text(message.text())
                .position(Pos.BOTTOM_RIGHT)
                .hideAfter(Duration.seconds(message.level() == UserMessage.Level.ERROR ? 15 : 7));
        switch (message.level()) {
            case ERROR -> n.showError();
            case WARNING -> n.showWarning();
            case INFO -> n.showInformation();
        }
    }
}
