package dev.kdi.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kdi.manifests.Interner;
import dev.kdi.manifests.ObjectConverter;
import dev.kdi.testing.GeneratedCluster;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Skipping what DNS never reads while parsing must leave every record the model gets unchanged. */
class DnsFieldsSerializationTest {
    static final KubernetesSerialization FULL = new KubernetesSerialization();
    static final KubernetesSerialization LEAN = DnsFieldsSerialization.create();

    /** A pod using every field the model reads from pods, next to fields it never reads. */
    static final String RICH_POD = """
            {"apiVersion": "v1", "kind": "Pod",
             "metadata": {"name": "db-0", "namespace": "shop", "labels": {"app": "db"},
               "annotations": {"kubectl.kubernetes.io/last-applied-configuration": "{...}"},
               "ownerReferences": [{"apiVersion": "apps/v1", "kind": "StatefulSet", "name": "db", "uid": "u",
                                    "controller": true}],
               "managedFields": [{"manager": "kubelet", "operation": "Update", "fieldsV1": {"f:status": {}}}],
               "deletionTimestamp": "2026-01-05T10:00:00Z"},
             "spec": {"hostname": "db-0", "subdomain": "db", "setHostnameAsFQDN": true, "hostNetwork": false,
               "dnsPolicy": "None", "dnsConfig": {"nameservers": ["10.96.0.10"], "searches": ["shop.svc.cluster.local"],
                 "options": [{"name": "ndots", "value": "2"}]},
               "nodeName": "node-1",
               "initContainers": [{"name": "proxy", "restartPolicy": "Always",
                 "ports": [{"name": "proxy", "containerPort": 15001}], "env": [{"name": "A", "value": "b"}]}],
               "containers": [{"name": "pg", "image": "postgres", "ports": [{"name": "pg", "containerPort": 5432,
                 "protocol": "TCP"}], "resources": {"requests": {"cpu": "1"}}, "volumeMounts": [{"name": "d",
                 "mountPath": "/d"}], "readinessProbe": {"tcpSocket": {"port": 5432}}}],
               "volumes": [{"name": "d", "emptyDir": {}}], "tolerations": [{"operator": "Exists"}]},
             "status": {"phase": "Running", "podIP": "10.244.1.20", "podIPs": [{"ip": "10.244.1.20"}, {"ip": "fd00::20"}],
               "conditions": [{"type": "Ready", "status": "True"}],
               "containerStatuses": [{"name": "pg", "ready": true, "restartCount": 0, "image": "postgres",
                 "imageID": "x"}]}}
            """;

    static <T extends HasMetadata> T read(KubernetesSerialization s, byte[] json, Class<T> type) {
        return s.unmarshal(new ByteArrayInputStream(json), type);
    }

    @Test
    @DisplayName("a pod read lean converts to the same record, without the fields DNS never reads")
    void leanPod_convertsToTheSameRecord() throws Exception {
        byte[] json = RICH_POD.getBytes(StandardCharsets.UTF_8);
        Pod full = read(FULL, json, Pod.class);
        Pod lean = read(LEAN, json, Pod.class);
        assertThat(new ObjectConverter(new Interner()).pod(lean)).isEqualTo(new ObjectConverter(new Interner()).pod(full));
        assertThat(lean.getMetadata().getManagedFields()).isEmpty();
        assertThat(lean.getMetadata().getAnnotations()).isEmpty();
        assertThat(lean.getMetadata().getAdditionalProperties()).isEmpty();
        assertThat(lean.getSpec().getVolumes()).isEmpty();
        assertThat(lean.getSpec().getContainers().get(0).getResources()).isNull();
        assertThat(lean.getStatus().getContainerStatuses()).isEmpty();
        assertThat(full.getStatus().getContainerStatuses()).hasSize(1);
    }

    @Test
    void generatedObjects_convertToTheSameRecords() throws Exception {
        GeneratedCluster cluster = GeneratedCluster.generate(40, 7, 3);
        ObjectConverter fromFull = new ObjectConverter(new Interner());
        ObjectConverter fromLean = new ObjectConverter(new Interner());
        for (byte[] json : cluster.items().get("pods")) {
            assertThat(fromLean.pod(read(LEAN, json, Pod.class))).isEqualTo(fromFull.pod(read(FULL, json, Pod.class)));
        }
        for (byte[] json : cluster.items().get("services")) {
            assertThat(fromLean.service(read(LEAN, json, Service.class)))
                    .isEqualTo(fromFull.service(read(FULL, json, Service.class)));
        }
        for (byte[] json : cluster.items().get("endpointslices")) {
            assertThat(fromLean.endpointSlice(read(LEAN, json, EndpointSlice.class)))
                    .isEqualTo(fromFull.endpointSlice(read(FULL, json, EndpointSlice.class)));
        }
        assertThat(List.of(cluster.count("pods"), cluster.count("services"))).containsExactly(41, 8);
    }
}
