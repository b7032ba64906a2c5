package dev.kdi.cli;

import dev.kdi.manifests.CorefileSource;
import dev.kdi.manifests.Interner;
import dev.kdi.manifests.ManifestException;
import dev.kdi.manifests.ManifestReader;
import dev.kdi.manifests.ManifestSet;
import dev.kdi.manifests.ObjectConverter;
import dev.kdi.records.DnsModel;
import dev.kdi.records.corefile.Corefile;
import java.util.List;
import java.util.Optional;

/** Builds the model a command works on, from manifests (and, later, the live cluster). */
final class ModelLoader {
    private ModelLoader() {
    }

    /** The model and what the user should know about how it was made. */
    record Loaded(DnsModel model, List<String> notes) {
    }

    static Loaded load(InputOptions input, GlobalOptions global, Terminal terminal) throws UserError {
        if (!input.offline()) {
            throw new UserError("kdi: no input: give -f PATH (a manifest, a directory, or - for standard input)");
        }
        try {
            ManifestReader reader = new ManifestReader(terminal::in, new ObjectConverter(new Interner()));
            ManifestSet set = reader.read(input.files);
            Corefile corefile = CorefileSource.choose(Optional.ofNullable(input.corefile), set.snapshot());
            if (global.clusterDomain != null) {
                corefile = corefile.withClusterDomain(global.clusterDomain);
            }
            if (corefile.kubernetes().isEmpty()) {
                throw new UserError(corefile.origin() + ": no server block has a kubernetes plugin, so the cluster DNS "
                        + "serves no cluster names");
            }
            return new Loaded(DnsModel.build(set.snapshot(), corefile), set.notes());
        } catch (ManifestException e) {
            throw new UserError(e.getMessage(), e);
        }
    }
}
