package dev.kdi.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kdi.manifests.Fabric8Kinds;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * An in-process API server for the demo and for tests: fabric8's mock server in CRUD mode, with the
 * kubelet's port-forward emulated by a {@link PortForwardDispatcher}, listening on 127.0.0.1 only,
 * plus a client configured for it. Closing it closes both.
 */
public final class MockApiServer implements AutoCloseable {
    /**
     * fabric8's MockWebServer logs every request it serves at INFO through java.util.logging, which
     * floods test, benchmark and {@code --debug} output; its warnings still come through. Held here
     * because java.util.logging keeps loggers only weakly, and a collected logger forgets its level.
     */
    private static final Logger MOCK_WEB_SERVER_LOG = Logger.getLogger(MockWebServer.class.getName());

    private static final int IN_PROCESS_TIMEOUT_MILLIS = 60_000;

    private final KubernetesMockServer server;
    private final PortForwardDispatcher portForwards;
    private final NamespacedKubernetesClient client;

    private MockApiServer(KubernetesMockServer server, PortForwardDispatcher portForwards) {
        this.server = server;
        this.portForwards = portForwards;
        // The server is in this process: if it is slow to answer, the machine is busy, not the
        // network broken, so waiting beats giving up (fabric8's 10 s failed the demo at load 20).
        // The demo's own reads (the seed manifests' load, its loader's and controllers' watches)
        // know only kdi's kinds, so the window never pays for fabric8's scan of every model class.
        this.client = server.createClient(b -> b.editOrNewConfig().withConnectionTimeout(IN_PROCESS_TIMEOUT_MILLIS)
                .withRequestTimeout(IN_PROCESS_TIMEOUT_MILLIS).endConfig()
                .withKubernetesSerialization(Fabric8Kinds.serialization(new ObjectMapper())));
    }

    /** Starts a server over HTTPS (a self-signed certificate the client trusts), as real clusters use. */
    public static MockApiServer start() {
        return start(true);
    }

    /** @param https false for plain HTTP, which starts faster and is easier to watch on the wire */
    public static MockApiServer start(boolean https) {
        return start(https, UnaryOperator.identity());
    }

    /**
     * @param https false for plain HTTP
     * @param front wraps the server's dispatcher (port-forwards included), so tests can put
     *     authentication, RBAC, pagination or faults in front of every request
     */
    // Serialization.jsonMapper() is deprecated, but it is the mapper fabric8's own mock server
    // constructors use for expectations, and KubernetesSerialization offers no public replacement.
    // Its CRUD store reads bodies only as GenericKubernetesResource, which never makes that static
    // mapper scan the class path for model classes (NoModelScanTest).
    @SuppressWarnings("deprecation")
    public static MockApiServer start(boolean https, UnaryOperator<Dispatcher> front) {
        MOCK_WEB_SERVER_LOG.setLevel(Level.WARNING);
        Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
        PortForwardDispatcher portForwards = new PortForwardDispatcher(new KubernetesMixedDispatcher(expectations));
        MockWebServer web = new MockWebServer();
        KubernetesMockServer server = new KubernetesMockServer(new Context(Serialization.jsonMapper()),
                web, expectations, new Forgetful(web, front.apply(portForwards)), https);
        // fabric8's default is the loopback address too, but whichever one the JVM prefers; pin IPv4
        // loopback so nothing here is ever reachable from another machine.
        server.init(loopback(), 0);
        try {
            return new MockApiServer(server, portForwards);
        } catch (RuntimeException e) {
            server.destroy();
            throw e;
        }
    }

    /** A client of this server (namespace {@code test}); shared, closed by {@link #close()}. */
    public KubernetesClient client() {
        return client;
    }

    /** What answers port-forwards: put targets behind pod ports and inject faults here. */
    public PortForwardDispatcher portForwards() {
        return portForwards;
    }

    /** The TCP port the server listens on, at 127.0.0.1. */
    public int port() {
        return server.getPort();
    }

    /** The server's URL as the client uses it. */
    public String url() {
        return client.getConfiguration().getMasterUrl();
    }

    @Override
    public void close() {
        try {
            client.close();
        } finally {
            server.destroy();
        }
    }

    /**
     * Drops each request from the MockWebServer's record of served requests as it is dispatched.
     * That record (for {@code takeRequest()}, which nothing here uses) is an unbounded queue, so a
     * demo left running kept every request it ever served, port-forward upgrades and watch
     * reconnections included. The server adds a request to the queue just before it dispatches it,
     * so taking one per dispatch keeps the queue at the number of requests in flight. The CRUD
     * store is the dispatcher's own and is not touched.
     */
    private static final class Forgetful extends Dispatcher {
        private final MockWebServer web;
        private final Dispatcher inner;

        Forgetful(MockWebServer web, Dispatcher inner) {
            this.web = web;
            this.inner = inner;
        }

        @Override
        public MockResponse dispatch(RecordedRequest request) {
            try {
                web.takeRequest(0, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return inner.dispatch(request);
        }

        @Override
        public void shutdown() {
            inner.shutdown();
        }
    }

    private static InetAddress loopback() {
        try {
            return InetAddress.getByAddress("127.0.0.1", new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a literal IPv4 address cannot be unknown", e);
        }
    }
}
