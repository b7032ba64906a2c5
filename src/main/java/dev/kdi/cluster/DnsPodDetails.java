package dev.kdi.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the health of a DNS pod needs beyond the snapshot: its restarts and last termination, its
 * readiness probe, and the PodDisruptionBudgets of its namespace. The session's own client skips
 * probes and container statuses while parsing (see {@link DnsFieldsSerialization}), so these few
 * objects are read raw and picked apart here.
 */
public final class DnsPodDetails {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KubernetesClient client;

    DnsPodDetails(KubernetesClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /**
     * One pod as its status and spec say.
     *
     * @param restarts restarts of all its containers together
     * @param lastTermination the last termination's reason and exit code of the container that
     *     restarted most ({@code OOMKilled, exit 137}), or empty
     * @param readinessPath the readiness probe's HTTP path of the CoreDNS container, or empty when it
     *     has none or it is not an HTTP probe
     * @param readinessPort that probe's port as written (a number or a port name), or empty
     * @param image the CoreDNS container's image as written ({@code registry.k8s.io/coredns/coredns:v1.12.0}),
     *     or empty
     * @param images every container's image as written, by container name in the pod's order: kube-dns
     *     runs three (kubedns, dnsmasq, sidecar), each with its own tag
     */
    public record Pod(int restarts, String lastTermination, String readinessPath, String readinessPort, String image,
                      Map<String, String> images) {
        public Pod {
            images = Collections.unmodifiableMap(new LinkedHashMap<>(images));
        }
    }

    /** A pod's details, or a one-line reason why they could not be read. */
    public sealed interface PodRead {
    }

    public record PodFound(Pod pod) implements PodRead {
    }

    public record PodNotRead(String reason) implements PodRead {
    }

    /** PodDisruptionBudgets of a namespace by name, with their {@code matchLabels}; or why unknown. */
    public sealed interface BudgetsRead {
    }

    public record Budgets(Map<String, Map<String, String>> matchLabels) implements BudgetsRead {
        public Budgets {
            matchLabels = Map.copyOf(matchLabels);
        }
    }

    public record BudgetsUnknown(String reason) implements BudgetsRead {
    }

    public PodRead pod(String namespace, String name) {
        String path = "/api/v1/namespaces/" + namespace + "/pods/" + name;
        Optional<JsonNode> read;
        try {
            read = get(path);
        } catch (KubernetesClientException | IOException e) {
            return new PodNotRead(why("pod " + namespace + "/" + name, e));
        }
        if (read.isEmpty()) {
            return new PodNotRead("pod " + namespace + "/" + name + " not found");
        }
        JsonNode pod = read.get();
        int restarts = 0;
        int most = -1;
        String last = "";
        for (JsonNode status : pod.path("status").path("containerStatuses")) {
            int count = status.path("restartCount").asInt(0);
            restarts += count;
            JsonNode terminated = status.path("lastState").path("terminated");
            if (count > most && !terminated.isMissingNode()) {
                most = count;
                last = terminated.path("reason").asText("") + ", exit " + terminated.path("exitCode").asInt();
            }
        }
        String probePath = "";
        String probePort = "";
        String image = "";
        Map<String, String> images = new LinkedHashMap<>();
        JsonNode containers = pod.path("spec").path("containers");
        JsonNode chosen = null;
        for (JsonNode c : containers) {
            images.put(c.path("name").asText(""), c.path("image").asText(""));
            if (chosen == null || c.path("name").asText().equals("coredns")) {
                chosen = c;
            }
        }
        if (chosen != null) {
            image = chosen.path("image").asText("");
            JsonNode http = chosen.path("readinessProbe").path("httpGet");
            if (!http.isMissingNode()) {
                probePath = http.path("path").asText("/");
                probePort = http.path("port").asText("");
            }
        }
        return new PodFound(new Pod(restarts, last, probePath, probePort, image, images));
    }

    public BudgetsRead budgets(String namespace) {
        Optional<JsonNode> list;
        try {
            list = get("/apis/policy/v1/namespaces/" + namespace + "/poddisruptionbudgets");
        } catch (KubernetesClientException | IOException e) {
            return new BudgetsUnknown(why("the PodDisruptionBudgets of " + namespace, e));
        }
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        for (JsonNode item : list.map(n -> n.path("items")).orElse(JSON.createArrayNode())) {
            Map<String, String> labels = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> fields = item.path("spec").path("selector").path("matchLabels").fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                labels.put(f.getKey(), f.getValue().asText());
            }
            out.put(item.path("metadata").path("name").asText(), labels);
        }
        return new Budgets(out);
    }

    private Optional<JsonNode> get(String path) throws IOException {
        String url = client.getMasterUrl().toString().replaceAll("/+$", "") + path;
        String body = client.raw(url);
        return body == null ? Optional.empty() : Optional.of(JSON.readTree(body));
    }

    private static String why(String what, Exception e) {
        if (e instanceof KubernetesClientException k && k.getCode() == 403) {
            return "may not read " + what + " (403 Forbidden)";
        }
        List<String> parts = new ArrayList<>();
        parts.add("could not read " + what);
        if (e.getMessage() != null) {
            parts.add(e.getMessage().lines().findFirst().orElse(""));
        }
        return String.join(": ", parts);
    }
}
