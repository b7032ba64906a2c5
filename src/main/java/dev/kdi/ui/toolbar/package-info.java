/**
 * The toolbar: kubeconfig context, namespaces shown (type-ahead, several at once), the cluster
 * domain (detected, editable), which DNS replica to ask, refresh, and what else to open.
 *
 * <p>Binds to {@code ui.window.WindowModel}; JavaFX and ControlsFX.
 */
package dev.kdi.ui.toolbar;
