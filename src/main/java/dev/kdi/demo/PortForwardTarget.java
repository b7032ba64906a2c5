package dev.kdi.demo;

import dev.kdi.cluster.PodPort;
import java.io.Closeable;
import java.io.IOException;

/**
 * What answers behind a forwarded pod port in the emulated cluster: a relay to a real TCP server
 * ({@link TcpRelay}) or an in-process handler such as the demo's DNS responder.
 */
@FunctionalInterface
public interface PortForwardTarget {

    /**
     * Opens the connection behind the port for one forward, as the kubelet dials the pod's port when
     * a forward starts.
     *
     * @param port the pod port being forwarded
     * @param client where to send bytes back; usable from any thread, at any time
     * @return where the client's bytes go
     * @throws IOException when nothing answers; the client then gets a kubelet-style error
     */
    Connection connect(PodPort port, ClientSide client) throws IOException;

    /** The target's side of one forward. */
    interface Connection extends Closeable {

        /**
         * Bytes the client sent, one call per websocket message, in order, on one thread per forward
         * (so an implementation may block without stalling the server).
         */
        void receive(byte[] bytes) throws IOException;

        /** The forward ended; release what the connection holds. Called once. */
        @Override
        void close();
    }

    /** The client's side of one forward, as the target sees it. */
    interface ClientSide {

        /** Sends bytes to the client on the data channel. Ignored once the forward has ended. */
        void send(byte[] bytes);

        /** Sends {@code message} on the error channel, as the kubelet does, and ends the forward. */
        void fail(String message);

        /** Ends the forward as when the pod closes its end of the connection. */
        void close();
    }
}
