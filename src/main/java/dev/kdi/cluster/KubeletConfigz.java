package dev.kdi.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;

/**
 * The kubelet's running configuration as {@code /configz} serves it
 * ({@code {"kubeletconfig": {"clusterDNS": ["10.96.0.10"], ...}}}), read for the one field DNS needs.
 */
final class KubeletConfigz {
    private static final ObjectMapper JSON = new ObjectMapper();

    private KubeletConfigz() {
    }

    /** The first {@code clusterDNS} address, or empty when the body has none or is not JSON. */
    static Optional<String> clusterDns(String body) {
        if (body == null) {
            return Optional.empty();
        }
        try {
            JsonNode dns = JSON.readTree(body).path("kubeletconfig").path("clusterDNS");
            return dns.isArray() && !dns.isEmpty() && dns.get(0).isTextual() ? Optional.of(dns.get(0).asText())
                    : Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }
}
