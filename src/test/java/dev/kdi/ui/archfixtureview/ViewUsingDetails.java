package dev.kdi.ui.archfixtureview;

import dev.kdi.ui.common.Texts;
import dev.kdi.ui.details.DetailsModel;
import dev.kdi.ui.inventory.Inventory;

/**
 * A view package no rule names, which breaks "views do not use each other" by reaching into the
 * details view; its use of {@code ui.common} and {@code ui.inventory} is allowed.
 */
public final class ViewUsingDetails {
    public String describe(DetailsModel details, Inventory inventory) {
        return Texts.count(inventory.podCount(), "pod", "pods") + " " + details;
    }
}
