package dev.kdi.manifests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kdi.records.objects.ContainerPort;
import dev.kdi.records.objects.DnsPolicy;
import dev.kdi.records.objects.Endpoint;
import dev.kdi.records.objects.EndpointPort;
import dev.kdi.records.objects.EndpointSlice;
import dev.kdi.records.objects.EndpointsObject;
import dev.kdi.records.objects.IpFamily;
import dev.kdi.records.objects.Kinds;
import dev.kdi.records.objects.LabelSelector;
import dev.kdi.records.objects.Owner;
import dev.kdi.records.objects.Pod;
import dev.kdi.records.objects.PodDns;
import dev.kdi.records.objects.PodDnsConfig;
import dev.kdi.records.objects.Protocol;
import dev.kdi.records.objects.Service;
import dev.kdi.records.objects.ServicePort;
import dev.kdi.records.objects.ServiceType;
import dev.kdi.records.objects.TargetPort;
import dev.kdi.records.objects.Workload;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ObjectConverterTest {
    private final KubernetesSerialization serialization = new KubernetesSerialization();
    private final ObjectConverter converter = new ObjectConverter(new Interner());

    private <T> T parse(Class<T> type, String yaml) {
        return serialization.unmarshal(yaml, type);
    }

    private Service service(String yaml) throws InvalidObjectException {
        return converter.service(parse(io.fabric8.kubernetes.api.model.Service.class, yaml));
    }

    private Pod pod(String yaml) throws InvalidObjectException {
        return converter.pod(parse(io.fabric8.kubernetes.api.model.Pod.class, yaml));
    }

    private Converted<EndpointSlice> slice(String yaml) throws InvalidObjectException {
        return converter.endpointSlice(parse(io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice.class, yaml));
    }

    @Nested
    class Services {
        @Test
        void service_defaultsTypeProtocolTargetPortAndNamespace_whenTheManifestLeavesThemOut() throws Exception {
            Service s = service("""
                    apiVersion: v1
                    kind: Service
                    metadata: {name: web}
                    spec:
                      selector: {app: web}
                      ports:
                      - port: 80
                    """);

            assertThat(s.namespace()).isEqualTo("default");
            assertThat(s.name()).isEqualTo("web");
            assertThat(s.type()).isEqualTo(ServiceType.CLUSTER_IP);
            assertThat(s.clusterIPs()).as("the API server allocates; the manifest does not know").isEmpty();
            assertThat(s.ports()).containsExactly(new ServicePort("", Protocol.TCP, 80, TargetPort.number(80)));
            assertThat(s.selector()).isEqualTo(Map.of("app", "web"));
            assertThat(s.publishNotReadyAddresses()).isFalse();
            assertThat(s.ipFamilies()).isEmpty();
            assertThat(s.labels()).isEmpty();
        }

        @Test
        void service_keepsEveryDnsRelevantField_whenWritten() throws Exception {
            Service s = service("""
                    apiVersion: v1
                    kind: Service
                    metadata:
                      name: web
                      namespace: shop
                      labels: {tier: front}
                    spec:
                      type: LoadBalancer
                      clusterIP: 10.96.0.50
                      clusterIPs: [10.96.0.50, "fd00::50"]
                      ipFamilies: [IPv4, IPv6]
                      publishNotReadyAddresses: true
                      selector: {app: web}
                      ports:
                      - {name: http, port: 80, targetPort: http-alt}
                      - {name: dns, protocol: UDP, port: 53, targetPort: 5353}
                    """);

            assertThat(s.namespace()).isEqualTo("shop");
            assertThat(s.type()).isEqualTo(ServiceType.LOAD_BALANCER);
            assertThat(s.clusterIPs()).containsExactly("10.96.0.50", "fd00::50");
            assertThat(s.ipFamilies()).containsExactly(IpFamily.IPV4, IpFamily.IPV6);
            assertThat(s.publishNotReadyAddresses()).isTrue();
            assertThat(s.labels()).isEqualTo(Map.of("tier", "front"));
            assertThat(s.ports()).containsExactly(
                    new ServicePort("http", Protocol.TCP, 80, TargetPort.named("http-alt")),
                    new ServicePort("dns", Protocol.UDP, 53, TargetPort.number(5353)));
        }

        @Test
        void service_takesClusterIpAlone_whenClusterIPsIsEmpty() throws Exception {
            Service s = service("""
                    apiVersion: v1
                    kind: Service
                    metadata: {name: web}
                    spec: {clusterIP: 10.96.0.7, ports: [{port: 80}]}
                    """);

            assertThat(s.clusterIPs()).containsExactly("10.96.0.7");
        }

        @Test
        void service_isHeadless_whenClusterIpIsNone() throws Exception {
            Service s = service("""
                    apiVersion: v1
                    kind: Service
                    metadata: {name: db}
                    spec: {clusterIP: None, ports: []}
                    """);

            assertThat(s.clusterIPs()).containsExactly("None");
            assertThat(s.isHeadless()).isTrue();
        }

        @Test
        void service_hasNoClusterIpsAndKeepsTheNameAsWritten_whenExternalName() throws Exception {
            Service s = service("""
                    apiVersion: v1
                    kind: Service
                    metadata: {name: mail}
                    spec: {type: ExternalName, externalName: mail.example.com., clusterIP: 10.96.0.9}
                    """);

            assertThat(s.type()).isEqualTo(ServiceType.EXTERNAL_NAME);
            assertThat(s.clusterIPs()).isEmpty();
            assertThat(s.externalName()).isEqualTo("mail.example.com.");
        }

        @Test
        void service_defaultsTargetPortToThePort_whenZero() throws Exception {
            Service s = service("""
                    apiVersion: v1
                    kind: Service
                    metadata: {name: web}
                    spec: {ports: [{port: 8443, targetPort: 0}]}
                    """);

            assertThat(s.ports().get(0).targetPort()).isEqualTo(TargetPort.number(8443));
        }

        @Test
        void service_hasNullSelector_whenTheSelectorIsEmpty() throws Exception {
            Service s = service("""
                    apiVersion: v1
                    kind: Service
                    metadata: {name: web}
                    spec: {selector: {}, ports: [{port: 80}]}
                    """);

            assertThat(s.selector()).isNull();
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', textBlock = """
                unknown type           | {type: Cluster, ports: [{port: 80}]}                          | spec.type: "Cluster" is not one of ClusterIP, NodePort, LoadBalancer, ExternalName
                unknown protocol       | {ports: [{port: 80, protocol: tcp}]}                          | spec.ports[0].protocol: "tcp" is not one of TCP, UDP, SCTP
                port zero              | {ports: [{port: 0}]}                                          | spec.ports[0].port: 0 is not a port number (1 to 65535)
                port too large         | {ports: [{port: 65536}]}                                      | spec.ports[0].port: 65536 is not a port number (1 to 65535)
                port missing           | {ports: [{name: http}]}                                       | spec.ports[0].port is missing
                no ports               | {clusterIP: 10.96.0.1}                                        | spec.ports is missing
                targetPort too large   | {ports: [{port: 80, targetPort: 70000}]}                      | spec.ports[0].targetPort: 70000 is not a port number (1 to 65535)
                targetPort bad name    | {ports: [{port: 80, targetPort: Web_Port}]}                   | spec.ports[0].targetPort: "Web_Port" is not a port number or a valid port name (at most 15 lower-case letters, digits and '-', with at least one letter)
                targetPort quoted num  | {ports: [{port: 80, targetPort: '8080'}]}                     | spec.ports[0].targetPort: "8080" is not a port number or a valid port name (at most 15 lower-case letters, digits and '-', with at least one letter)
                unnamed of several     | {ports: [{name: a, port: 80}, {port: 81}]}                    | spec.ports[1].name: is missing (a Service with several ports must name each)
                same name twice        | {ports: [{name: a, port: 80}, {name: a, port: 81}]}           | spec.ports[1].name: "a" is already the name of another port
                bad port name          | {ports: [{name: HTTP, port: 80}]}                             | spec.ports[0].name: "HTTP" is not a valid port name (at most 63 lower-case letters, digits and '-')
                clusterIP not an IP    | {clusterIP: 10.96.0.300, ports: [{port: 80}]}                 | spec.clusterIP: "10.96.0.300" is not an IP address or "None"
                clusterIPs not an IP   | {clusterIPs: [10.96.0.1, 'fd00::zz'], ports: [{port: 80}]}    | spec.clusterIPs[1]: "fd00::zz" is not an IP address or "None"
                clusterIPs mismatch    | {clusterIP: 10.96.0.1, clusterIPs: [10.96.0.2], ports: [{port: 80}]} | spec.clusterIPs[0]: "10.96.0.2" does not match spec.clusterIP "10.96.0.1"
                None among others      | {clusterIPs: [None, 10.96.0.2], ports: [{port: 80}]}          | spec.clusterIPs[0]: "None" must be the only entry of a headless Service
                same family twice      | {clusterIPs: [10.96.0.1, 10.96.0.2], ports: [{port: 80}]}     | spec.clusterIPs[1]: "10.96.0.2" is of the same IP family as spec.clusterIPs[0] (dual-stack needs one of each)
                bad ipFamily           | {ipFamilies: [IPv5], ports: [{port: 80}]}                     | spec.ipFamilies[0]: "IPv5" is not one of IPv4, IPv6
                externalName missing   | {type: ExternalName}                                          | spec.externalName: is missing (type ExternalName needs it)
                externalName invalid   | {type: ExternalName, externalName: 'mail_box.example.com'}    | spec.externalName: "mail_box.example.com" is not a valid DNS name (lower-case letters, digits, '-' and '.', at most 253 characters)
                """)
        void service_refusesWhatTheApiServerRefuses(String what, String spec, String message) {
            String yaml = "apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: " + spec + "\n";

            assertThatThrownBy(() -> service(yaml))
                    .isInstanceOf(InvalidObjectException.class)
                    .hasMessage(message);
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', textBlock = """
                no name               | {}                                   | metadata.name is missing
                name not DNS-1035     | {name: 1web}                         | metadata.name: "1web" is not a valid Service name (at most 63 lower-case letters, digits and '-', starting with a letter)
                upper-case namespace  | {name: web, namespace: Shop}         | metadata.namespace: "Shop" is not a valid namespace name (at most 63 lower-case letters, digits and '-')
                """)
        void service_refusesBadMetadata(String what, String metadata, String message) {
            String yaml = "apiVersion: v1\nkind: Service\nmetadata: " + metadata + "\nspec: {ports: [{port: 80}]}\n";

            assertThatThrownBy(() -> service(yaml)).isInstanceOf(InvalidObjectException.class).hasMessage(message);
        }

        @Test
        void invalidObjectException_carriesThePathAndTheProblem() {
            InvalidObjectException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidObjectException.class,
                    () -> service("apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {ports: [{port: 0}]}\n"));

            assertThat(e.path()).isEqualTo(FieldPath.of("spec", "ports").index(0).field("port"));
            assertThat(e.problem()).isEqualTo("0 is not a port number (1 to 65535)");
        }
    }

    @Nested
    class EndpointSlices {
        @Test
        void endpointSlice_keepsAddressesConditionsAndTargets_asWritten() throws Exception {
            Converted<EndpointSlice> converted = slice("""
                    apiVersion: discovery.k8s.io/v1
                    kind: EndpointSlice
                    metadata:
                      name: web-abc12
                      namespace: shop
                      labels: {kubernetes.io/service-name: web}
                    addressType: IPv4
                    ports:
                    - {name: http, port: 8080}
                    - {protocol: UDP}
                    endpoints:
                    - addresses: [10.244.1.5]
                      conditions: {ready: true}
                      hostname: web-0
                      targetRef: {kind: Pod, name: web-0, namespace: shop}
                      nodeName: node-1
                    - addresses: [10.244.2.6]
                      conditions: {ready: false}
                    - addresses: [10.244.3.7]
                      targetRef: {kind: Node, name: node-3}
                    """);

            assertThat(converted).isInstanceOf(Converted.Kept.class);
            EndpointSlice s = ((Converted.Kept<EndpointSlice>) converted).value();
            assertThat(s.namespace()).isEqualTo("shop");
            assertThat(s.name()).isEqualTo("web-abc12");
            assertThat(s.serviceName()).isEqualTo("web");
            assertThat(s.addressType()).isEqualTo(IpFamily.IPV4);
            assertThat(s.origin()).isEqualTo(EndpointSlice.Origin.GIVEN);
            assertThat(s.ports()).containsExactly(
                    new EndpointPort("http", Protocol.TCP, 8080),
                    new EndpointPort("", Protocol.UDP, -1));
            assertThat(s.endpoints()).containsExactly(
                    new Endpoint(List.of("10.244.1.5"), true, "web-0", "web-0", "node-1"),
                    new Endpoint(List.of("10.244.2.6"), false, null, null, null),
                    new Endpoint(List.of("10.244.3.7"), null, null, null, null));
            assertThat(s.endpoints().get(2).isReady()).as("an unknown condition counts as ready").isTrue();
        }

        @Test
        void endpointSlice_readsIpv6Slices() throws Exception {
            Converted<EndpointSlice> converted = slice("""
                    apiVersion: discovery.k8s.io/v1
                    kind: EndpointSlice
                    metadata: {name: web-v6, labels: {kubernetes.io/service-name: web}}
                    addressType: IPv6
                    endpoints:
                    - addresses: ["fd00:0:0::5"]
                    """);

            EndpointSlice s = ((Converted.Kept<EndpointSlice>) converted).value();
            assertThat(s.addressType()).isEqualTo(IpFamily.IPV6);
            assertThat(s.endpoints().get(0).addresses()).as("exactly as written").containsExactly("fd00:0:0::5");
        }

        @Test
        void endpointSlice_isSkipped_whenAddressTypeIsFqdn() throws Exception {
            Converted<EndpointSlice> converted = slice("""
                    apiVersion: discovery.k8s.io/v1
                    kind: EndpointSlice
                    metadata: {name: ext, labels: {kubernetes.io/service-name: web}}
                    addressType: FQDN
                    endpoints:
                    - addresses: [www.example.com]
                    """);

            assertThat(converted).isEqualTo(new Converted.Skipped<>("addressType FQDN"));
        }

        @Test
        void endpointSlice_isSkipped_withoutTheServiceNameLabel() throws Exception {
            Converted<EndpointSlice> converted = slice("""
                    apiVersion: discovery.k8s.io/v1
                    kind: EndpointSlice
                    metadata: {name: orphan}
                    addressType: IPv4
                    """);

            assertThat(converted).isEqualTo(new Converted.Skipped<>("no label kubernetes.io/service-name"));
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', textBlock = """
                IPv6 in IPv4 slice  | IPv4 | 'fd00::1'    | endpoints[0].addresses[0]: "fd00::1" is not an IPv4 address
                IPv4 in IPv6 slice  | IPv6 | 10.0.0.1     | endpoints[0].addresses[0]: "10.0.0.1" is not an IPv6 address
                leading zero        | IPv4 | 10.0.0.01    | endpoints[0].addresses[0]: "10.0.0.01" is not an IPv4 address
                bad address type    | IPv5 | 10.0.0.1     | addressType: "IPv5" is not one of IPv4, IPv6, FQDN
                """)
        void endpointSlice_refusesAddressesOfTheWrongFamily(String what, String type, String address, String message) {
            String yaml = "apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\n"
                    + "metadata: {name: s, labels: {kubernetes.io/service-name: web}}\n"
                    + "addressType: " + type + "\nendpoints:\n- addresses: ['" + address + "']\n";

            assertThatThrownBy(() -> slice(yaml)).isInstanceOf(InvalidObjectException.class).hasMessage(message);
        }
    }

    @Nested
    class LegacyEndpoints {
        @Test
        void endpoints_keepsSubsetsAndSeesTheSkipMirrorLabel() throws Exception {
            EndpointsObject e = converter.endpoints(parse(Endpoints.class, """
                    apiVersion: v1
                    kind: Endpoints
                    metadata:
                      name: legacy
                      namespace: shop
                      labels: {endpointslice.kubernetes.io/skip-mirror: "true"}
                    subsets:
                    - addresses:
                      - {ip: 10.1.0.1, hostname: db-0, nodeName: node-1, targetRef: {kind: Pod, name: db-0}}
                      notReadyAddresses:
                      - {ip: 10.1.0.2}
                      ports:
                      - {name: sql, port: 5432}
                    """));

            assertThat(e.namespace()).isEqualTo("shop");
            assertThat(e.name()).isEqualTo("legacy");
            assertThat(e.skipMirror()).isTrue();
            assertThat(e.subsets()).containsExactly(new EndpointsObject.Subset(
                    List.of(new EndpointsObject.Address("10.1.0.1", "db-0", "db-0", "node-1")),
                    List.of(new EndpointsObject.Address("10.1.0.2", null, null, null)),
                    List.of(new EndpointPort("sql", Protocol.TCP, 5432))));
        }

        @Test
        void endpoints_isMirrored_withoutTheLabel() throws Exception {
            EndpointsObject e = converter.endpoints(parse(Endpoints.class, """
                    apiVersion: v1
                    kind: Endpoints
                    metadata: {name: legacy}
                    subsets: []
                    """));

            assertThat(e.skipMirror()).isFalse();
            assertThat(e.subsets()).isEmpty();
        }

        @Test
        void endpoints_refusesAnAddressThatIsNoIp() {
            assertThatThrownBy(() -> converter.endpoints(parse(Endpoints.class, """
                    apiVersion: v1
                    kind: Endpoints
                    metadata: {name: legacy}
                    subsets:
                    - addresses: [{ip: db.local}]
                      ports: [{port: 5432}]
                    """))).hasMessage("subsets[0].addresses[0].ip: \"db.local\" is not an IP address");
        }
    }

    @Nested
    class Pods {
        @Test
        void pod_readsIpsReadinessOwnerAndNames() throws Exception {
            Pod p = pod("""
                    apiVersion: v1
                    kind: Pod
                    metadata:
                      name: db-0
                      namespace: data
                      labels: {app: db}
                      ownerReferences:
                      - {apiVersion: v1, kind: ConfigMap, name: not-the-controller, uid: u1}
                      - {apiVersion: apps/v1, kind: StatefulSet, name: db, uid: u2, controller: true}
                    spec:
                      hostname: db-0
                      subdomain: db
                      nodeName: node-2
                      containers: [{name: db, image: postgres}]
                    status:
                      phase: Running
                      podIP: 10.244.0.5
                      podIPs: [{ip: 10.244.0.5}, {ip: "fd00::5"}]
                      conditions:
                      - {type: PodScheduled, status: "True"}
                      - {type: Ready, status: "True"}
                    """);

            assertThat(p.namespace()).isEqualTo("data");
            assertThat(p.name()).isEqualTo("db-0");
            assertThat(p.labels()).isEqualTo(Map.of("app", "db"));
            assertThat(p.ips()).containsExactly("10.244.0.5", "fd00::5");
            assertThat(p.ready()).isTrue();
            assertThat(p.terminating()).isFalse();
            assertThat(p.phase()).isEqualTo(Pod.Phase.RUNNING);
            assertThat(p.hostname()).isEqualTo("db-0");
            assertThat(p.subdomain()).isEqualTo("db");
            assertThat(p.nodeName()).isEqualTo("node-2");
            assertThat(p.owner()).isEqualTo(new Owner("StatefulSet", "db"));
        }

        @Test
        void pod_takesPodIpAlone_whenPodIPsIsEmpty() throws Exception {
            Pod p = pod("""
                    apiVersion: v1
                    kind: Pod
                    metadata: {name: a}
                    status: {podIP: 10.1.2.3}
                    """);

            assertThat(p.ips()).containsExactly("10.1.2.3");
        }

        @Test
        void pod_hasNoIpNoOwnerAndIsNotReady_withoutStatus() throws Exception {
            Pod p = pod("""
                    apiVersion: v1
                    kind: Pod
                    metadata: {name: a}
                    spec: {containers: [{name: c, image: i}]}
                    """);

            assertThat(p.namespace()).isEqualTo("default");
            assertThat(p.ips()).isEmpty();
            assertThat(p.primaryIp()).isNull();
            assertThat(p.ready()).isFalse();
            assertThat(p.owner()).isNull();
            assertThat(p.phase()).isEqualTo(Pod.Phase.UNKNOWN);
            assertThat(p.hostname()).isNull();
        }

        @Test
        void pod_isNotReady_whenTheReadyConditionIsFalse() throws Exception {
            Pod p = pod("""
                    apiVersion: v1
                    kind: Pod
                    metadata: {name: a}
                    status: {phase: Running, podIP: 10.1.2.3, conditions: [{type: Ready, status: "False"}]}
                    """);

            assertThat(p.ready()).isFalse();
        }

        @Test
        void pod_isTerminating_whenItHasADeletionTimestamp() throws Exception {
            Pod p = pod("""
                    apiVersion: v1
                    kind: Pod
                    metadata: {name: a, deletionTimestamp: "2024-05-01T10:00:00Z"}
                    status: {phase: Running, podIP: 10.1.2.3}
                    """);

            assertThat(p.terminating()).isTrue();
        }

        @Test
        void pod_sharesTheDefaultDnsSettings_whenItSetsNone() throws Exception {
            Pod p = pod("apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec: {containers: [{name: c}]}\n");

            assertThat(p.dns()).isSameAs(PodDns.DEFAULTS);
        }

        @Test
        void pod_readsItsDnsSettings() throws Exception {
            Pod p = pod("""
                    apiVersion: v1
                    kind: Pod
                    metadata: {name: a}
                    spec:
                      dnsPolicy: ClusterFirstWithHostNet
                      hostNetwork: true
                      setHostnameAsFQDN: true
                      dnsConfig:
                        nameservers: [10.0.0.10]
                        searches: [corp.example.com]
                        options: [{name: ndots, value: "2"}, {name: single-request}]
                      containers: [{name: c}]
                    """);

            assertThat(p.dns()).isEqualTo(new PodDns(DnsPolicy.CLUSTER_FIRST_WITH_HOST_NET, true, true,
                    new PodDnsConfig(List.of("10.0.0.10"), List.of("corp.example.com"),
                            List.of(new PodDnsConfig.Option("ndots", "2"), new PodDnsConfig.Option("single-request", null)))));
        }

        @Test
        void pod_keepsNamedPortsOfContainersAndSidecarsOnly() throws Exception {
            Pod p = pod("""
                    apiVersion: v1
                    kind: Pod
                    metadata: {name: a}
                    spec:
                      initContainers:
                      - name: setup
                        ports: [{name: setup-port, containerPort: 1000}]
                      - name: proxy
                        restartPolicy: Always
                        ports: [{name: proxy, containerPort: 15001, protocol: TCP}]
                      containers:
                      - name: web
                        ports:
                        - {name: http, containerPort: 8080}
                        - {containerPort: 9090}
                        - {name: dns, containerPort: 53, protocol: UDP}
                    """);

            assertThat(p.containerPorts()).containsExactly(
                    new ContainerPort("http", Protocol.TCP, 8080),
                    new ContainerPort("dns", Protocol.UDP, 53),
                    new ContainerPort("proxy", Protocol.TCP, 15001));
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', textBlock = """
                misspelt dnsPolicy   | spec: {dnsPolicy: ClusterFrist}                     | spec.dnsPolicy: "ClusterFrist" is not one of ClusterFirst, ClusterFirstWithHostNet, Default, None
                None without servers | spec: {dnsPolicy: None}                             | spec.dnsConfig.nameservers: is missing (dnsPolicy None needs at least one nameserver)
                nameserver no IP     | spec: {dnsConfig: {nameservers: [dns.local]}}      | spec.dnsConfig.nameservers[0]: "dns.local" is not an IP address
                podIP no IP          | status: {podIP: 10.1.2}                            | status.podIP: "10.1.2" is not an IP address
                podIPs no IP         | status: {podIPs: [{ip: 10.1.2.3}, {ip: 'fd00::g'}]} | status.podIPs[1].ip: "fd00::g" is not an IP address
                hostname not label   | spec: {hostname: Web_0}                            | spec.hostname: "Web_0" is not a valid hostname (at most 63 lower-case letters, digits and '-')
                subdomain not label  | spec: {subdomain: a.b}                             | spec.subdomain: "a.b" is not a valid subdomain (at most 63 lower-case letters, digits and '-')
                unknown phase        | status: {phase: running}                           | status.phase: "running" is not one of Pending, Running, Succeeded, Failed, Unknown
                bad container port   | spec: {containers: [{name: c, ports: [{name: http, containerPort: 0}]}]} | spec.containers[0].ports[0].containerPort: 0 is not a port number (1 to 65535)
                bad port name        | spec: {containers: [{name: c, ports: [{name: Http, containerPort: 80}]}]} | spec.containers[0].ports[0].name: "Http" is not a valid port name (at most 15 lower-case letters, digits and '-', with at least one letter)
                """)
        void pod_refusesWhatTheApiServerRefuses(String what, String part, String message) {
            String yaml = "apiVersion: v1\nkind: Pod\nmetadata: {name: a}\n" + part + "\n";

            assertThatThrownBy(() -> pod(yaml)).isInstanceOf(InvalidObjectException.class).hasMessage(message);
        }

        @Test
        void pod_nameOfOne66CharacterLabel_isAValidSubdomain() throws Exception {
            String name = "a".repeat(66);
            assertThat(pod("apiVersion: v1\nkind: Pod\nmetadata: {name: " + name + "}\n").name()).isEqualTo(name);
        }
    }

    @Nested
    class Workloads {
        private static final String TEMPLATE = """
                  template:
                    metadata: {labels: {app: db}}
                    spec:
                      hostname: primary
                      subdomain: db
                      containers: [{name: db, ports: [{name: sql, containerPort: 5432}]}]
                """;

        @Test
        void statefulSet_keepsServiceNameSelectorAndTemplate_andDefaultsReplicasToOne() throws Exception {
            Workload w = converter.workload(parse(StatefulSet.class, """
                    apiVersion: apps/v1
                    kind: StatefulSet
                    metadata: {name: db, namespace: data}
                    spec:
                      serviceName: db
                      selector: {matchLabels: {app: db}}
                    """ + TEMPLATE));

            assertThat(w.kind()).isEqualTo(Kinds.STATEFUL_SET);
            assertThat(w.namespace()).isEqualTo("data");
            assertThat(w.name()).isEqualTo("db");
            assertThat(w.serviceName()).isEqualTo("db");
            assertThat(w.replicas()).isEqualTo(1);
            assertThat(w.selector()).isEqualTo(LabelSelector.of(Map.of("app", "db")));
            assertThat(w.template().labels()).isEqualTo(Map.of("app", "db"));
            assertThat(w.template().hostname()).isEqualTo("primary");
            assertThat(w.template().subdomain()).isEqualTo("db");
            assertThat(w.template().dns()).isSameAs(PodDns.DEFAULTS);
            assertThat(w.template().containerPorts()).containsExactly(new ContainerPort("sql", Protocol.TCP, 5432));
            assertThat(w.isStatefulSet()).isTrue();
        }

        @Test
        void deploymentReplicaSetAndDaemonSet_carryTheirReplicas() throws Exception {
            String spec = "spec:\n  replicas: 4\n  selector: {matchLabels: {app: db}}\n" + TEMPLATE;

            Workload deployment = converter.workload(parse(Deployment.class,
                    "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\n" + spec));
            Workload replicaSet = converter.workload(parse(ReplicaSet.class,
                    "apiVersion: apps/v1\nkind: ReplicaSet\nmetadata: {name: r}\n" + spec));
            Workload daemonSet = converter.workload(parse(DaemonSet.class,
                    "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: ds}\nspec:\n  selector: {matchLabels: {app: db}}\n"
                            + TEMPLATE));

            assertThat(deployment.kind()).isEqualTo(Kinds.DEPLOYMENT);
            assertThat(deployment.replicas()).isEqualTo(4);
            assertThat(deployment.serviceName()).isNull();
            assertThat(replicaSet.kind()).isEqualTo(Kinds.REPLICA_SET);
            assertThat(replicaSet.replicas()).isEqualTo(4);
            assertThat(daemonSet.kind()).isEqualTo(Kinds.DAEMON_SET);
            assertThat(daemonSet.replicas()).isEqualTo(-1);
        }

        @Test
        void job_takesReplicasFromParallelism_orMinusOne() throws Exception {
            Workload parallel = converter.workload(parse(Job.class,
                    "apiVersion: batch/v1\nkind: Job\nmetadata: {name: j}\nspec:\n  parallelism: 3\n" + TEMPLATE));
            Workload plain = converter.workload(parse(Job.class,
                    "apiVersion: batch/v1\nkind: Job\nmetadata: {name: j}\nspec:\n" + TEMPLATE));

            assertThat(parallel.kind()).isEqualTo(Kinds.JOB);
            assertThat(parallel.replicas()).isEqualTo(3);
            assertThat(plain.replicas()).isEqualTo(-1);
            assertThat(plain.selector().isEmpty()).as("Jobs get their selector from the API server").isTrue();
        }

        @Test
        void cronJob_isDescribedByItsJobTemplate() throws Exception {
            Workload w = converter.workload(parse(CronJob.class, """
                    apiVersion: batch/v1
                    kind: CronJob
                    metadata: {name: nightly}
                    spec:
                      schedule: "0 3 * * *"
                      jobTemplate:
                        spec:
                          selector: {matchLabels: {app: db}}
                          template:
                            metadata: {labels: {app: db, job: nightly}}
                            spec:
                              subdomain: batch
                              containers: [{name: c}]
                    """));

            assertThat(w.kind()).isEqualTo(Kinds.CRON_JOB);
            assertThat(w.selector()).isEqualTo(LabelSelector.of(Map.of("app", "db")));
            assertThat(w.template().labels()).isEqualTo(Map.of("app", "db", "job", "nightly"));
            assertThat(w.template().subdomain()).isEqualTo("batch");
            assertThat(w.replicas()).isEqualTo(-1);
        }

        @Test
        void selector_readsEveryOperatorOfMatchExpressions() throws Exception {
            Workload w = converter.workload(parse(Deployment.class, """
                    apiVersion: apps/v1
                    kind: Deployment
                    metadata: {name: d}
                    spec:
                      selector:
                        matchLabels: {app: db}
                        matchExpressions:
                        - {key: tier, operator: In, values: [a, b]}
                        - {key: env, operator: NotIn, values: [test]}
                        - {key: app, operator: Exists}
                        - {key: legacy, operator: DoesNotExist}
                      template:
                        metadata: {labels: {app: db, tier: a}}
                        spec: {containers: [{name: c}]}
                    """));

            assertThat(w.selector().matchExpressions()).containsExactly(
                    new LabelSelector.Requirement("tier", LabelSelector.Operator.IN, List.of("a", "b")),
                    new LabelSelector.Requirement("env", LabelSelector.Operator.NOT_IN, List.of("test")),
                    new LabelSelector.Requirement("app", LabelSelector.Operator.EXISTS, List.of()),
                    new LabelSelector.Requirement("legacy", LabelSelector.Operator.DOES_NOT_EXIST, List.of()));
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', textBlock = """
                no selector      | spec: {template: {metadata: {labels: {app: db}}, spec: {containers: [{name: c}]}}}                                               | spec.selector is missing
                no template      | spec: {selector: {matchLabels: {app: db}}}                                                                                         | spec.template is missing
                labels mismatch  | spec: {selector: {matchLabels: {app: db}}, template: {metadata: {labels: {app: web}}, spec: {containers: [{name: c}]}}}             | spec.template.metadata.labels: {app=web} do not match spec.selector
                bad operator     | spec: {selector: {matchExpressions: [{key: app, operator: Equals, values: [db]}]}, template: {spec: {containers: [{name: c}]}}}  | spec.selector.matchExpressions[0].operator: "Equals" is not one of In, NotIn, Exists, DoesNotExist
                In without values | spec: {selector: {matchExpressions: [{key: app, operator: In}]}, template: {spec: {containers: [{name: c}]}}}                    | spec.selector.matchExpressions[0].values: is empty (operator In needs values)
                """)
        void deployment_refusesWhatTheApiServerRefuses(String what, String spec, String message) {
            String yaml = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\n" + spec + "\n";

            assertThatThrownBy(() -> converter.workload(parse(Deployment.class, yaml)))
                    .isInstanceOf(InvalidObjectException.class).hasMessage(message);
        }

        @ParameterizedTest(name = "{0} {1}: {2}")
        @CsvSource(delimiter = '|', textBlock = """
                StatefulSet | a{63}   | true
                StatefulSet | db.main | false
                StatefulSet | a{64}   | false
                Deployment  | db.main | true
                Deployment  | a{66}   | true
                CronJob     | a{52}   | true
                CronJob     | a{53}   | false
                Job         | a{66}   | true
                """)
        void names_followTheApiServerRulePerKind(String kind, String written, boolean accepted) {
            String name = written.startsWith("a{")
                    ? "a".repeat(Integer.parseInt(written.substring(2, written.length() - 1))) : written;
            String apiVersion = kind.endsWith("Job") ? "batch/v1" : "apps/v1";
            String template = "{selector: {matchLabels: {app: db}}, template: {metadata: {labels: {app: db}}, "
                    + "spec: {containers: [{name: c}]}}}";
            String spec = kind.equals("CronJob") ? "{schedule: '0 3 * * *', jobTemplate: {spec: " + template + "}}" : template;
            String yaml = "apiVersion: " + apiVersion + "\nkind: " + kind + "\nmetadata: {name: '" + name + "'}\nspec: "
                    + spec + "\n";
            ThrowingCallable convert = switch (kind) {
                case "StatefulSet" -> () -> converter.workload(parse(StatefulSet.class, yaml));
                case "Deployment" -> () -> converter.workload(parse(Deployment.class, yaml));
                case "CronJob" -> () -> converter.workload(parse(CronJob.class, yaml));
                default -> () -> converter.workload(parse(Job.class, yaml));
            };
            if (accepted) {
                assertThatCode(convert).doesNotThrowAnyException();
            } else {
                assertThatThrownBy(convert).isInstanceOf(InvalidObjectException.class)
                        .hasMessageStartingWith("metadata.name: \"" + name + "\" is not a valid " + kind + " name (at most");
            }
        }
    }

    @Nested
    class NamespacesAndConfigMaps {
        @Test
        void namespace_isItsName() throws Exception {
            assertThat(converter.namespace(parse(Namespace.class, "apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n")))
                    .isEqualTo("shop");
        }

        @Test
        void namespace_refusesANameThatIsNoDnsLabel() {
            assertThatThrownBy(() -> converter.namespace(parse(Namespace.class,
                    "apiVersion: v1\nkind: Namespace\nmetadata: {name: my.shop}\n")))
                    .hasMessage("metadata.name: \"my.shop\" is not a valid namespace name (at most 63 lower-case letters, digits and '-')");
        }

        @Test
        void corefile_isTheCorefileKeyOfKubeSystemCoredns() throws Exception {
            Converted<String> c = converter.corefile(parse(ConfigMap.class, """
                    apiVersion: v1
                    kind: ConfigMap
                    metadata: {name: coredns, namespace: kube-system}
                    data:
                      Corefile: |
                        .:53 {
                            kubernetes cluster.local
                        }
                    """));

            assertThat(c).isEqualTo(new Converted.Kept<>(".:53 {\n    kubernetes cluster.local\n}\n"));
        }

        @Test
        void corefile_skipsEveryOtherConfigMap() throws Exception {
            Converted<String> other = converter.corefile(parse(ConfigMap.class, """
                    apiVersion: v1
                    kind: ConfigMap
                    metadata: {name: coredns, namespace: default}
                    data: {Corefile: ".:53 {}"}
                    """));
            Converted<String> noKey = converter.corefile(parse(ConfigMap.class, """
                    apiVersion: v1
                    kind: ConfigMap
                    metadata: {name: coredns, namespace: kube-system}
                    data: {other: x}
                    """));

            assertThat(other).isEqualTo(new Converted.Skipped<>("not kube-system/coredns"));
            assertThat(noKey).isEqualTo(new Converted.Skipped<>("no key Corefile"));
        }
    }
}
