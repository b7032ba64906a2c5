package dev.kdi.records.corefile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Imports and snippets as CoreDNS's Caddyfile parser follows them ({@code coredns/caddy caddyfile/parse.go}). */
class CorefileImportsTest {

    /** Files by path, as a pod would have them. */
    private static CorefileFiles files(Map<String, String> byPath) {
        TreeMap<String, String> sorted = new TreeMap<>(byPath);
        return pattern -> CorefileFiles.Match.of(sorted.entrySet().stream()
                .filter(e -> CorefileFiles.globMatches(pattern, e.getKey()))
                .map(e -> new CorefileFiles.File(e.getKey(), e.getValue(), "file " + e.getKey())).toList());
    }

    @Test
    void globImportsSpliceServerBlocksInNameOrderAndRelativeToTheCorefile() throws Exception {
        Corefile c = CorefileParser.parse("""
                import custom/*.server
                .:53 {
                    kubernetes cluster.local
                }
                """, "test", files(Map.of(
                "/etc/coredns/custom/b.server", "b.example:53 {\n    whoami\n}\n",
                "/etc/coredns/custom/a.server", "a.example:53 {\n    whoami\n}\n",
                "/etc/coredns/custom/a.override", "log\n")));
        assertThat(c.blocks()).extracting(ServerBlock::label).containsExactly("a.example:53", "b.example:53", ".:53");
        assertThat(c.blocks().get(0).directives().get(0).where()).isEqualTo("file /etc/coredns/custom/a.server line 2");
        assertThat(c.notes()).isEmpty();
    }

    @Test
    void aGlobMatchingNothingIsANoteButAMissingFileIsRefused() throws Exception {
        Corefile c = CorefileParser.parse(".:53 {\n    import /etc/coredns/custom/*.override\n    whoami\n}\n", "test",
                files(Map.of()));
        assertThat(c.notes()).singleElement().asString().contains("no file of the DNS pod matches");
        assertThatThrownBy(() -> CorefileParser.parse(".:53 {\n    import /etc/coredns/extra.conf\n}\n", "test", files(Map.of())))
                .hasMessageContaining("line 2").hasMessageContaining("File to import not found: /etc/coredns/extra.conf");
    }

    @Test
    void globsWithMoreThanOneWildcardAreRefused() {
        assertThatThrownBy(() -> CorefileParser.parse(".:53 {\n    import /etc/*/custom/*.server\n}\n", "test", files(Map.of())))
                .hasMessageContaining("Glob pattern may only contain one wildcard");
    }

    @Test
    void snippetsExpandInPlaceAndMayImportFiles() throws Exception {
        Corefile c = CorefileParser.parse("""
                (common) {
                    errors
                    import /etc/coredns/extra/*.conf
                }
                .:53 {
                    import common
                    kubernetes cluster.local
                }
                """, "test", files(Map.of("/etc/coredns/extra/x.conf", "rewrite name a.example b.example\n")));
        ServerBlock b = c.blocks().get(0);
        assertThat(b.directives()).extracting(Directive::name).containsExactly("errors", "rewrite", "kubernetes");
        assertThat(b.rewrites()).hasSize(1);
    }

    @Test
    void aFileThatImportsItselfIsRefusedNotLooped() {
        assertThatThrownBy(() -> CorefileParser.parse(".:53 {\n    import /etc/coredns/loop.conf\n}\n", "test",
                files(Map.of("/etc/coredns/loop.conf", "import /etc/coredns/loop.conf\n"))))
                .hasMessageContaining("maximum import depth");
    }

    @Test
    void unresolvedFilesAreNamedNotFailed() throws Exception {
        Corefile c = CorefileParser.parse(".:53 {\n    import custom/*.override\n    hosts /etc/coredns/NodeHosts {\n"
                + "        fallthrough\n    }\n}\n", "test");
        assertThat(c.notes()).hasSize(2).anySatisfy(n -> assertThat(n).startsWith("import custom/*.override (test line 2)"))
                .anySatisfy(n -> assertThat(n).startsWith("hosts /etc/coredns/NodeHosts (test line 3)"));
    }

    @Test
    void pluginOptionsCoreDnsRefuses() {
        assertThatThrownBy(() -> CorefileParser.parse(".:53 {\n    hosts {\n        fallthrough\n        10.0.0.1 a.example\n"
                + "    }\n}\n", "test")).hasMessageContaining("line 4").hasMessageContaining("unknown property '10.0.0.1'");
        assertThatThrownBy(() -> CorefileParser.parse(".:53 {\n    hosts\n    hosts\n}\n", "test"))
                .hasMessageContaining("can only be used once");
        assertThatThrownBy(() -> CorefileParser.parse(".:53 {\n    rewrite name regex (a {1}.example.\n}\n", "test"))
                .hasMessageContaining("invalid regex matching pattern");
        // CoreDNS counts the distinct {N} used, not the highest N: {2} alone passes with one group.
        assertThatThrownBy(() -> CorefileParser.parse(".:53 {\n    rewrite name regex (a).example {1}{2}.example.\n}\n",
                "test")).hasMessageContaining("uses more subexpressions");
        assertThatThrownBy(() -> CorefileParser.parse(".:53 {\n    rewrite name suffix .a. .b. answer auto answer name x y\n}\n",
                "test")).hasMessageContaining("cannot be combined");
        assertThatThrownBy(() -> CorefileParser.parse(".:53 {\n    template in A\n}\n", "test"))
                .hasMessageContaining("invalid query class in");
        assertThatThrownBy(() -> CorefileParser.parse(".:53 {\n    template IN A {\n        answer \"{{ .Name \"\n    }\n}\n",
                "test")).hasMessageContaining("could not compile template");
    }

    @Test
    void pluginOrderFollowsTheRelease() {
        assertThat(PluginOrder.forVersion("registry.k8s.io/coredns/coredns:v1.11.1").release()).isEqualTo("v1.10.1..v1.11.1");
        assertThat(PluginOrder.forVersion("1.14.1").rank("acl")).isLessThan(PluginOrder.forVersion("1.14.1").rank("rewrite"));
        assertThat(PluginOrder.forVersion("1.14.2").rank("acl")).isGreaterThan(PluginOrder.forVersion("1.14.2").rank("rewrite"));
        PluginOrder v1147 = PluginOrder.forVersion("v1.14.7");
        assertThat(v1147.rank("autopath")).isLessThan(v1147.rank("cache"));
        assertThat(PluginOrder.forVersion("1.14.6").rank("autopath")).isGreaterThan(PluginOrder.forVersion("1.14.6").rank("cache"));
        assertThat(PluginOrder.forVersion("1.11.2").release()).isEqualTo("v1.10.1..v1.11.1");
        assertThat(PluginOrder.forVersion("1.99.0").note()).contains("newer than");
        assertThat(PluginOrder.forVersion("1.7.0").note()).contains("older than");
        assertThat(PluginOrder.forVersion("coredns:latest").note()).contains("names no CoreDNS version");
        assertThat(PluginOrder.forVersion("1.9.0").knows("view")).isFalse();
        for (String p : List.of("rewrite", "template", "hosts", "kubernetes")) {
            assertThat(PluginOrder.newest().knows(p)).isTrue();
        }
    }
}
