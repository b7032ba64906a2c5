/**
 * The desktop face: {@link dev.kdi.ui.KdiApp} opens the window, {@link dev.kdi.ui.MainWindow}
 * puts the views of the subpackages together, and the themes live in {@code theme/}.
 *
 * <p>Subpackages have one view each ({@code tree}, {@code details}, {@code lookup}, {@code status},
 * {@code toolbar}, {@code welcome}, ...) over view-models that hold JavaFX properties and run slow
 * work through an injected {@code TaskExecutor}. A view package never uses another view package:
 * views share {@code ui.common} and the plain-Java helpers {@code ui.inventory} and
 * {@code ui.live}, and {@code ui.window} composes their view-models. Data comes only from
 * {@code dev.kdi.session} and {@code dev.kdi.records}; nothing here calls fabric8 or dnsjava.
 */
package dev.kdi.ui;
