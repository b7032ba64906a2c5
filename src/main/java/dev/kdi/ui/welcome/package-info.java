/**
 * The first view when there is no cluster to show: what the tool does, the demo cluster in one
 * click, manifests, and how to point it at a kubeconfig; also why opening failed, when it did.
 *
 * <p>Binds to the properties and actions the window hands it; uses {@code ui.common}; JavaFX.
 */
package dev.kdi.ui.welcome;
