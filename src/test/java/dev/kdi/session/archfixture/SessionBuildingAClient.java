package dev.kdi.session.archfixture;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;

/** Breaks "session leaves fabric8 to cluster": a session tuning a client configuration. */
public final class SessionBuildingAClient {
    public Config config() {
        return new ConfigBuilder().withMasterUrl("https://127.0.0.1:6443").build();
    }
}
