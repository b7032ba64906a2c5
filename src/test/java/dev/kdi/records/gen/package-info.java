/**
 * Seeded generators of clusters, Corefiles and questions for property tests and benchmarks:
 * small random clusters that mix every kind of Service, pod and slice, and clusters at the
 * Kubernetes scalability limit. Test code; depends only on {@code dev.kdi.records} and the JDK.
 */
package dev.kdi.records.gen;
