package dev.kdi.dns;

import dev.kdi.dns.DnsException.Kind;
import dev.kdi.records.Answer;
import dev.kdi.records.Question;
import dev.kdi.records.RrType;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;

/**
 * One DNS-over-TCP conversation (RFC 1035 4.2.2, RFC 7766) over one {@link ByteStream}: many
 * queries pipelined, each reply matched to its query by message ID and question.
 *
 * <p>A reader thread reassembles replies from reads of any size and completes the queries'
 * futures; a writer thread sends queued queries in order, so {@link #query} never blocks. Every
 * failure completes futures with a {@link DnsException}; nothing waits forever. When the
 * conversation dies on its own (the peer closed, garbage arrived, the stream fell out of step),
 * the stream is closed, the {@link DeathListener} hears why (so the owner can open a new one),
 * and then every query in flight fails. Dependent actions of the returned futures run on the
 * reader thread unless added with an {@code *Async} method; they should not block.
 */
public final class DnsConnection implements AutoCloseable {

    /** Hears once that a conversation ended on its own; not called for {@link #close()}. */
    @FunctionalInterface
    public interface DeathListener {
        void died(DnsConnection connection, DnsException cause);
    }

    /**
     * How many timed-out queries are remembered so that their late replies are dropped instead of
     * being taken for an out-of-step stream. A reply later than that many newer timeouts does
     * close the conversation.
     */
    private static final int LATE_REPLIES_REMEMBERED = 4_096;

    /** Leaves IDs free beside the remembered ones, so choosing a fresh ID always ends quickly. */
    static final int MAX_IN_FLIGHT = 65_536 - LATE_REPLIES_REMEMBERED - 4_096;

    private static final int MAX_QUERIES_PER_WRITE = 256;

    private final ByteStream stream;
    private final String description;
    private final ScheduledExecutorService timer;
    private final boolean ownsTimer;
    private final DeathListener listener;

    private final Object lock = new Object();
    private final Map<Integer, Pending> inFlight = new HashMap<>();
    private final Map<Integer, Question> timedOut = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, Question> eldest) {
            return size() > LATE_REPLIES_REMEMBERED;
        }
    };
    private final SplittableRandom ids = new SplittableRandom();
    private boolean closed;
    private boolean closedByOwner;
    private DnsException failure;

    private final BlockingQueue<Pending> outbox = new LinkedBlockingQueue<>();
    private final Pending stopWriting = new Pending(-1, null, null);

    private DnsConnection(ByteStream stream, ScheduledExecutorService timer, boolean ownsTimer,
                          DeathListener listener) {
        this.stream = Objects.requireNonNull(stream, "stream");
        this.description = stream.description();
        this.timer = timer;
        this.ownsTimer = ownsTimer;
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * Starts a conversation whose timeouts run on a timer it owns (one thread from
     * {@code threads}, shut down when the conversation ends).
     */
    public static DnsConnection open(ByteStream stream, ThreadFactory threads, DeathListener listener) {
        String name = "kdi-dns-timer " + stream.description();
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = threads.newThread(r);
            t.setName(name);
            return t;
        });
        // Answered queries cancel their timeouts; without this, thousands of dead tasks pile up.
        timer.setRemoveOnCancelPolicy(true);
        return start(new DnsConnection(stream, timer, true, listener), threads);
    }

    /** Starts a conversation whose timeouts run on a shared timer that the caller shuts down. */
    public static DnsConnection open(ByteStream stream, ThreadFactory threads, ScheduledExecutorService timer,
                                     DeathListener listener) {
        return start(new DnsConnection(stream, Objects.requireNonNull(timer, "timer"), false, listener), threads);
    }

    private static DnsConnection start(DnsConnection c, ThreadFactory threads) {
        Thread reader = threads.newThread(c::readLoop);
        reader.setName("kdi-dns-read " + c.description);
        Thread writer = threads.newThread(c::writeLoop);
        writer.setName("kdi-dns-write " + c.description);
        reader.start();
        writer.start();
        return c;
    }

    /** What the stream reaches, as its messages name it. */
    public String description() {
        return description;
    }

    /** Whether queries can still be sent. */
    public boolean isOpen() {
        synchronized (lock) {
            return !closed;
        }
    }

    /** Why the conversation ended, once it has. */
    public Optional<DnsException> failure() {
        synchronized (lock) {
            return Optional.ofNullable(failure);
        }
    }

    /** Queries sent or queued whose replies have not arrived yet. */
    public int queriesInFlight() {
        synchronized (lock) {
            return inFlight.size();
        }
    }

    /**
     * Asks one question. The future completes with the decoded reply, or exceptionally with a
     * {@link DnsException} when no usable reply arrives within {@code timeout}, the reply is
     * truncated, or the conversation ends first. After the conversation ended it fails at once.
     */
    public CompletableFuture<DnsExchange> query(Question question, Duration timeout) {
        Objects.requireNonNull(question, "question");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("a timeout must be positive, not " + timeout);
        }
        if (question.type().equals(RrType.AXFR) || question.type().equals(RrType.IXFR)) {
            // A transfer answers in many messages under one ID; here the second would look out of step.
            return CompletableFuture.failedFuture(new DnsException(Kind.INVALID_QUESTION, "cannot ask for "
                    + question + " here: a zone transfer answers in many messages, this connection expects one"));
        }
        byte[] wire;
        try {
            wire = QueryEncoder.toWire(question, 0);
        } catch (DnsException e) {
            return CompletableFuture.failedFuture(e);
        }
        Pending p;
        synchronized (lock) {
            if (closed) {
                String why = closedByOwner ? "" : ": " + failure.getMessage();
                return CompletableFuture.failedFuture(new DnsException(Kind.CLOSED,
                        "the connection to " + description + " is closed" + why));
            }
            if (inFlight.size() >= MAX_IN_FLIGHT) {
                return CompletableFuture.failedFuture(new DnsException(Kind.TOO_MANY_IN_FLIGHT,
                        inFlight.size() + " queries are already waiting for " + description
                                + "; wait for some replies before asking more"));
            }
            int id = freshId();
            // Encoded once outside the lock with ID 0; the ID chosen here goes into its first bytes.
            p = new Pending(id, question, WireFrames.frame(wire, id));
            try {
                p.timeoutTask = timer.schedule(() -> timeOut(p, timeout), timeout.toNanos(), TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                return CompletableFuture.failedFuture(new DnsException(Kind.CLOSED,
                        "cannot time a query to " + description + ": its timer has been shut down", e));
            }
            inFlight.put(id, p);
        }
        outbox.add(p);
        return p.future;
    }

    /**
     * Ends the conversation: queries in flight fail with {@link Kind#CLOSED}, the stream is closed
     * and an owned timer is shut down. The death listener is not called.
     */
    @Override
    public void close() {
        die(new DnsException(Kind.CLOSED, "the connection to " + description + " was closed before the reply came"),
                null, null, false);
    }

    private int freshId() {
        while (true) {
            int id = ids.nextInt(65_536);
            if (!inFlight.containsKey(id) && !timedOut.containsKey(id)) {
                return id;
            }
        }
    }

    private void timeOut(Pending p, Duration timeout) {
        synchronized (lock) {
            if (inFlight.get(p.id) != p) {
                return;
            }
            inFlight.remove(p.id);
            if (p.sent) {
                timedOut.put(p.id, p.question);
            }
        }
        p.future.completeExceptionally(new DnsException(Kind.TIMEOUT,
                "no reply from " + description + " within " + human(timeout) + " to " + p.question));
    }

    private void writeLoop() {
        List<Pending> batch = new ArrayList<>();
        try {
            while (true) {
                batch.clear();
                batch.add(outbox.take());
                outbox.drainTo(batch, MAX_QUERIES_PER_WRITE - 1);
                ByteBuffer buffer = claim(batch);
                if (buffer == null) {
                    return;
                }
                long now = System.nanoTime();
                for (Pending p : batch) {
                    p.sentNanos = now;
                }
                while (buffer.hasRemaining()) {
                    stream.sink().write(buffer);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            if (isOpen()) {
                die(new DnsException(Kind.IO, "cannot write to " + description + ": " + e.getMessage(), e),
                        null, null, true);
            }
        }
    }

    /**
     * Marks the batch's queries that still wait as sent, dropping those that timed out before
     * their turn, and joins their frames; null when the writer should stop.
     */
    private ByteBuffer claim(List<Pending> batch) {
        int size = 0;
        synchronized (lock) {
            if (closed || batch.contains(stopWriting)) {
                return null;
            }
            batch.removeIf(p -> inFlight.get(p.id) != p);
            for (Pending p : batch) {
                p.sent = true;
                size += p.frame.length;
            }
        }
        ByteBuffer buffer = ByteBuffer.allocate(size);
        for (Pending p : batch) {
            buffer.put(p.frame);
        }
        return buffer.flip();
    }

    private void readLoop() {
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        FrameDecoder frames = new FrameDecoder();
        try {
            while (isOpen()) {
                buffer.clear();
                if (stream.source().read(buffer) < 0) {
                    endOfStream(frames);
                    return;
                }
                buffer.flip();
                frames.feed(buffer, this::onReply);
            }
        } catch (IOException | RuntimeException e) {
            if (isOpen()) {
                die(new DnsException(Kind.IO, "cannot read from " + description + ": " + e.getMessage(), e),
                        null, null, true);
            }
        }
    }

    private void endOfStream(FrameDecoder frames) {
        if (!frames.isMidFrame()) {
            // Servers close idle connections (RFC 7766 6.2.3); that is only worth a word when
            // queries were still waiting.
            String why = queriesInFlight() == 0 ? description + " closed the connection"
                    : description + " closed the connection before replying";
            die(new DnsException(Kind.CLOSED, why), null, null, true);
            return;
        }
        String cut = frames.expectedBytes() < 0
                ? "after the first byte of a reply's length"
                : "in the middle of a reply (" + frames.receivedBytes() + " of " + frames.expectedBytes() + " bytes)";
        DnsException cause = new DnsException(Kind.CLOSED, description + " closed the connection " + cut);
        Pending p = takeInFlight(frames.partialId());
        DnsException own = p == null ? null
                : new DnsException(Kind.CLOSED, description + " closed the connection " + cut + " to " + p.question);
        die(cause, p, own, true);
    }

    private void onReply(byte[] frame) {
        long arrived = System.nanoTime();
        WireFrames.Read read = WireFrames.read(frame);
        if (read instanceof WireFrames.Garbled g) {
            garbled(g.id(), g.what());
            return;
        }
        WireFrames.Reply parsed = (WireFrames.Reply) read;
        int id = parsed.id();
        Message reply = parsed.message();
        Pending p;
        synchronized (lock) {
            if (closed) {
                return;
            }
            p = inFlight.remove(id);
            if (p == null && timedOut.remove(id) != null) {
                // The reply to a query that already timed out: late, not out of step.
                return;
            }
        }
        if (p == null) {
            die(new DnsException(Kind.WRONG_ID, "reply with ID " + id + " from " + description
                    + " matches no query in flight: the stream is out of step; closing it"), null, null, true);
            return;
        }
        String asked = WireFrames.describeMismatch(p.question, reply);
        if (asked != null) {
            DnsException e = new DnsException(Kind.MISMATCHED_QUESTION, "reply with ID " + id + " from " + description
                    + " answers " + asked + ", not " + p.question + ": the stream is out of step; closing it");
            die(e, p, e, true);
            return;
        }
        p.timeoutTask.cancel(false);
        if (reply.getHeader().getFlag(Flags.TC)) {
            p.future.completeExceptionally(new DnsException(Kind.TRUNCATED, "reply from " + description + " to "
                    + p.question + " is truncated (TC bit set): the answer does not fit in one message"));
            return;
        }
        Answer answer;
        try {
            answer = AnswerDecoder.decode(p.question, reply);
        } catch (RuntimeException e) {
            p.future.completeExceptionally(new DnsException(Kind.GARBLED, "reply from " + description + " to "
                    + p.question + " cannot be read: " + e.getMessage(), e));
            return;
        }
        p.future.complete(new DnsExchange(p.question, answer, Duration.ofNanos(arrived - p.sentNanos), frame.length));
    }

    private void garbled(OptionalInt id, String what) {
        Pending p = takeInFlight(id);
        DnsException e = new DnsException(Kind.GARBLED, "reply from " + description
                + (p == null ? "" : " to " + p.question) + " " + what + "; closing the connection");
        die(e, p, e, true);
    }

    private Pending takeInFlight(OptionalInt id) {
        if (id.isEmpty()) {
            return null;
        }
        synchronized (lock) {
            return closed ? null : inFlight.remove(id.getAsInt());
        }
    }

    /**
     * Ends the conversation once: fails {@code attributed} with its own error and every other
     * query in flight with {@code cause}, closes the stream, stops the threads.
     */
    private void die(DnsException cause, Pending attributed, DnsException attributedError, boolean onItsOwn) {
        List<Pending> orphans;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            closedByOwner = !onItsOwn;
            failure = cause;
            orphans = new ArrayList<>(inFlight.values());
            inFlight.clear();
            timedOut.clear();
        }
        outbox.clear();
        outbox.add(stopWriting);
        try {
            stream.close();
        } catch (IOException | RuntimeException e) {
            // The stream is being abandoned; a failure to close it changes nothing for the caller.
        }
        if (ownsTimer) {
            timer.shutdownNow();
        }
        // The listener hears first, so whoever sees a query fail can rely on the owner knowing.
        if (onItsOwn) {
            try {
                listener.died(this, cause);
            } catch (RuntimeException e) {
                // A listener's bug must not keep the queries in flight from failing.
            }
        }
        if (attributed != null) {
            attributed.timeoutTask.cancel(false);
            attributed.future.completeExceptionally(attributedError);
        }
        for (Pending p : orphans) {
            p.timeoutTask.cancel(false);
            p.future.completeExceptionally(cause);
        }
    }

    /** {@code 2 s}, {@code 150 ms}, {@code 1.5 s}: as a person writes a timeout. */
    static String human(Duration d) {
        long ms = d.toMillis();
        if (ms < 1_000) {
            return ms + " ms";
        }
        return BigDecimal.valueOf(ms, 3).stripTrailingZeros().toPlainString() + " s";
    }

    /** A query between {@link #query} and its end; guarded by {@code lock} where noted. */
    private static final class Pending {
        final int id;
        final Question question;
        final byte[] frame;
        final CompletableFuture<DnsExchange> future = new CompletableFuture<>();
        /** Set under the lock before the query becomes visible to other threads. */
        ScheduledFuture<?> timeoutTask;
        /** Guarded by the lock: whether the query reached the stream, so a late reply may come. */
        boolean sent;
        volatile long sentNanos;

        Pending(int id, Question question, byte[] frame) {
            this.id = id;
            this.question = question;
            this.frame = frame;
        }
    }
}
