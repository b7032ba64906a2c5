package dev.kdi.dns;

import dev.kdi.records.Question;
import java.io.IOException;
import java.util.OptionalInt;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * The wire side of a DNS-over-TCP conversation, free of its state: framing a query under its ID,
 * and reading a frame that came back — whether it is a reply at all, which ID it carries, and
 * whether it answers the question asked.
 */
final class WireFrames {

    private WireFrames() {
    }

    /** What one frame from the server turned out to be. */
    sealed interface Read {
    }

    /** A DNS reply, parsed. */
    record Reply(int id, Message message) implements Read {
    }

    /** Not a usable reply; {@code what} completes "reply ... " in a message. */
    record Garbled(OptionalInt id, String what) implements Read {
    }

    /** The query message with its 2-byte length prefix, and {@code id} written over its first bytes. */
    static byte[] frame(byte[] message, int id) {
        byte[] out = new byte[message.length + 2];
        out[0] = (byte) (message.length >>> 8);
        out[1] = (byte) message.length;
        System.arraycopy(message, 0, out, 2, message.length);
        out[2] = (byte) (id >>> 8);
        out[3] = (byte) id;
        return out;
    }

    /** Reads one frame (without its length prefix). */
    static Read read(byte[] frame) {
        if (frame.length < Header.LENGTH) {
            return new Garbled(frame.length >= 2 ? OptionalInt.of(id(frame)) : OptionalInt.empty(),
                    "is only " + frame.length + " bytes, shorter than a DNS header");
        }
        int id = id(frame);
        Message reply;
        try {
            reply = new Message(frame);
        } catch (IOException | RuntimeException e) {
            return new Garbled(OptionalInt.of(id), "does not parse (" + e.getMessage() + ")");
        }
        if (!reply.getHeader().getFlag(Flags.QR)) {
            return new Garbled(OptionalInt.of(id), "is a query, not a reply (QR bit clear)");
        }
        return new Reply(id, reply);
    }

    /** What the reply answers when that is not the question asked, else null. */
    static String describeMismatch(Question asked, Message reply) {
        Record echoed = reply.getQuestion();
        if (echoed == null) {
            // Servers may drop the question from an error reply (FORMERR, NOTIMP); the ID must do.
            return reply.getRcode() == Rcode.NOERROR ? "no question" : null;
        }
        Name name;
        try {
            name = Name.fromString(asked.name());
        } catch (IOException e) {
            return echoed.getName() + " " + Type.string(echoed.getType());
        }
        boolean same = echoed.getName().equals(name) && echoed.getType() == asked.type().code()
                && echoed.getDClass() == DClass.IN;
        if (same) {
            return null;
        }
        String cls = echoed.getDClass() == DClass.IN ? "" : " " + DClass.string(echoed.getDClass());
        return echoed.getName() + cls + " " + Type.string(echoed.getType());
    }

    private static int id(byte[] frame) {
        return ((frame[0] & 0xff) << 8) | (frame[1] & 0xff);
    }
}
