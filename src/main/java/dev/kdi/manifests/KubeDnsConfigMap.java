package dev.kdi.manifests;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kdi.records.corefile.KubeDnsConfig;
import dev.kdi.records.names.IpAddress;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * kube-dns's ConfigMap ({@code kube-system/kube-dns}) read as kube-dns reads it: {@code stubDomains}
 * a JSON object of domain → list of nameservers, {@code upstreamNameservers} a JSON list of at most
 * three. kube-dns refuses a value it cannot parse or that fails its validation and keeps what it
 * had (at start, nothing), so such a key is taken as absent, with one line naming the ConfigMap and
 * the key.
 */
public final class KubeDnsConfigMap {
    /** The ConfigMap's conventional place. */
    public static final String NAMESPACE = "kube-system";
    public static final String NAME = "kube-dns";
    static final String STUB_DOMAINS = "stubDomains";
    static final String UPSTREAMS = "upstreamNameservers";
    static final String FEDERATIONS = "federations";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Kubernetes's DNS-1123 subdomain, which kube-dns requires of a stub domain. */
    private static final java.util.regex.Pattern SUBDOMAIN =
            java.util.regex.Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    /**
     * @param config what kube-dns runs with
     * @param problems one line per key kube-dns would refuse
     */
    public record Parsed(KubeDnsConfig config, List<String> problems) {
        public Parsed {
            problems = List.copyOf(problems);
        }
    }

    private KubeDnsConfigMap() {
    }

    /**
     * @param origin the ConfigMap, for messages ({@code ConfigMap kube-system/kube-dns})
     * @param data its keys, or null when it does not exist (kube-dns's volume is optional)
     */
    public static Parsed parse(String origin, Map<String, String> data) {
        List<String> problems = new ArrayList<>();
        if (data == null) {
            return new Parsed(KubeDnsConfig.defaults(origin), problems);
        }
        Map<String, List<String>> stubs = key(origin, data, STUB_DOMAINS, KubeDnsConfigMap::stubDomains, Map.of(),
                "no stub domains", problems);
        List<String> upstreams = key(origin, data, UPSTREAMS, KubeDnsConfigMap::upstreams, List.of(),
                "the node's resolv.conf upstream", problems);
        String federations = data.get(FEDERATIONS);
        boolean federated = federations != null && !federations.isBlank() && !federations.strip().equals("{}");
        return new Parsed(new KubeDnsConfig(stubs, upstreams, federated, origin), problems);
    }

    /**
     * One key read as kube-dns reads it, or {@code absent} with a line in {@code problems} when
     * kube-dns would refuse it.
     *
     * @param instead what kdi predicts with then, for the line
     */
    private static <T> T key(String origin, Map<String, String> data, String key, Function<JsonNode, T> read,
                             T absent, String instead, List<String> problems) {
        String text = data.get(key);
        if (text == null || text.isBlank()) {
            return absent;
        }
        String why;
        try {
            return read.apply(JSON.readTree(text));
        } catch (JsonProcessingException e) {
            why = "is not JSON (" + e.getOriginalMessage() + ")";
        } catch (IllegalArgumentException e) {
            why = e.getMessage();
        }
        problems.add(origin + " key " + key + ": " + why + "; kube-dns refuses it, so kdi predicts with " + instead);
        return absent;
    }

    private static Map<String, List<String>> stubDomains(JsonNode tree) {
        if (!tree.isObject()) {
            throw new IllegalArgumentException("is not a JSON object of domain to nameservers");
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = tree.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String domain = e.getKey();
            if (domain.length() > 253 || !SUBDOMAIN.matcher(domain).matches()) {
                throw new IllegalArgumentException("'" + domain + "' is not a domain name (RFC 1123)");
            }
            List<String> servers = nameservers(e.getValue(), "stub domain " + domain);
            if (servers.isEmpty()) {
                throw new IllegalArgumentException("stub domain " + domain + " has no nameserver");
            }
            out.put(domain, servers);
        }
        return out;
    }

    private static List<String> upstreams(JsonNode tree) {
        List<String> out = nameservers(tree, "the list");
        if (out.size() > 3) {
            throw new IllegalArgumentException("names " + out.size() + " upstream nameservers; kube-dns takes at most 3");
        }
        return out;
    }

    /** IPs with an optional port, as kube-dns accepts them for kdi to route to. */
    private static List<String> nameservers(JsonNode list, String what) {
        if (!list.isArray()) {
            throw new IllegalArgumentException(what + " is not a JSON list of nameservers");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode n : list) {
            if (!n.isTextual() || !isNameserver(n.asText())) {
                throw new IllegalArgumentException(what + ": '" + n.asText() + "' is not an IP address with an "
                        + "optional port");
            }
            out.add(n.asText());
        }
        return out;
    }

    static boolean isNameserver(String text) {
        if (IpAddress.isAddress(text)) {
            return true;
        }
        int colon = text.lastIndexOf(':');
        if (colon <= 0) {
            return false;
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        String port = text.substring(colon + 1);
        return IpAddress.isAddress(host) && port.matches("[0-9]{1,5}") && Integer.parseInt(port) > 0
                && Integer.parseInt(port) <= 65535;
    }
}
