package dev.kdi.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kdi.records.corefile.Corefile;
import dev.kdi.records.corefile.CorefileException;
import dev.kdi.records.corefile.CorefileParser;
import dev.kdi.records.corefile.KubernetesPlugin;
import dev.kdi.records.corefile.PodMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CorefileParserTest {

    @Test
    void kubeadmDefaultHasItsOptions() {
        KubernetesPlugin k = CorefileParser.kubeadmDefault().kubernetes().orElseThrow();
        assertThat(k.zones()).containsExactly("cluster.local.", "in-addr.arpa.", "ip6.arpa.");
        assertThat(k.ttl()).isEqualTo(30);
        assertThat(k.pods()).isEqualTo(PodMode.INSECURE);
        assertThat(k.fallthrough()).containsExactly("in-addr.arpa.", "ip6.arpa.");
        assertThat(k.primaryZone()).isEqualTo("cluster.local.");
    }

    @Test
    void omittedOptionsTakeCoreDnsDefaults() throws CorefileException {
        Corefile c = CorefileParser.parse(".:53 {\n    kubernetes cluster.local\n}\n", "t");
        KubernetesPlugin k = c.kubernetes().orElseThrow();
        assertThat(k.ttl()).isEqualTo(5);
        assertThat(k.pods()).isEqualTo(PodMode.DISABLED);
        assertThat(k.fallthrough()).isNull();
        assertThat(k.namespaces()).isEmpty();
        assertThat(k.endpointPodNames()).isFalse();
        assertThat(c.blocks().get(0).transferEnabled()).isFalse();
    }

    @Test
    void everyModelledOption() throws CorefileException {
        Corefile c = CorefileParser.parse("""
                # comment
                cluster.local:53 10.96.0.0/12 {
                    kubernetes cluster.local 10.96.0.0/24 fd00::/120 {
                        pods verified
                        endpoint_pod_names
                        namespaces a b
                        noendpoints
                        ignore empty_service
                        fallthrough in-addr.arpa
                        ttl 60
                        kubeconfig /x ctx
                        unknownoption 1
                    }
                    transfer {
                        to *
                    }
                    unknownplugin "quoted arg"
                }
                """, "t");
        KubernetesPlugin k = c.kubernetes().orElseThrow();
        assertThat(k.zones()).containsExactly("cluster.local.", "0.96.10.in-addr.arpa.",
                "0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.d.f.ip6.arpa.".substring(4));
        assertThat(k.pods()).isEqualTo(PodMode.VERIFIED);
        assertThat(k.endpointPodNames()).isTrue();
        assertThat(k.namespaces()).containsExactlyInAnyOrder("a", "b");
        assertThat(k.noEndpoints()).isTrue();
        assertThat(k.ignoreEmptyService()).isTrue();
        assertThat(k.ttl()).isEqualTo(60);
        assertThat(c.blocks().get(0).transferEnabled()).isTrue();
        assertThat(c.blocks().get(0).addresses()).hasSize(1 + 16);
        assertThat(c.blocks().get(0).addresses().get(1).zone()).isEqualTo("96.10.in-addr.arpa.");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            .:53 {\\n kubernetes cluster.local {\\n ttl abc\\n }\\n}                 | line 3: kubernetes: ttl "abc" is not a number
            .:53 {\\n kubernetes cluster.local {\\n ttl 4000\\n }\\n}                | line 3: kubernetes: ttl must be in range [0, 3600]: 4000
            .:53 {\\n kubernetes cluster.local {\\n pods maybe\\n }\\n}              | line 3: kubernetes: wrong value for pods: maybe
            .:53 {\\n kubernetes in-addr.arpa\\n}                                     | line 2: kubernetes: non-reverse zone name must be used
            .:53 {\\n kubernetes\\n                                                 | line 1: '{' is never closed
            .:53 {\\n kubernetes\\n kubernetes\\n}                                    | line 3: plugin 'kubernetes' can only be used once
            }                                                                       | line 1: unexpected '}'
            .:53                                                                    | line 1: server block '.:53' has no '{'
            """)
    void refusesWhatCoreDnsRefuses(String text, String message) {
        assertThatThrownBy(() -> CorefileParser.parse(text.replace("\\n", "\n"), "t"))
                .isInstanceOf(CorefileException.class).hasMessageStartingWith(message);
    }
}
