/**
 * The right-hand pane: for the selected namespace, Service, endpoint or pod, every record it
 * should produce with the live answer beside each, the findings that concern it with their fix,
 * and the buttons that ask the cluster DNS and copy names, records and reproduction commands.
 *
 * <p>Uses {@code ui.inventory}, {@code ui.live} and {@code ui.common}; JavaFX and ControlsFX.
 */
package dev.kdi.ui.details;
