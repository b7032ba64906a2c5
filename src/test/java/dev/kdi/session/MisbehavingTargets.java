package dev.kdi.session;

import dev.kdi.cluster.PodPort;
import dev.kdi.demo.PortForwardTarget;
import java.io.IOException;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;

/** DNS servers behind a forwarded pod port that misbehave in the ways a test names. */
final class MisbehavingTargets {
    private MisbehavingTargets() {
    }

    /**
     * Answers as {@code healthy} does, except questions whose name starts with {@code truncated.}
     * (the reply has TC set), {@code wrong-id.} (the reply carries another ID) or {@code silent.}
     * (no reply at all).
     */
    static PortForwardTarget byName(PortForwardTarget healthy) {
        return (port, client) -> healthy.connect(port, new PortForwardTarget.ClientSide() {
            @Override
            public void send(byte[] framed) {
                Message reply;
                try {
                    reply = new Message(Arrays.copyOfRange(framed, 2, framed.length));
                } catch (IOException e) {
                    client.send(framed);
                    return;
                }
                String name = reply.getQuestion() == null ? "" : reply.getQuestion().getName().toString();
                if (name.startsWith("silent.")) {
                    return;
                }
                if (name.startsWith("truncated.")) {
                    reply.getHeader().setFlag(Flags.TC);
                } else if (name.startsWith("wrong-id.")) {
                    reply.getHeader().setID((reply.getHeader().getID() + 1) & 0xffff);
                }
                byte[] wire = reply.toWire();
                byte[] out = new byte[wire.length + 2];
                out[0] = (byte) (wire.length >> 8);
                out[1] = (byte) wire.length;
                System.arraycopy(wire, 0, out, 2, wire.length);
                client.send(out);
            }

            @Override
            public void fail(String message) {
                client.fail(message);
            }

            @Override
            public void close() {
                client.close();
            }
        });
    }

    /**
     * Answers as {@code healthy} does until it has sent {@code replies} replies, then dies as a
     * deleted pod's container does: every forward gets the kubelet's error, and new forwards find
     * nothing listening. {@code onDeath} runs once, on its own thread.
     */
    static PortForwardTarget dyingAfter(PortForwardTarget healthy, int replies, Runnable onDeath) {
        AtomicInteger sent = new AtomicInteger();
        AtomicBoolean dead = new AtomicBoolean();
        Set<PortForwardTarget.ClientSide> clients = ConcurrentHashMap.newKeySet();
        return new PortForwardTarget() {
            @Override
            public Connection connect(PodPort port, ClientSide client) throws IOException {
                if (dead.get()) {
                    throw new IOException("connect: connection refused");
                }
                clients.add(client);
                Connection inner = healthy.connect(port, new ClientSide() {
                    @Override
                    public void send(byte[] bytes) {
                        if (dead.get()) {
                            return;
                        }
                        client.send(bytes);
                        if (sent.incrementAndGet() == replies && dead.compareAndSet(false, true)) {
                            clients.forEach(c -> c.fail("error forwarding port " + port.port() + " to pod "
                                    + port.podName() + ", uid : read tcp4 127.0.0.1:53: connection reset by peer"));
                            Thread t = new Thread(onDeath, "test-dns-pod-death");
                            t.setDaemon(true);
                            t.start();
                        }
                    }

                    @Override
                    public void fail(String message) {
                        client.fail(message);
                    }

                    @Override
                    public void close() {
                        client.close();
                    }
                });
                return new Connection() {
                    @Override
                    public void receive(byte[] bytes) throws IOException {
                        if (!dead.get()) {
                            inner.receive(bytes);
                        }
                    }

                    @Override
                    public void close() {
                        clients.remove(client);
                        inner.close();
                    }
                };
            }
        };
    }
}
