package dev.kdi.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Puts in front of fabric8's CRUD mock what a real API server does and the mock does not, and the
 * faults operators meet: bearer-token authentication (401), RBAC per user (403, and the matching
 * SelfSubjectAccessReview answers), paginated lists ({@code limit}/{@code continue}, with tokens
 * that expire with 410), watches that drop after some events or on command, 410 Gone to a watch
 * from an old resourceVersion, and a server that stops answering after some requests.
 *
 * <p>The mock server's own client (token {@value #ADMIN_TOKEN}) is the cluster admin: never
 * refused, so a test can fill and change the cluster while a limited user is refused.
 */
public final class ApiServerFaults extends Dispatcher {
    /** The token of the mock server's own client ({@code KubernetesMockServer.createClient()}). */
    public static final String ADMIN_TOKEN = "secret";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Dispatcher inner;
    private final Set<String> acceptedTokens = ConcurrentHashMap.newKeySet();
    private final List<Predicate<ApiRequest>> forbidden = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<ApiRequest> requests = new ConcurrentLinkedQueue<>();
    private final Set<DroppableSocket> watches = ConcurrentHashMap.newKeySet();
    private final AtomicInteger continueGeneration = new AtomicInteger();
    private final Set<String> goneWatches = ConcurrentHashMap.newKeySet();
    private final AtomicInteger served = new AtomicInteger();
    private volatile boolean paginate;
    private volatile String expireNextToken;
    private volatile boolean refuseWatches;
    private volatile int dropWatchesAfter = -1;
    private volatile int stallAfter = -1;

    public ApiServerFaults(Dispatcher inner) {
        this.inner = inner;
    }

    /**
     * One request as an authorizer sees it.
     *
     * @param verb get, list, watch, create, update, patch or delete
     * @param group the API group, empty for the core group
     * @param resource the plural, with {@code /subresource} when there is one ({@code pods/portforward})
     * @param namespace the namespace, or null for cluster scope / all namespaces
     * @param name the object's name, or null
     * @param user the bearer token, which these tests use as the user's name
     * @param query the query parameters
     */
    public record ApiRequest(String verb, String group, String resource, String namespace, String name, String user,
                             Map<String, String> query) {
        public boolean isAdmin() {
            return ADMIN_TOKEN.equals(user);
        }

        /** {@code pods}, {@code endpointslices.discovery.k8s.io}: as RBAC messages spell a resource. */
        public String qualifiedResource() {
            return group.isEmpty() ? resource : resource + "." + group;
        }
    }

    // ---- Configuration

    /** From now on, a request whose bearer token is neither these nor the admin's gets 401. */
    public ApiServerFaults acceptOnlyTokens(String... tokens) {
        acceptedTokens.clear();
        acceptedTokens.addAll(List.of(tokens));
        acceptedTokens.add(ADMIN_TOKEN);
        return this;
    }

    /** Refuses (403) every non-admin request the rule matches, and says so to access reviews. */
    public ApiServerFaults forbid(Predicate<ApiRequest> rule) {
        forbidden.add(rule);
        return this;
    }

    /** Serves lists in pages of the requested {@code limit}, with {@code continue} tokens. */
    public ApiServerFaults paginate() {
        paginate = true;
        return this;
    }

    /** Every continue token handed out so far now gets 410 Expired, as after etcd compaction. */
    public void expireContinueTokens() {
        continueGeneration.incrementAndGet();
    }

    /** The next list of {@code resource} that carries a continue token gets 410 Expired; later ones are served. */
    public void expireNextContinueToken(String resource) {
        expireNextToken = resource;
    }

    /** While true, every watch request is refused with 500, as by an overloaded API server. */
    public void refuseWatches(boolean refuse) {
        refuseWatches = refuse;
    }

    /**
     * The next watch of each named resource that asks for a resourceVersion gets 410 Gone. Per
     * resource, not a count of watches: the watches reconnect in any order, and a count could be
     * spent on one resource's second try while another's first never saw its 410. A name of the
     * form {@code namespace/resource} ({@code kube-system/pods}) is spent only by a watch in that
     * namespace, as the same resource may be watched in several.
     */
    public void goneForNextWatchOf(Collection<String> resources) {
        goneWatches.addAll(resources);
    }

    /** Closes every watch after it sent {@code events} events; negative for never. */
    public void dropWatchesAfter(int events) {
        dropWatchesAfter = events;
    }

    /** Closes every open watch now, from the server side. */
    public void dropWatches() {
        List.copyOf(watches).forEach(DroppableSocket::drop);
    }

    /** Answers the first {@code requests} requests from now on, then none: each later one hangs. */
    public void stallAfter(int requests) {
        served.set(0);
        stallAfter = requests;
    }

    /** Every request seen, in order. */
    public List<ApiRequest> requests() {
        return List.copyOf(requests);
    }

    /** Watches open right now. */
    public int openWatches() {
        return watches.size();
    }

    // ---- Dispatching

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        ApiRequest r = parse(request);
        requests.add(r);
        if (stallAfter >= 0 && served.incrementAndGet() > stallAfter) {
            // The body waits an hour: the client sees a server that accepted the request and went quiet.
            return new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json")
                    .setBody("{}").setBodyDelay(Duration.ofHours(1));
        }
        if (!acceptedTokens.isEmpty() && !acceptedTokens.contains(r.user())) {
            return status(401, "Unauthorized", "Unauthorized");
        }
        if (r.resource().equals("selfsubjectaccessreviews") && r.verb().equals("create")) {
            return accessReview(request, r);
        }
        if (!r.isAdmin() && isForbidden(r)) {
            return forbidden(r);
        }
        if (r.verb().equals("watch")) {
            return watch(request, r);
        }
        if (paginate && r.verb().equals("list") && r.query().containsKey("limit")) {
            return page(request, r);
        }
        return inner.dispatch(request);
    }

    @Override
    public void shutdown() {
        inner.shutdown();
    }

    private boolean isForbidden(ApiRequest r) {
        for (Predicate<ApiRequest> rule : forbidden) {
            if (rule.test(r)) {
                return true;
            }
        }
        return false;
    }

    /** The API server's own 403: its Status names the resource (and object) refused in details. */
    private static MockResponse forbidden(ApiRequest r) {
        MockResponse response = status(403, "Forbidden", forbiddenMessage(r));
        try {
            ObjectNode status = (ObjectNode) JSON.readTree(response.getBody().getBytes());
            ObjectNode details = JSON.createObjectNode();
            if (r.name() != null) {
                details.put("name", r.name());
            }
            if (!r.group().isEmpty()) {
                details.put("group", r.group());
            }
            String resource = r.resource();
            details.put("kind", resource.contains("/") ? resource.substring(0, resource.indexOf('/')) : resource);
            status.set("details", details);
            return response.setBody(JSON.writeValueAsString(status));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String forbiddenMessage(ApiRequest r) {
        String what = r.resource().contains("/") ? r.resource().substring(0, r.resource().indexOf('/')) : r.resource();
        String scope = r.namespace() == null ? "at the cluster scope" : "in the namespace \"" + r.namespace() + "\"";
        return (r.name() == null ? what : what + " \"" + r.name() + "\"") + " is forbidden: User \"" + r.user()
                + "\" cannot " + r.verb() + " resource \"" + r.resource() + "\" in API group \"" + r.group() + "\" " + scope;
    }

    // ---- Access reviews

    private MockResponse accessReview(RecordedRequest request, ApiRequest asker) {
        try {
            ObjectNode review = (ObjectNode) JSON.readTree(request.getBody().getBytes());
            JsonNode attrs = review.path("spec").path("resourceAttributes");
            String resource = attrs.path("resource").asText("");
            String sub = attrs.path("subresource").asText("");
            ApiRequest asked = new ApiRequest(attrs.path("verb").asText(""), attrs.path("group").asText(""),
                    sub.isEmpty() ? resource : resource + "/" + sub, blankToNull(attrs.path("namespace").asText("")),
                    blankToNull(attrs.path("name").asText("")), asker.user(), Map.of());
            boolean allowed = asker.isAdmin() || !isForbidden(asked);
            ObjectNode status = review.putObject("status");
            status.put("allowed", allowed);
            if (!allowed) {
                status.put("denied", true);
                status.put("reason", "no RBAC rule allows it");
            }
            review.put("kind", "SelfSubjectAccessReview");
            review.put("apiVersion", "authorization.k8s.io/v1");
            return new MockResponse().setResponseCode(201).setHeader("Content-Type", "application/json")
                    .setBody(JSON.writeValueAsString(review));
        } catch (IOException | ClassCastException e) {
            return status(400, "BadRequest", "cannot read the access review: " + e.getMessage());
        }
    }

    // ---- Pagination

    private MockResponse page(RecordedRequest request, ApiRequest r) {
        int limit = Integer.parseInt(r.query().get("limit"));
        int offset = 0;
        String token = r.query().get("continue");
        if (token != null && !token.isEmpty()) {
            String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split(":");
            boolean expireThis = r.resource().equals(expireNextToken);
            if (expireThis) {
                expireNextToken = null;
            }
            if (expireThis || Integer.parseInt(parts[0]) != continueGeneration.get()) {
                return status(410, "Expired", "The provided continue parameter is too old to display a consistent "
                        + "list result. You can start a new list without the continue parameter, or use the continue "
                        + "token in this response to retrieve the remainder of the results.");
            }
            offset = Integer.parseInt(parts[1]);
        }
        MockResponse whole = inner.dispatch(withoutParameters(request, "limit", "continue"));
        if (whole.code() != 200 || whole.getBody() == null) {
            return whole;
        }
        try {
            ObjectNode list = (ObjectNode) JSON.readTree(whole.getBody().getBytes());
            ArrayNode items = list.withArray("items");
            ArrayNode pageItems = JSON.createArrayNode();
            int end = Math.min(items.size(), offset + Math.max(limit, 1));
            for (int i = offset; i < end; i++) {
                pageItems.add(items.get(i));
            }
            list.set("items", pageItems);
            ObjectNode metadata = list.get("metadata") instanceof ObjectNode m ? m : list.putObject("metadata");
            if (end < items.size()) {
                metadata.put("continue", Base64.getUrlEncoder().withoutPadding().encodeToString(
                        (continueGeneration.get() + ":" + end).getBytes(StandardCharsets.UTF_8)));
                metadata.put("remainingItemCount", items.size() - end);
            } else {
                metadata.remove("continue");
                metadata.remove("remainingItemCount");
            }
            return new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json")
                    .setBody(JSON.writeValueAsString(list));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- Watches

    private MockResponse watch(RecordedRequest request, ApiRequest r) {
        if (refuseWatches) {
            return status(500, "InternalError", "the watch cache is not ready, try again");
        }
        String rv = r.query().get("resourceVersion");
        if (rv != null && !rv.isEmpty() && (goneWatches.remove(r.resource())
                || r.namespace() != null && goneWatches.remove(r.namespace() + "/" + r.resource()))) {
            return new MockResponse().withWebSocketUpgrade(new WebSocketListener() {
                @Override
                public void onOpen(WebSocket webSocket, Response response) {
                    webSocket.send("{\"type\":\"ERROR\",\"object\":{\"kind\":\"Status\",\"apiVersion\":\"v1\","
                            + "\"metadata\":{},\"status\":\"Failure\",\"message\":\"too old resource version: " + rv
                            + "\",\"reason\":\"Expired\",\"code\":410}}");
                    // The client closes on the 410. Closing here at once would race the client: vert.x
                    // refuses handlers on a socket already closed, fabric8 then falls back to an HTTP
                    // watch this mock cannot serve, and the 410 is never seen. A real API server's close
                    // comes a round trip later.
                }

                @Override
                public void onClosing(WebSocket webSocket, int code, String reason) {
                    webSocket.close(code, reason);
                }
            });
        }
        MockResponse response = inner.dispatch(request);
        WebSocketListener listener = response.getWebSocketListener();
        if (listener == null) {
            return response;
        }
        return new MockResponse().withWebSocketUpgrade(new WebSocketListener() {
            private volatile DroppableSocket socket;

            @Override
            public void onOpen(WebSocket webSocket, Response upgrade) {
                socket = new DroppableSocket(webSocket, dropWatchesAfter, resourceVersion(rv));
                watches.add(socket);
                listener.onOpen(socket, upgrade);
            }

            @Override
            public void onMessage(WebSocket webSocket, String text) {
                listener.onMessage(socket, text);
            }

            @Override
            public void onMessage(WebSocket webSocket, byte[] bytes) {
                listener.onMessage(socket, bytes);
            }

            @Override
            public void onClosing(WebSocket webSocket, int code, String reason) {
                watches.remove(socket);
                listener.onClosing(socket, code, reason);
            }

            @Override
            public void onClosed(WebSocket webSocket, int code, String reason) {
                watches.remove(socket);
                listener.onClosed(socket, code, reason);
            }

            @Override
            public void onFailure(WebSocket webSocket, Throwable error, Response failed) {
                watches.remove(socket);
                listener.onFailure(socket, error, failed);
            }
        });
    }

    /** A watch's socket that closes itself after a number of events, or when told to. */
    private final class DroppableSocket implements WebSocket {
        private final WebSocket socket;
        private final int dropAfter;
        private final long since;
        private int sent;
        private boolean dropped;

        /** @param since the resourceVersion the watch asked to start after, or -1 */
        DroppableSocket(WebSocket socket, int dropAfter, long since) {
            this.socket = socket;
            this.dropAfter = dropAfter;
            this.since = since;
        }

        @Override
        public RecordedRequest request() {
            return socket.request();
        }

        @Override
        public synchronized boolean send(String text) {
            if (dropped) {
                return false;
            }
            if (since >= 0 && isReplayedAddition(text, since)) {
                // The CRUD mock opens every watch with ADDED for everything; a real API server asked
                // for a resourceVersion sends only what happened after it.
                return true;
            }
            boolean ok = socket.send(text);
            sent++;
            if (dropAfter >= 0 && sent >= dropAfter) {
                drop();
            }
            return ok;
        }

        @Override
        public synchronized boolean send(byte[] bytes) {
            return send(new String(bytes, StandardCharsets.UTF_8));
        }

        @Override
        public boolean close(int code, String reason) {
            watches.remove(this);
            return socket.close(code, reason);
        }

        synchronized void drop() {
            if (!dropped) {
                dropped = true;
                watches.remove(this);
                socket.close(1000, "");
            }
        }
    }

    private static long resourceVersion(String rv) {
        try {
            return rv == null || rv.isEmpty() ? -1 : Long.parseLong(rv);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static boolean isReplayedAddition(String event, long since) {
        try {
            JsonNode e = JSON.readTree(event);
            return e.path("type").asText().equals("ADDED")
                    && resourceVersion(e.path("object").path("metadata").path("resourceVersion").asText()) <= since;
        } catch (IOException ex) {
            return false;
        }
    }

    // ---- Parsing

    static ApiRequest parse(RecordedRequest request) {
        String full = request.getPath();
        int q = full.indexOf('?');
        String path = q < 0 ? full : full.substring(0, q);
        Map<String, String> query = query(q < 0 ? "" : full.substring(q + 1));
        String[] parts = path.replaceAll("^/+", "").split("/");
        int rest;
        String group;
        if (parts.length >= 2 && parts[0].equals("api")) {
            group = "";
            rest = 2;
        } else if (parts.length >= 3 && parts[0].equals("apis")) {
            group = parts[1];
            rest = 3;
        } else {
            group = "";
            rest = parts.length;
        }
        List<String> segs = new ArrayList<>(List.of(parts).subList(Math.min(rest, parts.length), parts.length));
        String namespace = null;
        if (segs.size() >= 3 && segs.get(0).equals("namespaces")) {
            namespace = segs.get(1);
            segs = segs.subList(2, segs.size());
        }
        String resource = segs.isEmpty() ? "" : segs.get(0);
        String name = segs.size() >= 2 ? segs.get(1) : null;
        if (segs.size() >= 3) {
            resource = resource + "/" + segs.get(2);
        }
        if (resource.equals("namespaces") && name != null) {
            // GET /api/v1/namespaces/x is a get of namespace x, at cluster scope.
            namespace = null;
        }
        String user = "system:anonymous";
        String auth = request.getHeader("Authorization");
        if (auth != null && auth.startsWith("Bearer ")) {
            user = auth.substring("Bearer ".length()).strip();
        }
        HttpMethod method = request.method();
        String verb = switch (method) {
            case GET -> name != null ? "get" : "true".equals(query.get("watch")) ? "watch" : "list";
            case POST -> "create";
            case PUT -> "update";
            case PATCH -> "patch";
            case DELETE -> "delete";
            default -> method.name().toLowerCase(java.util.Locale.ROOT);
        };
        return new ApiRequest(verb, group, resource, namespace, name, user, query);
    }

    private static Map<String, String> query(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        if (text.isEmpty()) {
            return out;
        }
        for (String pair : text.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(key, value);
        }
        return out;
    }

    private static RecordedRequest withoutParameters(RecordedRequest request, String... names) {
        String full = request.getPath();
        int q = full.indexOf('?');
        if (q < 0) {
            return request;
        }
        Map<String, String> query = query(full.substring(q + 1));
        for (String n : names) {
            query.remove(n);
        }
        StringBuilder path = new StringBuilder(full.substring(0, q));
        char sep = '?';
        for (Map.Entry<String, String> e : query.entrySet()) {
            path.append(sep).append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
            sep = '&';
        }
        return new RecordedRequest(request.getHttpVersion(), request.method(), path.toString(),
                request.getHeaders() == null ? Headers.builder().build() : request.getHeaders(),
                request.getBody() == null ? new Buffer() : request.getBody());
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    static MockResponse status(int code, String reason, String message) {
        ObjectNode status = JSON.createObjectNode();
        status.put("kind", "Status");
        status.put("apiVersion", "v1");
        status.putObject("metadata");
        status.put("status", "Failure");
        status.put("message", message);
        status.put("reason", reason);
        status.put("code", code);
        try {
            return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json")
                    .setBody(JSON.writeValueAsString(status));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
