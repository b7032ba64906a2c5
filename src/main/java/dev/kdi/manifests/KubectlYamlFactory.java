package dev.kdi.manifests;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactoryBuilder;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.Reader;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;

/**
 * Jackson's YAML factory with parsers that say what Jackson's own leaves out: whether a key is a
 * merge key ({@code <<}, written plain or tagged {@code !!merge}) rather than a key that only
 * reads {@code "<<"} (quoted; go-yaml v2, which kubectl's decoder uses, merges only the former),
 * and the anchor of a scalar that is a mapping's value (Jackson reports anchors of mappings,
 * lists and list items only). Both are in SnakeYAML's last event, which only a subclass sees.
 */
final class KubectlYamlFactory extends YAMLFactory {
    private static final long serialVersionUID = 1L;
    private static final String MERGE_TAG = "tag:yaml.org,2002:merge";

    KubectlYamlFactory(LoaderOptions loader) {
        super(builderFor(loader));
    }

    private static YAMLFactoryBuilder builderFor(LoaderOptions loader) {
        YAMLFactoryBuilder b = YAMLFactory.builder().loaderOptions(loader);
        b.enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION);
        return b;
    }

    @Override
    protected YAMLParser _createParser(Reader r, IOContext ctxt) throws IOException {
        return new Parser(ctxt, _parserFeatures, _yamlParserFeatures, _loaderOptions, _objectCodec, r);
    }

    /** A YAML parser that says whether the current field name is a merge key, and every value's anchor. */
    static final class Parser extends YAMLParser {
        Parser(IOContext ctxt, int parserFeatures, int formatFeatures, LoaderOptions loaderOptions,
               com.fasterxml.jackson.core.ObjectCodec codec, Reader reader) {
            super(ctxt, parserFeatures, formatFeatures, loaderOptions, codec, reader);
        }

        /** The anchor of the value at the current token, or null. */
        String anchor() {
            if (_lastEvent instanceof NodeEvent e && !(e instanceof AliasEvent)) {
                return e.getAnchor();
            }
            return getCurrentAnchor();
        }

        /** True on a FIELD_NAME token that is a merge key. */
        boolean isMergeKey() throws IOException {
            if (currentToken() != JsonToken.FIELD_NAME || !"<<".equals(currentName())) {
                return false;
            }
            if (_lastEvent instanceof ScalarEvent s) {
                return s.getScalarStyle() == DumperOptions.ScalarStyle.PLAIN || MERGE_TAG.equals(s.getTag());
            }
            return false;
        }
    }
}
