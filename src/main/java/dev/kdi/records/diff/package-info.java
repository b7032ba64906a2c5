/**
 * What a change to the cluster's objects or Corefile does to DNS before it is applied: the same
 * questions {@code kdi check} asks ({@link dev.kdi.records.ZoneQuestions}) answered by the model
 * before and the model after, the names that appear, vanish or answer differently, the lint
 * findings that appear or are resolved, the changes the API server would refuse, and which
 * changed names other objects refer to. {@link dev.kdi.records.diff.IncrementalDiff} finds the
 * same diff by recomputing only the namespaces a change touches and those depending on them.
 *
 * <p>Pure: JDK and {@code dev.kdi.records} only, so the command line and the window show the same
 * diff.
 */
package dev.kdi.records.diff;
