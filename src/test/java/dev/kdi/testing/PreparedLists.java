package dev.kdi.testing;

import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serves a {@link GeneratedCluster}'s lists, paginated as a real API server does ({@code limit},
 * {@code continue}), from pages rendered once and kept: filling the CRUD mock with 150,000 pods
 * would take longer than anything measured against it. Everything else goes to the dispatcher it
 * wraps (port-forwards, the ConfigMap, watches).
 */
public final class PreparedLists extends Dispatcher {
    private static final Map<String, String> LIST_KINDS = Map.of("namespaces", "v1/NamespaceList",
            "services", "v1/ServiceList", "endpointslices", "discovery.k8s.io/v1/EndpointSliceList", "pods", "v1/PodList");

    private final GeneratedCluster cluster;
    private final Dispatcher inner;
    private final Map<String, byte[]> pages = new ConcurrentHashMap<>();

    public PreparedLists(GeneratedCluster cluster, Dispatcher inner) {
        this.cluster = cluster;
        this.inner = inner;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        ApiServerFaults.ApiRequest r = ApiServerFaults.parse(request);
        if (!r.verb().equals("list") || r.namespace() != null) {
            return inner.dispatch(request);
        }
        List<byte[]> items = cluster.items().get(r.resource());
        if (items == null) {
            return inner.dispatch(request);
        }
        int limit = r.query().containsKey("limit") ? Integer.parseInt(r.query().get("limit")) : Integer.MAX_VALUE;
        String token = r.query().get("continue");
        int offset = token == null || token.isEmpty() ? 0 : Integer.parseInt(token);
        byte[] body = pages.computeIfAbsent(r.resource() + "/" + limit + "/" + offset,
                k -> render(r.resource(), items, offset, limit));
        return new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json").setBody(body);
    }

    private static byte[] render(String resource, List<byte[]> items, int offset, int limit) {
        int end = (int) Math.min(items.size(), (long) offset + limit);
        String kind = LIST_KINDS.get(resource);
        int slash = kind.lastIndexOf('/');
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringBuilder head = new StringBuilder("{\"apiVersion\":\"").append(kind, 0, slash).append("\",\"kind\":\"")
                .append(kind.substring(slash + 1)).append("\",\"metadata\":{\"resourceVersion\":\"1000000\"");
        if (end < items.size()) {
            head.append(",\"continue\":\"").append(end).append("\",\"remainingItemCount\":").append(items.size() - end);
        }
        head.append("},\"items\":[");
        out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        for (int i = offset; i < end; i++) {
            if (i > offset) {
                out.write(',');
            }
            out.writeBytes(items.get(i));
        }
        out.writeBytes("]}".getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    @Override
    public void shutdown() {
        inner.shutdown();
    }
}
