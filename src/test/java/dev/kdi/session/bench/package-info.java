/**
 * Benchmarks of the live path as a session drives it: a lookup's round trip through a
 * port-forward against direct TCP, and a check's throughput through one forward. They print
 * figures with their targets; run with {@code ./mvnw -q -Pbench}, never by surefire. Test code;
 * may use the test fixtures.
 */
package dev.kdi.session.bench;
