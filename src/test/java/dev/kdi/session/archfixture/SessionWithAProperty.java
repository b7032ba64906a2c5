package dev.kdi.session.archfixture;

import javafx.beans.property.SimpleStringProperty;

/** Breaks "no JavaFX outside ui": a session exposing a JavaFX property. */
public final class SessionWithAProperty {
    public final SimpleStringProperty name = new SimpleStringProperty("demo");
}
