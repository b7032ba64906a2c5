package dev.kdi.records.objects;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ApiKindTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            v1                  | Pod           | POD
            discovery.k8s.io/v1 | EndpointSlice | ENDPOINT_SLICE
            apps/v1             | StatefulSet   | STATEFUL_SET
            batch/v1            | CronJob       | CRON_JOB
            """)
    void of_findsTheKindInTheVersionTheModelReads(String apiVersion, String kind, ApiKind expected) {
        assertThat(ApiKind.of(apiVersion, kind)).contains(expected);
        assertThat(expected.kind()).isEqualTo(kind);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            discovery.k8s.io/v1beta1 | EndpointSlice
            batch/v1beta1            | CronJob
            v1                       | Secret
            apps/v1                  | Pod
            """)
    void of_otherVersionsAndKinds_areNotRead(String apiVersion, String kind) {
        assertThat(ApiKind.of(apiVersion, kind)).isEmpty();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            POD            | pods
            NAMESPACE      | namespaces
            ENDPOINT_SLICE | endpointslices.discovery.k8s.io
            DAEMON_SET     | daemonsets.apps
            JOB            | jobs.batch
            """)
    void resource_isHowRbacNamesIt(ApiKind kind, String resource) {
        assertThat(kind.resource()).isEqualTo(resource);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"Namespace,true,true", "Node,false,true", "ClusterRole,false,true", "Pod,true,false",
            "Secret,false,false"})
    void readAndClusterScoped(String kind, boolean read, boolean clusterScoped) {
        assertThat(ApiKind.isRead(kind)).isEqualTo(read);
        assertThat(ApiKind.isClusterScoped(kind)).isEqualTo(clusterScoped);
    }
}
