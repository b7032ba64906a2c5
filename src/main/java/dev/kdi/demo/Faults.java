package dev.kdi.demo;

import java.util.Objects;

/**
 * Misbehaviour the emulated port-forward can inject into one forward, to test clients against the
 * framing and endings a real API server and kubelet may produce. "Messages" below are server-to-client
 * data messages (channel 0) after the two port frames.
 *
 * @param split how each server-to-client payload is cut into messages
 * @param mergeCount hold up to this many payloads and send them as one message (1 = no merging); held
 *     payloads also go out after {@link #MERGE_LINGER_MILLIS} so a waiting client is never starved
 * @param errorAfter after this many messages send {@code errorText} on the error channel and end the
 *     forward, as the kubelet does; {@link #NEVER} for no error
 * @param errorText the error-channel text
 * @param dropAfter after this many messages close the websocket without an error; {@link #NEVER} for
 *     no drop
 * @param swallow accept the forward but never pass the client's bytes on, so nothing ever answers
 */
public record Faults(Split split, int mergeCount, int errorAfter, String errorText, int dropAfter,
                     boolean swallow) {

    public static final int NEVER = -1;
    public static final long MERGE_LINGER_MILLIS = 20;

    public Faults {
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(errorText, "errorText");
        if (mergeCount < 1) {
            throw new IllegalArgumentException("mergeCount must be at least 1, got " + mergeCount);
        }
        if (errorAfter < NEVER || dropAfter < NEVER) {
            throw new IllegalArgumentException("errorAfter and dropAfter must be NEVER or at least 0");
        }
    }

    /** A well-behaved forward. */
    public static Faults none() {
        return new Faults(new Split.None(), 1, NEVER, "", NEVER, false);
    }

    /** Cuts every payload of two or more bytes into two messages after {@code offset} bytes (clamped). */
    public Faults splitAt(int offset) {
        return new Faults(new Split.At(offset), mergeCount, errorAfter, errorText, dropAfter, swallow);
    }

    /** Cuts every payload of two or more bytes into two messages at a point drawn from {@code seed}. */
    public Faults splitRandomly(long seed) {
        return new Faults(new Split.Random(seed), mergeCount, errorAfter, errorText, dropAfter, swallow);
    }

    public Faults mergeEvery(int count) {
        return new Faults(split, count, errorAfter, errorText, dropAfter, swallow);
    }

    public Faults errorAfter(int messages, String text) {
        return new Faults(split, mergeCount, messages, text, dropAfter, swallow);
    }

    public Faults dropAfter(int messages) {
        return new Faults(split, mergeCount, errorAfter, errorText, messages, swallow);
    }

    public Faults swallowing() {
        return new Faults(split, mergeCount, errorAfter, errorText, dropAfter, true);
    }

    /** Where a payload is cut in two. */
    public sealed interface Split {

        /** Payloads go out whole. */
        record None() implements Split {
        }

        /** @param offset bytes in the first part, clamped to leave at least one byte in each */
        record At(int offset) implements Split {

            public At {
                if (offset < 1) {
                    throw new IllegalArgumentException("split offset must be at least 1, got " + offset);
                }
            }
        }

        /** @param seed seeds the cut points, so a failing run can be repeated */
        record Random(long seed) implements Split {
        }
    }
}
