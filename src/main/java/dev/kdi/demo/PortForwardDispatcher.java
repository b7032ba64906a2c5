package dev.kdi.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kdi.cluster.PodPort;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Answers {@code GET /api/v1/namespaces/{ns}/pods/{pod}/portforward?ports=N} the way the API server
 * and the kubelet do for a websocket client, and hands every other request to the API server
 * dispatcher it wraps (normally fabric8's CRUD dispatcher) unchanged.
 *
 * <p>Like the real API server it answers 403 before looking at the pod (authorization comes first),
 * 404 for a pod that is not in the store, and for a pod port with no {@link PortForwardTarget} it
 * accepts the forward and then reports the kubelet's "connection refused" on the error channel.
 */
public final class PortForwardDispatcher extends Dispatcher {

    static final String SUBPROTOCOL = "v4.channel.k8s.io";
    private static final Pattern PORTFORWARD_PATH =
            Pattern.compile("^/api/v1/namespaces/([^/?]+)/pods/([^/?]+)/portforward(?:\\?(.*))?$");

    private final Dispatcher apiServer;
    private final Map<PodPort, Route> routes = new ConcurrentHashMap<>();
    private final Set<PortForwardSession> sessions = ConcurrentHashMap.newKeySet();
    private final AtomicLong forwardsAccepted = new AtomicLong();
    private final ScheduledExecutorService timers;
    /** Only writes Status bodies; reads nothing, so it needs no table of kinds. */
    private final KubernetesSerialization serialization = new KubernetesSerialization(new ObjectMapper(), false);
    private volatile boolean forbidden;

    private record Route(PortForwardTarget target, Faults faults) {
    }

    /** @param apiServer answers every request that is not a port-forward */
    public PortForwardDispatcher(Dispatcher apiServer) {
        this.apiServer = Objects.requireNonNull(apiServer, "apiServer");
        this.timers = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "kdi-portforward-timers");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Puts {@code target} behind a pod port, well-behaved. Replaces an earlier route. */
    public void route(PodPort port, PortForwardTarget target) {
        route(port, target, Faults.none());
    }

    /** Puts {@code target} behind a pod port with injected faults, for forwards opened from now on. */
    public void route(PodPort port, PortForwardTarget target, Faults faults) {
        routes.put(Objects.requireNonNull(port, "port"),
                new Route(Objects.requireNonNull(target, "target"), Objects.requireNonNull(faults, "faults")));
    }

    /** Removes what is behind a pod port; forwards to it then get the kubelet's "connection refused". */
    public void unroute(PodPort port) {
        routes.remove(port);
    }

    /** While true every port-forward is refused with 403, as when RBAC lacks pods/portforward. */
    public void forbid(boolean forbidden) {
        this.forbidden = forbidden;
    }

    /** Forwards open right now. */
    public int openForwards() {
        return sessions.size();
    }

    /** Forwards accepted (upgraded) since the server started. */
    public long forwardsAccepted() {
        return forwardsAccepted.get();
    }

    /** Ends every open forward from the server side, as when the API server restarts. */
    public void dropAll() {
        sessions.forEach(PortForwardSession::shutDown);
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        Matcher matcher = PORTFORWARD_PATH.matcher(request.getPath());
        if (!matcher.matches()) {
            return apiServer.dispatch(request);
        }
        String namespace = matcher.group(1);
        String pod = matcher.group(2);
        if (request.method() != HttpMethod.GET && request.method() != HttpMethod.POST) {
            return status(405, "MethodNotAllowed", "port-forward takes GET (websocket) or POST (SPDY)");
        }
        if (forbidden) {
            return status(403, "Forbidden", "pods \"" + pod + "\" is forbidden: User \"fabric8-mock-server-user\""
                    + " cannot create resource \"pods/portforward\" in API group \"\" in the namespace \""
                    + namespace + "\"");
        }
        if (!podExists(namespace, pod)) {
            return status(404, "NotFound", "pods \"" + pod + "\" not found");
        }
        String ports = queryParameter(matcher.group(3), "ports");
        if (ports == null || ports.isBlank()) {
            return status(400, "BadRequest", "at least one port must be specified");
        }
        int port;
        try {
            port = Integer.parseInt(ports.strip());
        } catch (NumberFormatException e) {
            return status(400, "BadRequest", "this emulation forwards exactly one port per request, got \""
                    + ports + "\"");
        }
        if (port < 1 || port > 65535) {
            return status(400, "BadRequest", "port " + port + " must be in 1..65535");
        }
        if (!"websocket".equalsIgnoreCase(String.valueOf(request.getHeader("Upgrade")))) {
            return status(400, "BadRequest", "Upgrade request required");
        }
        String offered = String.valueOf(request.getHeader("Sec-WebSocket-Protocol"));
        if (!offered.toLowerCase(Locale.ROOT).contains(SUBPROTOCOL)) {
            return status(400, "BadRequest", "this emulation speaks only the " + SUBPROTOCOL
                    + " subprotocol, the client offered: " + offered);
        }
        PodPort podPort = new PodPort(namespace, pod, port);
        Route route = routes.get(podPort);
        Faults faults = route == null ? Faults.none() : route.faults();
        PortForwardTarget target = route == null ? null : route.target();
        forwardsAccepted.incrementAndGet();
        return new MockResponse().withWebSocketUpgrade(
                new PortForwardSession(podPort, target, faults, timers, sessions));
    }

    @Override
    public void shutdown() {
        dropAll();
        timers.shutdownNow();
        apiServer.shutdown();
    }

    private boolean podExists(String namespace, String pod) {
        RecordedRequest get = new RecordedRequest("HTTP/1.1", HttpMethod.GET,
                "/api/v1/namespaces/" + namespace + "/pods/" + pod, Headers.builder().build(), new Buffer());
        return apiServer.dispatch(get).code() == 200;
    }

    private MockResponse status(int code, String reason, String message) {
        Status status = new StatusBuilder().withApiVersion("v1").withKind("Status").withStatus("Failure")
                .withReason(reason).withMessage(message).withCode(code).build();
        return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json")
                .setBody(serialization.asJson(status));
    }

    private static String queryParameter(String query, String name) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (URLDecoder.decode(key, StandardCharsets.UTF_8).equals(name)) {
                return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
