/**
 * Benchmarks of the cluster access that print figures: port-forward latency and throughput, and
 * loading a cluster at the Kubernetes scale limit against a plain fabric8 list. Run with
 * {@code ./mvnw -q -Pbench}, never by surefire. Test code; may use the test fixtures.
 */
package dev.kdi.cluster.bench;
