package dev.kdi.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.StringReader;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;

class YamlTreesTest {

    private static JsonNode tree(String yaml) throws Exception {
        try (JsonParser p = new KubectlYamlFactory(new LoaderOptions()).createParser(new StringReader(yaml))) {
            p.nextToken();
            return new YamlTrees().read(p);
        }
    }

    @Test
    void read_mergesOnlyAPlainOrTaggedMergeKey() throws Exception {
        assertThat(tree("a: 1\n<<: {b: 2}\n").toString()).isEqualTo("{\"a\":1,\"b\":2}");
        assertThat(tree("a: 1\n!!merge <<: {b: 2}\n").toString()).isEqualTo("{\"a\":1,\"b\":2}");
        assertThat(tree("a: 1\n'<<': {b: 2}\n").toString()).isEqualTo("{\"a\":1,\"<<\":{\"b\":2}}");
        assertThat(tree("a: 1\n\"<<\": {b: 2}\n").toString()).isEqualTo("{\"a\":1,\"<<\":{\"b\":2}}");
    }

    @Test
    void read_copiesAnAliasedValue_soChangingOneUseLeavesTheOthers() throws Exception {
        JsonNode t = tree("x: &v {k: 1}\ny: *v\n");
        ((com.fasterxml.jackson.databind.node.ObjectNode) t.get("y")).put("k", 2);

        assertThat(t.get("x").get("k").asInt()).isEqualTo(1);
    }

    @Test
    void read_keepsScalarTypes_ofAliasesToo() throws Exception {
        JsonNode t = tree("n: &n 8080\nb: &b true\ns: &s '8080'\nm: [*n, *b, *s]\n");

        assertThat(t.get("m").toString()).isEqualTo("[8080,true,\"8080\"]");
    }
}
