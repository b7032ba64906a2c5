package dev.kdi.cluster;

import dev.kdi.manifests.Interner;
import dev.kdi.manifests.ObjectConverter;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

/**
 * One open connection to a context's API server: the credentials obtained, a fabric8 client tuned
 * for kdi, and what is built on it (loaders, the port-forwarder, access reviews), so that no one
 * above this package handles a fabric8 configuration, credential or client.
 */
public final class ClusterConnection implements AutoCloseable {
    private final KubernetesClient client;
    private final PortForwarder forwarder;
    private final AccessReview access;

    private ClusterConnection(KubernetesClient client) {
        this.client = client;
        this.forwarder = new PortForwarder(client);
        this.access = new AccessReview(client);
    }

    /**
     * Runs the context's credential plugin, if any, and connects.
     *
     * @param step told what is happening, for a progress display ({@code Connecting to https://...})
     * @throws ClusterException when the credential plugin fails; the message names it and says what
     *     to do
     */
    public static ClusterConnection open(ContextTarget target, Consumer<String> step) throws ClusterException {
        Config config = tune(target.config());
        if (target.credentials().isPresent()) {
            ExecCredentials plugin = target.credentials().get();
            step.accept("Getting credentials from " + plugin.plugin().getFileName());
            ExecCredentials.Credential c = plugin.obtain();
            if (c.token().isPresent()) {
                config.setOauthTokenProvider(plugin);
            } else {
                Base64.Encoder b64 = Base64.getEncoder();
                config.setClientCertData(b64.encodeToString(
                        c.clientCertificate().orElseThrow().getBytes(StandardCharsets.UTF_8)));
                config.setClientKeyData(b64.encodeToString(c.clientKey().orElseThrow().getBytes(StandardCharsets.UTF_8)));
            }
        }
        step.accept("Connecting to " + (target.server().isEmpty() ? target.context() : target.server()));
        // This client only reads, and only what DNS needs: it skips the rest while parsing.
        return new ClusterConnection(new KubernetesClientBuilder().withConfig(config)
                .withKubernetesSerialization(DnsFieldsSerialization.create()).build());
    }

    /** Our own watch and retry handling replace fabric8's, so drops and staleness are visible. */
    private static Config tune(Config original) {
        // A copy: the caller's Config may be shared (the demo's own client uses it).
        Config c = new ConfigBuilder(original).build();
        c.setWatchReconnectLimit(0);
        c.setRequestRetryBackoffLimit(1);
        // Unset means "wait forever" to fabric8; a time the caller chose (the demo's in-process
        // server waits longer, as a loaded machine needs) is kept.
        if (c.getRequestTimeout() <= 0) {
            c.setRequestTimeout(15_000);
        }
        if (c.getConnectionTimeout() <= 0) {
            c.setConnectionTimeout(10_000);
        }
        return c;
    }

    /**
     * A loader of the objects DNS needs, not yet loading.
     *
     * @param fallbackNamespaces namespaces to read one by one when listing across all is forbidden
     */
    public ClusterLoader loader(List<String> fallbackNamespaces, int pageSize, ScheduledExecutorService scheduler,
                                Clock clock, ClusterLoader.Listener listener) {
        return loader(fallbackNamespaces, pageSize, scheduler, clock, listener, Optional.empty());
    }

    /** @param dnsService the DNS Service the user named ({@code --dns-service}), replacing detection */
    public ClusterLoader loader(List<String> fallbackNamespaces, int pageSize, ScheduledExecutorService scheduler,
                                Clock clock, ClusterLoader.Listener listener, Optional<DnsServers.ServiceRef> dnsService) {
        return new ClusterLoader(client, new ObjectConverter(new Interner()), fallbackNamespaces, pageSize, scheduler,
                clock, listener, dnsService);
    }

    /** Opens port-forwards to pods over this connection. */
    public PortForwarder forwarder() {
        return forwarder;
    }

    /** Reads what a DNS pod's health needs beyond the snapshot. */
    public DnsPodDetails podDetails() {
        return new DnsPodDetails(client);
    }

    /** Asks the API server what the user may do. */
    public AccessReview access() {
        return access;
    }

    @Override
    public void close() {
        // The forwards before the client: fabric8 strands forwards whose client closed first.
        forwarder.close();
        client.close();
    }
}
