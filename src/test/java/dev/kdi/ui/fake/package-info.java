/**
 * Sessions for the window's tests and for running it by hand: a fake session that serves a
 * snapshot through the real model, with scripted DNS replicas (one that misses a namespace, one
 * that fails) and live updates on demand; and the seed example with a broken namespace.
 */
package dev.kdi.ui.fake;
