/**
 * Fixtures that several test packages share: real servers started on loopback for the duration of
 * a test, such as {@link dev.kdi.testing.KnotServer}; {@link dev.kdi.testing.ApiServerFaults}, which
 * puts a real API server's behaviour (tokens, RBAC, pagination, watch resumption) and its faults in
 * front of the mock API server; a generated cluster at the Kubernetes scale limit with the
 * dispatcher that serves it; and {@link dev.kdi.testing.Resources}, closing what a test started.
 * Test code only; may use anything on the test class path.
 */
package dev.kdi.testing;
