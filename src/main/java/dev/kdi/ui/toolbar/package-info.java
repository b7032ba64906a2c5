/**
 * The toolbar: kubeconfig context, namespaces shown (type-ahead, several at once), the cluster
 * domain (detected, editable), which DNS replica to ask, refresh, and what else to open.
 *
 * <p>{@link dev.kdi.ui.toolbar.ToolbarModel} holds the state and hands commands to the window;
 * uses {@code ui.common}, {@code ui.inventory}, {@code ui.live} and {@code dev.kdi.session};
 * JavaFX and ControlsFX.
 */
package dev.kdi.ui.toolbar;
