package dev.kdi.ui.tree;

/**
 * What a row's context menu can do beyond the tree: put text on the clipboard, look a name up in
 * the lookup panel, narrow the tree to one namespace.
 *
 * @param copy puts text on the clipboard
 * @param lookUp looks a DNS name up
 * @param onlyNamespace shows only the given namespace
 */
public record TreeActions(java.util.function.Consumer<String> copy, java.util.function.Consumer<String> lookUp,
                          java.util.function.Consumer<String> onlyNamespace) {

    /** Actions that do nothing, for views that do not need them. */
    public static TreeActions none() {
        return new TreeActions(s -> {
        }, s -> {
        }, s -> {
        });
    }
}
