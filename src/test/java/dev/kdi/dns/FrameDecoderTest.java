package dev.kdi.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class FrameDecoderTest {

    private static byte[] message(int length, int seed) {
        byte[] m = new byte[length];
        for (int i = 0; i < length; i++) {
            m[i] = (byte) (seed + i * 7);
        }
        return m;
    }

    /** Three messages, one longer than 255 bytes so the prefix's high byte matters. */
    private static final List<byte[]> MESSAGES = List.of(message(1, 1), message(300, 2), message(12, 3));

    private static byte[] stream() {
        return FakeDnsPeer.concat(MESSAGES.stream().map(FakeDnsPeer::framed).toArray(byte[][]::new));
    }

    @Test
    @DisplayName("every way of cutting the stream into three reads yields the same three messages")
    void feed_streamCutAtAnyTwoPoints_yieldsTheSameMessages() {
        byte[] all = stream();
        for (int i = 0; i <= all.length; i++) {
            for (int j = i; j <= all.length; j++) {
                FrameDecoder decoder = new FrameDecoder();
                List<byte[]> out = new ArrayList<>();
                decoder.feed(ByteBuffer.wrap(all, 0, i), out::add);
                decoder.feed(ByteBuffer.wrap(all, i, j - i), out::add);
                decoder.feed(ByteBuffer.wrap(all, j, all.length - j), out::add);

                assertThat(out).as("cut at %d and %d", i, j).hasSize(3);
                for (int k = 0; k < 3; k++) {
                    assertThat(out.get(k)).as("message %d cut at %d and %d", k, i, j).isEqualTo(MESSAGES.get(k));
                }
                assertThat(decoder.isMidFrame()).isFalse();
            }
        }
    }

    @Test
    void feed_oneByteAtATime_yieldsEachMessageWhenItsLastByteArrives() {
        byte[] all = stream();
        FrameDecoder decoder = new FrameDecoder();
        List<Integer> completedAt = new ArrayList<>();
        for (int i = 0; i < all.length; i++) {
            int at = i;
            decoder.feed(ByteBuffer.wrap(all, i, 1), m -> completedAt.add(at));
        }

        assertThat(completedAt).containsExactly(2, 2 + 1 + 2 + 299, all.length - 1);
    }

    @Test
    void feed_halfAPrefix_isMidFrameWithUnknownLength() {
        FrameDecoder decoder = new FrameDecoder();

        decoder.feed(ByteBuffer.wrap(new byte[] {1}), m -> { });

        assertThat(decoder.isMidFrame()).isTrue();
        assertThat(decoder.expectedBytes()).isEqualTo(-1);
        assertThat(decoder.partialId()).isEmpty();
    }

    @Test
    void feed_prefixAndTheIdBytes_knowsTheLengthAndTheId() {
        FrameDecoder decoder = new FrameDecoder();

        decoder.feed(ByteBuffer.wrap(new byte[] {0, 40, 0x12, 0x34, 0}), m -> { });

        assertThat(decoder.isMidFrame()).isTrue();
        assertThat(decoder.expectedBytes()).isEqualTo(40);
        assertThat(decoder.receivedBytes()).isEqualTo(3);
        assertThat(decoder.partialId()).isEqualTo(OptionalInt.of(0x1234));
    }

    @Test
    void feed_zeroLengthPrefix_yieldsAnEmptyMessage() {
        FrameDecoder decoder = new FrameDecoder();
        List<byte[]> out = new ArrayList<>();

        decoder.feed(ByteBuffer.wrap(new byte[] {0, 0}), out::add);

        assertThat(out).hasSize(1);
        assertThat(out.get(0)).isEmpty();
        assertThat(decoder.isMidFrame()).isFalse();
    }

    @Test
    void feed_largestPossibleMessage_isReadWhole() {
        byte[] big = message(65_535, 9);
        FrameDecoder decoder = new FrameDecoder();
        List<byte[]> out = new ArrayList<>();

        decoder.feed(ByteBuffer.wrap(FakeDnsPeer.framed(big)), out::add);

        assertThat(out).hasSize(1);
        assertThat(out.get(0)).isEqualTo(big);
    }
}
