package dev.kdi.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A large cluster as the API server would list it, generated as JSON: namespaces, ClusterIP
 * Services each selecting a Deployment's pods, one EndpointSlice per Service, and the pods, each
 * shaped like a real one (labels, owner, one container with ports, resources, env and a volume,
 * conditions, container status, one managedFields entry). Also kube-dns with one CoreDNS pod, so
 * a session finds a DNS to ask.
 *
 * @param items the objects by resource plural ({@code pods}, {@code services}, ...), as JSON bytes
 * @param dnsPod the CoreDNS pod's name, in {@code kube-system}
 */
public record GeneratedCluster(Map<String, List<byte[]>> items, String dnsPod) {
    public static final String DNS_POD = "coredns-5d78c9869d-bench";

    /**
     * @param pods how many application pods
     * @param services how many Services; pod {@code i} belongs to Service {@code i % services}
     * @param namespaces how many namespaces the Services are spread over
     */
    public static GeneratedCluster generate(int pods, int services, int namespaces) {
        Map<String, List<byte[]>> items = new LinkedHashMap<>();
        List<byte[]> ns = new ArrayList<>();
        for (String name : List.of("default", "kube-system")) {
            ns.add(namespace(name));
        }
        for (int n = 0; n < namespaces; n++) {
            ns.add(namespace(namespaceOf(n)));
        }
        items.put("namespaces", ns);

        List<byte[]> svcs = new ArrayList<>(services + 1);
        List<byte[]> slices = new ArrayList<>(services + 1);
        List<List<Integer>> members = new ArrayList<>(services);
        for (int s = 0; s < services; s++) {
            members.add(new ArrayList<>());
        }
        for (int p = 0; p < pods; p++) {
            members.get(p % services).add(p);
        }
        for (int s = 0; s < services; s++) {
            svcs.add(service(s, namespaces));
            slices.add(slice(s, namespaces, members.get(s)));
        }
        svcs.add(bytes("""
                {"apiVersion":"v1","kind":"Service","metadata":{"name":"kube-dns","namespace":"kube-system",\
                "uid":"u-kube-dns","resourceVersion":"1","labels":{"k8s-app":"kube-dns"}},"spec":{"type":"ClusterIP",\
                "clusterIP":"10.96.0.10","clusterIPs":["10.96.0.10"],"ipFamilies":["IPv4"],\
                "selector":{"k8s-app":"kube-dns"},"ports":[{"name":"dns","protocol":"UDP","port":53,"targetPort":53},\
                {"name":"dns-tcp","protocol":"TCP","port":53,"targetPort":53}]}}"""));
        slices.add(bytes("""
                {"apiVersion":"discovery.k8s.io/v1","kind":"EndpointSlice","metadata":{"name":"kube-dns-x7k2p",\
                "namespace":"kube-system","resourceVersion":"1","labels":{"kubernetes.io/service-name":"kube-dns"}},\
                "addressType":"IPv4","ports":[{"name":"dns","protocol":"UDP","port":53},\
                {"name":"dns-tcp","protocol":"TCP","port":53}],"endpoints":[{"addresses":["10.63.0.2"],\
                "conditions":{"ready":true,"serving":true,"terminating":false},"nodeName":"node-0",\
                "targetRef":{"kind":"Pod","namespace":"kube-system","name":"%s"}}]}""".formatted(DNS_POD)));
        items.put("services", svcs);
        items.put("endpointslices", slices);

        List<byte[]> podItems = new ArrayList<>(pods + 1);
        for (int p = 0; p < pods; p++) {
            podItems.add(pod(p, p % services, namespaces));
        }
        podItems.add(bytes("""
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s","namespace":"kube-system","uid":"u-dns",\
                "resourceVersion":"1","labels":{"k8s-app":"kube-dns"}},"spec":{"nodeName":"node-0","containers":\
                [{"name":"coredns","image":"registry.k8s.io/coredns/coredns:v1.11.1","ports":[{"name":"dns-tcp",\
                "containerPort":53,"protocol":"TCP"}]}]},"status":{"phase":"Running","podIP":"10.63.0.2",\
                "podIPs":[{"ip":"10.63.0.2"}],"conditions":[{"type":"Ready","status":"True"}]}}""".formatted(DNS_POD)));
        items.put("pods", podItems);
        return new GeneratedCluster(items, DNS_POD);
    }

    public int count(String resource) {
        return items.getOrDefault(resource, List.of()).size();
    }

    /** JSON bytes of all objects of a resource. */
    public long jsonBytes(String resource) {
        return items.getOrDefault(resource, List.of()).stream().mapToLong(b -> b.length).sum();
    }

    static String namespaceOf(int n) {
        return "team-" + n;
    }

    static String ipOfPod(int p) {
        return "10." + (64 + p / 65_536) + "." + (p / 256 % 256) + "." + (p % 256);
    }

    static String ipOfService(int s) {
        return "10.96." + (16 + s / 256) + "." + (s % 256);
    }

    private static byte[] namespace(String name) {
        return bytes("{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + name
                + "\",\"uid\":\"u-ns-" + name + "\",\"resourceVersion\":\"1\",\"labels\":{\"kubernetes.io/metadata.name\":\""
                + name + "\"}},\"spec\":{\"finalizers\":[\"kubernetes\"]},\"status\":{\"phase\":\"Active\"}}");
    }

    private static byte[] service(int s, int namespaces) {
        return bytes("""
                {"apiVersion":"v1","kind":"Service","metadata":{"name":"app-%1$d","namespace":"%2$s","uid":"u-svc-%1$d",\
                "resourceVersion":"%1$d","creationTimestamp":"2026-01-05T10:00:00Z","labels":{"app":"app-%1$d",\
                "team":"%2$s"}},"spec":{"type":"ClusterIP","clusterIP":"%3$s","clusterIPs":["%3$s"],\
                "ipFamilies":["IPv4"],"ipFamilyPolicy":"SingleStack","internalTrafficPolicy":"Cluster",\
                "sessionAffinity":"None","selector":{"app":"app-%1$d"},"ports":[{"name":"http","protocol":"TCP",\
                "port":80,"targetPort":"http"}]},"status":{"loadBalancer":{}}}"""
                .formatted(s, namespaceOf(s % namespaces), ipOfService(s)));
    }

    private static byte[] slice(int s, int namespaces, List<Integer> pods) {
        StringBuilder endpoints = new StringBuilder();
        for (int p : pods) {
            if (endpoints.length() > 0) {
                endpoints.append(',');
            }
            endpoints.append("""
                    {"addresses":["%s"],"conditions":{"ready":true,"serving":true,"terminating":false},\
                    "nodeName":"node-%d","targetRef":{"kind":"Pod","namespace":"%s","name":"%s","uid":"u-pod-%d"}}"""
                    .formatted(ipOfPod(p), p % 500, namespaceOf(s % namespaces), podName(p, s), p));
        }
        return bytes("""
                {"apiVersion":"discovery.k8s.io/v1","kind":"EndpointSlice","metadata":{"name":"app-%1$d-x9z2k",\
                "generateName":"app-%1$d-","namespace":"%2$s","uid":"u-es-%1$d","resourceVersion":"%1$d",\
                "labels":{"endpointslice.kubernetes.io/managed-by":"endpointslice-controller.k8s.io",\
                "kubernetes.io/service-name":"app-%1$d"},"ownerReferences":[{"apiVersion":"v1","kind":"Service",\
                "name":"app-%1$d","uid":"u-svc-%1$d","controller":true,"blockOwnerDeletion":true}]},\
                "addressType":"IPv4","ports":[{"name":"http","protocol":"TCP","port":8080}],"endpoints":[%3$s]}"""
                .formatted(s, namespaceOf(s % namespaces), endpoints));
    }

    private static String podName(int p, int s) {
        return "app-" + s + "-7d9f8b6c5-" + Integer.toString(p, 36);
    }

    private static byte[] pod(int p, int s, int namespaces) {
        return bytes("""
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%1$s","generateName":"app-%2$d-7d9f8b6c5-",\
                "namespace":"%3$s","uid":"u-pod-%4$d","resourceVersion":"%4$d",\
                "creationTimestamp":"2026-01-05T10:00:00Z","labels":{"app":"app-%2$d","pod-template-hash":"7d9f8b6c5"},\
                "annotations":{"kubectl.kubernetes.io/restartedAt":"2026-01-05T09:59:00Z"},\
                "ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"app-%2$d-7d9f8b6c5",\
                "uid":"u-rs-%2$d","controller":true,"blockOwnerDeletion":true}],\
                "managedFields":[{"manager":"kubelet","operation":"Update","apiVersion":"v1",\
                "time":"2026-01-05T10:00:05Z","fieldsType":"FieldsV1","subresource":"status",\
                "fieldsV1":{"f:status":{"f:conditions":{},"f:containerStatuses":{},"f:hostIP":{},"f:phase":{},\
                "f:podIP":{},"f:podIPs":{},"f:startTime":{}}}}]},\
                "spec":{"containers":[{"name":"app","image":"registry.example.com/team/app:1.4.2",\
                "ports":[{"name":"http","containerPort":8080,"protocol":"TCP"}],\
                "env":[{"name":"LOG_LEVEL","value":"info"},{"name":"POD_IP","valueFrom":{"fieldRef":\
                {"apiVersion":"v1","fieldPath":"status.podIP"}}}],"resources":{"requests":{"cpu":"100m",\
                "memory":"128Mi"},"limits":{"memory":"256Mi"}},"volumeMounts":[{"name":"kube-api-access-x2b4c",\
                "readOnly":true,"mountPath":"/var/run/secrets/kubernetes.io/serviceaccount"}],\
                "terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File",\
                "imagePullPolicy":"IfNotPresent"}],"restartPolicy":"Always","terminationGracePeriodSeconds":30,\
                "dnsPolicy":"ClusterFirst","serviceAccountName":"default","serviceAccount":"default",\
                "nodeName":"node-%5$d","securityContext":{},"schedulerName":"default-scheduler",\
                "tolerations":[{"key":"node.kubernetes.io/not-ready","operator":"Exists","effect":"NoExecute",\
                "tolerationSeconds":300}],"priority":0,"enableServiceLinks":true,"preemptionPolicy":"PreemptLowerPriority",\
                "volumes":[{"name":"kube-api-access-x2b4c","projected":{"sources":[{"serviceAccountToken":\
                {"expirationSeconds":3607,"path":"token"}}],"defaultMode":420}}]},\
                "status":{"phase":"Running","conditions":[{"type":"PodReadyToStartContainers","status":"True",\
                "lastTransitionTime":"2026-01-05T10:00:03Z"},{"type":"Initialized","status":"True",\
                "lastTransitionTime":"2026-01-05T10:00:01Z"},{"type":"Ready","status":"True",\
                "lastTransitionTime":"2026-01-05T10:00:05Z"},{"type":"ContainersReady","status":"True",\
                "lastTransitionTime":"2026-01-05T10:00:05Z"},{"type":"PodScheduled","status":"True",\
                "lastTransitionTime":"2026-01-05T10:00:00Z"}],"hostIP":"192.168.%6$d.%7$d",\
                "hostIPs":[{"ip":"192.168.%6$d.%7$d"}],"podIP":"%8$s","podIPs":[{"ip":"%8$s"}],\
                "startTime":"2026-01-05T10:00:01Z","containerStatuses":[{"name":"app","state":{"running":\
                {"startedAt":"2026-01-05T10:00:04Z"}},"lastState":{},"ready":true,"restartCount":0,\
                "image":"registry.example.com/team/app:1.4.2","imageID":"registry.example.com/team/app@sha256:\
                4f0c3b2e1d9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c","containerID":\
                "containerd://%9$064x","started":true}],"qosClass":"Burstable"}}"""
                .formatted(podName(p, s), s, namespaceOf(s % namespaces), p, p % 500, p % 500 / 256, p % 256,
                        ipOfPod(p), (long) p * 2_654_435_761L));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
