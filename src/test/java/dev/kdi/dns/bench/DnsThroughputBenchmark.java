package dev.kdi.dns.bench;

import dev.kdi.dns.ByteStream;
import dev.kdi.dns.DnsConnection;
import dev.kdi.dns.DnsExchange;
import dev.kdi.records.Question;
import dev.kdi.records.RrType;
import dev.kdi.testing.KnotServer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Queries per second through one {@link DnsConnection} to a local Knot server: one query at a
 * time against pipelined windows of queries in flight. A benchmark that prints figures, not a
 * test (surefire's default includes do not match {@code *Benchmark}).
 *
 * <p>Run: {@code ./mvnw -q -B test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.kdi.dns.bench.DnsThroughputBenchmark}
 */
public final class DnsThroughputBenchmark {
    private static final int HOSTS = 1_000;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private DnsThroughputBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        StringBuilder zone = new StringBuilder("""
                $ORIGIN bench.test.
                $TTL 30
                @ IN SOA ns1 hostmaster 1 3600 600 86400 30
                @ IN NS ns1
                ns1 IN A 127.0.0.1
                """);
        for (int i = 0; i < HOSTS; i++) {
            zone.append("host-").append(i).append(" IN A 10.2.").append(i / 256).append('.').append(i % 256).append('\n');
        }
        ThreadFactory daemons = r -> {
            Thread t = new Thread(r);
            t.setDaemon(true);
            return t;
        };
        try (KnotServer knot = KnotServer.start("bench.test.", zone.toString());
             DnsConnection connection = DnsConnection.open(connect(knot.socketAddress()), daemons, (c, cause) ->
                     System.err.println("connection died: " + cause.getMessage()))) {
            System.out.println("Knot DNS on " + knot.socketAddress() + ", one TCP connection, A queries for "
                    + HOSTS + " names; " + Runtime.getRuntime().availableProcessors() + " cores");
            run(connection, 1, 2_000);
            run(connection, 1_000, 20_000);
            System.out.printf("%-22s %10s %12s %10s %10s%n", "mode", "queries", "queries/s", "p50 ms", "p99 ms");
            print("one at a time", run(connection, 1, 5_000));
            for (int window : new int[] {10, 100, 1_000}) {
                print("pipelined, " + window + " in flight", run(connection, window, 50_000));
            }
        }
    }

    private static ByteStream connect(InetSocketAddress address) throws Exception {
        return ByteStream.connect(address, Duration.ofSeconds(5));
    }

    /** Times {@code count} queries with at most {@code window} in flight. */
    private static Result run(DnsConnection connection, int window, int count) throws Exception {
        Semaphore slots = new Semaphore(window);
        long[] rttNanos = new long[count];
        AtomicInteger failures = new AtomicInteger();
        CompletableFuture<?>[] all = new CompletableFuture<?>[count];
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            slots.acquire();
            int index = i;
            Question q = new Question("host-" + (i % HOSTS) + ".bench.test.", RrType.A);
            all[i] = connection.query(q, TIMEOUT).whenComplete((DnsExchange x, Throwable e) -> {
                if (e != null) {
                    failures.incrementAndGet();
                } else {
                    rttNanos[index] = x.roundTrip().toNanos();
                }
                slots.release();
            });
        }
        CompletableFuture.allOf(all).join();
        long elapsed = System.nanoTime() - start;
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " of " + count + " queries failed");
        }
        Arrays.sort(rttNanos);
        return new Result(count, elapsed, rttNanos[count / 2], rttNanos[(int) (count * 0.99)]);
    }

    private static void print(String mode, Result r) {
        System.out.printf(Locale.ROOT, "%-22s %10d %12.0f %10.3f %10.3f%n", mode, r.count,
                r.count / (r.elapsedNanos / 1e9), r.p50Nanos / 1e6, r.p99Nanos / 1e6);
    }

    private record Result(int count, long elapsedNanos, long p50Nanos, long p99Nanos) {
    }
}
