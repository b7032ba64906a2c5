package dev.kdi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kdi.cluster.ListeningSockets;
import dev.kdi.demo.DemoCluster;
import dev.kdi.records.Question;
import dev.kdi.records.RrType;
import dev.kdi.session.CheckRequest;
import dev.kdi.session.LiveOptions;
import dev.kdi.session.Progress;
import dev.kdi.session.ReplicaChoice;
import dev.kdi.session.Session;
import dev.kdi.session.Sessions;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The demo cluster through the command line, as the acceptance commands run it. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class DemoCommandsTest {

    @Test
    void lookupAnswersTheSeedsHostnameThroughAPortForward() {
        CliRun run = CliRun.run("--demo", "lookup", "sample-hostname.sample-subdomain.default.svc.cluster.local");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("sample-hostname.sample-subdomain.default.svc.cluster.local. 30 IN A 10.40.0.3")
                .contains(";; status NOERROR, ").contains(", replica kube-system/coredns-668d6bf9bc-");
        assertThat(run.err()).contains("demo cluster");
    }

    @Test
    void checkOfDefaultAgrees() {
        CliRun run = CliRun.run("--demo", "check", "-n", "default");
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(run.out().strip()).matches("\\d+ ok, 0 missing, 0 unexpected, 0 different");
    }

    @Test
    @DisplayName("check of everything exits 1 and names the replica that misses shop")
    void checkFindsTheStaleReplica() {
        CliRun run = CliRun.run("--demo", "check");
        assertThat(run.exit()).isEqualTo(1);
        List<String> problems = run.out().lines().filter(l -> !l.startsWith(";") && !l.matches("\\d+ ok.*")).toList();
        assertThat(problems).isNotEmpty().allSatisfy(l -> assertThat(l)
                .contains("kube-system/" + DemoCluster.STALE_REPLICA).doesNotContain(DemoCluster.HEALTHY_REPLICA));
        assertThat(problems).anySatisfy(l -> assertThat(l).startsWith("missing web.shop.svc.cluster.local. A "));
    }

    @Test
    @DisplayName("check -o junit: one testcase per name, type and replica; failures only on the stale replica")
    void checkAsJunit_isXmlACiReads() throws Exception {
        CliRun run = CliRun.run("--demo", "check", "-o", "junit");
        assertThat(run.exit()).isEqualTo(1);
        org.w3c.dom.Document doc = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new org.xml.sax.InputSource(new java.io.StringReader(run.out())));
        org.w3c.dom.Element suite = doc.getDocumentElement();
        assertThat(suite.getTagName()).isEqualTo("testsuite");
        assertThat(suite.getAttribute("name")).isEqualTo("kdi check");
        org.w3c.dom.NodeList cases = suite.getElementsByTagName("testcase");
        assertThat(Integer.parseInt(suite.getAttribute("tests"))).isEqualTo(cases.getLength()).isGreaterThan(20);
        List<org.w3c.dom.Element> failed = new java.util.ArrayList<>();
        for (int i = 0; i < cases.getLength(); i++) {
            org.w3c.dom.Element c = (org.w3c.dom.Element) cases.item(i);
            assertThat(c.getAttribute("name")).matches("\\S+\\. [A-Z]+ @kube-system/coredns-\\S+");
            if (c.getElementsByTagName("failure").getLength() > 0) {
                failed.add(c);
            }
        }
        assertThat(Integer.parseInt(suite.getAttribute("failures"))).isEqualTo(failed.size()).isPositive();
        assertThat(failed).allSatisfy(c -> assertThat(c.getAttribute("name")).endsWith("@kube-system/"
                + DemoCluster.STALE_REPLICA));
        org.w3c.dom.Element web = failed.stream().filter(c -> c.getAttribute("name").startsWith("web.shop.svc.cluster.local. A "))
                .findFirst().orElseThrow();
        assertThat(web.getAttribute("classname")).isEqualTo("shop");
        org.w3c.dom.Element failure = (org.w3c.dom.Element) web.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("type")).isEqualTo("missing");
        assertThat(failure.getTextContent()).startsWith("expected: 10.").contains("\nactual: NXDOMAIN\nreason: missing ");
    }

    @Test
    void checkOfDefaultAsJunit_exitsZeroWithNoFailure() {
        CliRun run = CliRun.run("--demo", "check", "-n", "default", "-o", "junit");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("failures=\"0\" errors=\"0\"").doesNotContain("<failure");
    }

    @Test
    void allReplicasMarksTheDisagreement() {
        CliRun run = CliRun.run("--demo", "lookup", "web.shop.svc.cluster.local", "--all-replicas");
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("-> NOERROR").contains("-> NXDOMAIN").contains(";; replicas disagree: ");
    }

    @Test
    void recordsAndLintWorkOnTheDemo() {
        CliRun records = CliRun.run("--demo", "records", "-n", "default");
        assertThat(records.exit()).isZero();
        assertThat(records.out()).contains("sample-headless.default.svc.cluster.local. 30 IN A 10.46.0.1");
        CliRun lint = CliRun.run("--demo", "lint");
        assertThat(lint.exit()).isEqualTo(1);
        assertThat(lint.out()).contains("ERROR sts-service-missing StatefulSet shop/db: ")
                .contains("ERROR externalname-is-ip Service monitoring/legacy-grafana: ");
    }

    @Test
    @DisplayName("the Corefile stories: coredns-custom's rewrite and stub domain, NodeHosts, a zone without fallthrough")
    void theCorefileStories() {
        CliRun db = CliRun.run("--demo", "lookup", "db.example.com", "--explain");
        assertThat(db.exit()).as(db.err()).isZero();
        assertThat(db.out()).contains("db.example.com. 30 IN A 10.244.1.20").contains("db.example.com. 30 IN A 10.244.2.21")
                .contains(";; model: agrees")
                .contains("rewrite (ConfigMap kube-system/coredns-custom key db.override line 1) asks the next plugins "
                        + "for db-headless.shop.svc.cluster.local.");
        CliRun node = CliRun.run("--demo", "lookup", "demo-node-2");
        assertThat(node.out()).contains("demo-node-2. 60 IN A 192.168.49.12");
        CliRun stub = CliRun.run("--demo", "predict", "www.corp.example");
        assertThat(stub.out()).contains("; FORWARDED to 10.150.0.53 by forward in block corp.example:53");
        CliRun lab = CliRun.run("--demo", "lookup", "scanner.lab.example", "--explain");
        assertThat(lab.out()).contains("-> SERVFAIL").contains(";; model: agrees")
                .contains("hosts (ConfigMap kube-system/coredns-custom key lab.server line 3) has no entry");
        CliRun lint = CliRun.run("--demo", "lint");
        assertThat(lint.out()).contains("ERROR corefile-hosts-no-fallthrough ConfigMap kube-system/coredns-custom: hosts "
                + "(ConfigMap kube-system/coredns-custom key lab.server line 3) in block lab.example:53");
        assertThat(lint.out().lines().filter(l -> l.contains("corefile-"))).hasSize(1);
    }

    @Test
    @DisplayName("no listening socket is opened besides the demo's own API server on loopback")
    void noListeningSocketBeyondTheDemoApiServer() throws Exception {
        // CI runs on Linux: there a missing /proc must fail the test, not skip it.
        Assumptions.assumeTrue("true".equals(System.getenv("CI")) || ListeningSockets.supported(),
                "needs Linux's /proc/self/net/tcp and /proc/self/fd");
        Set<String> before = ListeningSockets.ofThisProcess();
        try (Session session = Sessions.forThisUser().demo(LiveOptions.defaults())) {
            session.start(Progress.NONE);
            session.ask(new Question("web.shop.svc.cluster.local.", RrType.A), ReplicaChoice.all()).get(20, TimeUnit.SECONDS);
            session.check(new CheckRequest(Set.of("default"), java.util.Optional.empty()), Progress.NONE)
                    .get(30, TimeUnit.SECONDS);
            Set<String> added = new HashSet<>(ListeningSockets.ofThisProcess());
            added.removeAll(before);
            int apiPort = URI.create(session.info().server()).getPort();
            assertThat(added).containsExactly("tcp 127.0.0.1:" + apiPort);
        }
    }
}
