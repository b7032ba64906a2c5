package dev.kdi.manifests;

import dev.kdi.records.corefile.Corefile;
import dev.kdi.records.corefile.CorefileException;
import dev.kdi.records.corefile.CorefileFiles;
import dev.kdi.records.corefile.CorefileParser;
import dev.kdi.records.corefile.MountedFiles;
import dev.kdi.records.corefile.PluginOrder;
import dev.kdi.records.objects.ClusterSnapshot;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Decides which Corefile the model follows: {@code --corefile FILE} beats the {@code Corefile}
 * key of ConfigMap {@code kube-system/coredns}, which beats kubeadm's default. The default is
 * assumed only when no Corefile is known at all, and its origin says so.
 */
public final class CorefileSource {
    /** The origin of a Corefile read from the cluster's (or the manifests') ConfigMap. */
    public static final String CONFIG_MAP_ORIGIN = "ConfigMap " + ObjectConverter.COREDNS_NAMESPACE + "/"
            + ObjectConverter.COREDNS_CONFIG_MAP;
    /** The origin of kubeadm's default when nothing else is known. */
    public static final String DEFAULT_ORIGIN = "kubeadm's default Corefile (no Corefile in the input)";

    private CorefileSource() {
    }

    /**
     * The Corefile for a snapshot read from manifests.
     *
     * @param flag the {@code --corefile} file, when given
     * @throws ManifestException when the chosen Corefile cannot be read or CoreDNS would refuse it
     */
    public static Corefile choose(Optional<Path> flag, ClusterSnapshot snapshot) throws ManifestException {
        return choose(flag, Optional.ofNullable(snapshot.corefile()));
    }

    /**
     * The Corefile for a snapshot, its imports and hosts files followed through
     * {@code --corefile-dir} or else the DNS pods' mounts, run in the plugin order of
     * {@code --coredns-version} or else the DNS pods' image tag (the newest release kdi knows
     * when neither is known).
     */
    public static Corefile choose(Optional<Path> flag, ClusterSnapshot snapshot, Optional<Path> corefileDir,
                                  Optional<String> version) throws ManifestException {
        CorefileFiles files = files(snapshot, corefileDir);
        Corefile chosen;
        if (flag.isPresent()) {
            chosen = parse(read(flag.get()), "--corefile " + flag.get(), flag.get().toString(), files);
        } else if (snapshot.corefile() != null) {
            chosen = parse(snapshot.corefile(), CONFIG_MAP_ORIGIN, CONFIG_MAP_ORIGIN, files);
        } else {
            chosen = new Corefile(CorefileParser.kubeadmDefault().blocks(), DEFAULT_ORIGIN);
        }
        return chosen.withOrder(order(snapshot, version));
    }

    /** What the Corefile's paths resolve through. */
    public static CorefileFiles files(ClusterSnapshot snapshot, Optional<Path> corefileDir) {
        if (corefileDir.isPresent()) {
            return new LocalCorefileDir(corefileDir.get());
        }
        return snapshot.dnsPodFiles() == null ? CorefileFiles.NONE : new MountedFiles(snapshot.dnsPodFiles());
    }

    /** The plugin order: {@code --coredns-version}, else the DNS pods' image tag, else the newest. */
    public static PluginOrder order(ClusterSnapshot snapshot, Optional<String> version) {
        if (version.isPresent()) {
            return PluginOrder.forVersion(version.get());
        }
        String image = snapshot.dnsPodFiles() == null ? null : snapshot.dnsPodFiles().image();
        return image == null ? PluginOrder.newest() : PluginOrder.forVersion(image);
    }

    /**
     * The Corefile given the text of the ConfigMap's {@code Corefile} key, when there is one (the
     * live path reads it from the API).
     */
    public static Corefile choose(Optional<Path> flag, Optional<String> configMapCorefile) throws ManifestException {
        if (flag.isPresent()) {
            return fromFile(flag.get());
        }
        if (configMapCorefile.isPresent()) {
            return parse(configMapCorefile.get(), CONFIG_MAP_ORIGIN, CONFIG_MAP_ORIGIN);
        }
        Corefile builtIn = CorefileParser.kubeadmDefault();
        return new Corefile(builtIn.blocks(), DEFAULT_ORIGIN);
    }

    /** A Corefile read from a file; messages name the file as given. */
    public static Corefile fromFile(Path file) throws ManifestException {
        return parse(read(file), "--corefile " + file, file.toString(), CorefileFiles.NONE);
    }

    private static String read(Path file) throws ManifestException {
        String name = file.toString();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ManifestException(name + ": no such file", e);
        } catch (CharacterCodingException e) {
            throw new ManifestException(name + ": cannot read (not UTF-8 text)", e);
        } catch (AccessDeniedException e) {
            throw new ManifestException(name + ": cannot read (permission denied)", e);
        } catch (IOException e) {
            String reason = Files.isDirectory(file) ? "is a directory" : JacksonProblems.firstLine(String.valueOf(e.getMessage()));
            throw new ManifestException(name + ": cannot read (" + reason + ")", e);
        }
        return text;
    }

    private static Corefile parse(String text, String origin, String messageName) throws ManifestException {
        return parse(text, origin, messageName, CorefileFiles.NONE);
    }

    private static Corefile parse(String text, String origin, String messageName, CorefileFiles files)
            throws ManifestException {
        try {
            return CorefileParser.parse(text, origin, files);
        } catch (CorefileException e) {
            // CorefileException's message starts with "line N: ".
            throw new ManifestException(messageName + ": " + e.getMessage(), e);
        }
    }
}
