/**
 * What the window shows of one inspection: namespaces, Services, endpoints and pods as entries
 * with their DNS names and lint badges, built once per inspection off the UI thread, plus the
 * lookups the views need (children of an entry, findings of an object, name completion).
 *
 * <p>Plain Java over {@code dev.kdi.session} and {@code dev.kdi.records}; no JavaFX.
 */
package dev.kdi.ui.inventory;
