package dev.kdi.manifests;

import dev.kdi.records.names.DnsNames;
import dev.kdi.records.names.IpAddress;
import dev.kdi.records.objects.IpFamily;
import dev.kdi.records.objects.Protocol;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The field rules every converter shares: metadata, names, ports, protocols, addresses, and the
 * words their errors use, so that one field reads and fails the same in every kind.
 */
final class Fields {
    static final FieldPath NAME = FieldPath.of("metadata", "name");
    static final FieldPath NAMESPACE = FieldPath.of("metadata", "namespace");
    static final FieldPath SPEC = FieldPath.of("spec");

    /** Where namespaced objects without {@code metadata.namespace} land, as with kubectl apply. */
    static final String DEFAULT_NAMESPACE = "default";

    private static final String DNS_LABEL = "(at most 63 lower-case letters, digits and '-')";

    private Fields() {
    }

    /** {@code metadata.name}, which every object needs. */
    static String name(HasMetadata object) throws InvalidObjectException {
        ObjectMeta meta = object.getMetadata();
        if (meta == null || meta.getName() == null || meta.getName().isEmpty()) {
            throw InvalidObjectException.missing(NAME);
        }
        return meta.getName();
    }

    /** {@code metadata.name} of a kind whose names are DNS-1123 subdomains (most kinds). */
    static String subdomainName(HasMetadata object) throws InvalidObjectException {
        String name = name(object);
        if (!DnsNames.isDns1123Subdomain(name)) {
            throw InvalidObjectException.invalid(NAME, quote(name)
                    + " is not a valid name (lower-case letters, digits, '-' and '.', at most 253 characters)");
        }
        return name;
    }

    /** {@code metadata.namespace} of a namespaced object, {@code default} when absent. */
    static String namespaceOf(HasMetadata object) throws InvalidObjectException {
        ObjectMeta meta = object.getMetadata();
        String ns = meta == null ? null : meta.getNamespace();
        if (ns == null || ns.isEmpty()) {
            return DEFAULT_NAMESPACE;
        }
        checkNamespaceName(ns, NAMESPACE);
        return ns;
    }

    static void checkNamespaceName(String name, FieldPath path) throws InvalidObjectException {
        if (!DnsNames.isDns1123Label(name)) {
            throw InvalidObjectException.invalid(path, quote(name) + " is not a valid namespace name " + DNS_LABEL);
        }
    }

    /** The object's labels, shared through the interner. */
    static Map<String, String> labels(Interner interner, ObjectMeta meta) {
        return meta == null ? Map.of() : interner.labels(meta.getLabels());
    }

    /** An optional DNS-1123 label (a hostname or subdomain field), null when absent. */
    static String optionalLabel(String value, FieldPath path, String what) throws InvalidObjectException {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (!DnsNames.isDns1123Label(value)) {
            throw InvalidObjectException.invalid(path, quote(value) + " is not a valid " + what + " " + DNS_LABEL);
        }
        return value;
    }

    /** The name of a Service or endpoint port, a DNS-1123 label; empty stays empty. */
    static void checkPortName(String name, FieldPath path) throws InvalidObjectException {
        if (!name.isEmpty() && !DnsNames.isDns1123Label(name)) {
            throw InvalidObjectException.invalid(path, quote(name) + " is not a valid port name " + DNS_LABEL);
        }
    }

    /** The name of a container port or a named target port: an IANA service name. */
    static void checkIanaPortName(String name, FieldPath path, String problem) throws InvalidObjectException {
        if (!isIanaServiceName(name)) {
            throw InvalidObjectException.invalid(path, quote(name) + problem
                    + " (at most 15 lower-case letters, digits and '-', with at least one letter)");
        }
    }

    static Protocol protocol(String value, FieldPath path) throws InvalidObjectException {
        return Protocol.parse(value).orElseThrow(() -> InvalidObjectException.invalid(path,
                quote(value) + " is not one of TCP, UDP, SCTP"));
    }

    static int portNumber(int port, FieldPath path) throws InvalidObjectException {
        if (port < 1 || port > 65535) {
            throw InvalidObjectException.invalid(path, port + " is not a port number (1 to 65535)");
        }
        return port;
    }

    static Optional<IpFamily> ipFamily(String value) {
        return switch (value == null ? "" : value) {
            case "IPv4" -> Optional.of(IpFamily.IPV4);
            case "IPv6" -> Optional.of(IpFamily.IPV6);
            default -> Optional.empty();
        };
    }

    /** A required IP address. */
    static String ip(String ip, FieldPath path) throws InvalidObjectException {
        if (ip == null || ip.isEmpty()) {
            throw InvalidObjectException.missing(path);
        }
        if (!IpAddress.isAddress(ip)) {
            throw InvalidObjectException.invalid(path, quote(ip) + " is not an IP address");
        }
        return ip;
    }

    static <T> T require(T value, FieldPath path) throws InvalidObjectException {
        if (value == null) {
            throw InvalidObjectException.missing(path);
        }
        return value;
    }

    static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }

    /** A DNS-1035 label: a DNS-1123 label that starts with a letter (the rule for Service names). */
    static boolean isDns1035Label(String s) {
        return DnsNames.isDns1123Label(s) && s.charAt(0) >= 'a' && s.charAt(0) <= 'z';
    }

    /** Kubernetes' IANA_SVC_NAME: the rule for named container ports and named target ports. */
    static boolean isIanaServiceName(String s) {
        if (s == null || s.isEmpty() || s.length() > 15 || s.startsWith("-") || s.endsWith("-") || s.contains("--")) {
            return false;
        }
        boolean letter = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'a' && c <= 'z') {
                letter = true;
            } else if (!(c >= '0' && c <= '9') && c != '-') {
                return false;
            }
        }
        return letter;
    }

    /** A value as a message quotes it: in double quotes, with quotes and control characters escaped. */
    static String quote(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
