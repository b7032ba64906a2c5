package dev.kdi.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FieldPathTest {

    @Test
    void toString_printsFieldsWithDotsAndIndexesInBrackets() {
        assertThat(FieldPath.of("spec", "ports").index(0).field("port")).hasToString("spec.ports[0].port");
    }

    @Test
    void toString_bracketsKeysThatAreNoPlainNames() {
        assertThat(FieldPath.of("metadata", "labels").field("kubernetes.io/service-name"))
                .hasToString("metadata.labels[kubernetes.io/service-name]");
    }

    @Test
    void then_appendsAnItemsPathToItsList() {
        FieldPath inList = FieldPath.of("items").index(3).then(FieldPath.of("spec", "hostname"));

        assertThat(inList).hasToString("items[3].spec.hostname");
        assertThat(FieldPath.root()).hasToString("");
        assertThat(FieldPath.root().isRoot()).isTrue();
    }
}
