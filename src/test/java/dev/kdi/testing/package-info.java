/**
 * Fixtures that several test packages share: real servers started on loopback for the duration of
 * a test, such as {@link dev.kdi.testing.KnotServer}. Test code only; may use anything on the test
 * class path.
 */
package dev.kdi.testing;
