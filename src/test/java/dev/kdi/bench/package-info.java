/**
 * Runs the project's benchmarks: every class named {@code *Benchmark} with a {@code main} on the
 * test classpath, each in a JVM of its own. Not part of the test suite ({@code ./mvnw -Pbench}).
 */
package dev.kdi.bench;
