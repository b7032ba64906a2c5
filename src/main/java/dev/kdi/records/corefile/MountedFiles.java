package dev.kdi.records.corefile;

import dev.kdi.records.objects.DnsPodFiles;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The DNS pod's files as the kubelet lays out its ConfigMap volumes: a mount without
 * {@code subPath} is a directory holding one file per key (or per {@code items} entry, at its
 * {@code path}); a mount with {@code subPath} is the one file the volume holds at that path.
 * A path no ConfigMap volume covers is in the image or elsewhere: unresolved.
 */
public final class MountedFiles implements CorefileFiles {
    private final DnsPodFiles pod;

    public MountedFiles(DnsPodFiles pod) {
        this.pod = pod;
    }

    @Override
    public Match match(String pattern) {
        // The deepest mount wins, as in the container's mount table.
        List<DnsPodFiles.Mount> mounts = new ArrayList<>(pod.mounts());
        mounts.sort(Comparator.comparingInt((DnsPodFiles.Mount m) -> m.mountPath().length()).reversed());
        String dir = pattern.substring(0, pattern.lastIndexOf('/') + 1);
        for (DnsPodFiles.Mount m : mounts) {
            String path = trim(m.mountPath());
            if (m.subPath() != null && !m.subPath().isEmpty()) {
                if (CorefileFiles.globMatches(pattern, path) || pattern.equals(path)) {
                    if (!pod.configMaps().containsKey(m.configMap())) {
                        return unknown(m);
                    }
                    File f = file(m, m.subPath(), path);
                    return Match.of(f == null ? List.of() : List.of(f));
                }
                continue;
            }
            if (!dir.startsWith(path + "/")) {
                continue;
            }
            if (!pod.configMaps().containsKey(m.configMap())) {
                return unknown(m);
            }
            String inside = dir.substring(path.length() + 1);
            List<File> out = new ArrayList<>();
            for (Map.Entry<String, String> e : volumeFiles(m).entrySet()) {
                String full = path + "/" + e.getKey();
                if (full.startsWith(path + "/" + inside) && CorefileFiles.globMatches(pattern, full)) {
                    out.add(new File(full, e.getValue(), source(m, keyOf(m, e.getKey()))));
                }
            }
            return Match.of(out);
        }
        return Match.unresolved(pattern + " is on no ConfigMap volume of the DNS pods (" + pod.from() + ")");
    }

    /**
     * A ConfigMap that was not read (forbidden, missing, or not among the manifests) is not an
     * empty one: what its files would say is unknown, and the prediction must say so.
     */
    private Match unknown(DnsPodFiles.Mount m) {
        return Match.unresolved("ConfigMap " + pod.namespace() + "/" + m.configMap() + " (mounted at " + m.mountPath()
                + (m.optional() ? ", optional" : "") + ") was not read: not among the objects given, or not readable");
    }

    /** The volume's files: path inside the volume → text, in name order as a directory lists them. */
    private Map<String, String> volumeFiles(DnsPodFiles.Mount m) {
        Map<String, String> data = pod.configMaps().get(m.configMap());
        Map<String, String> out = new TreeMap<>();
        if (data == null) {
            return out;
        }
        if (m.items().isEmpty()) {
            out.putAll(data);
        } else {
            for (Map.Entry<String, String> item : m.items().entrySet()) {
                String text = data.get(item.getKey());
                if (text != null) {
                    out.put(item.getValue(), text);
                }
            }
        }
        return out;
    }

    private File file(DnsPodFiles.Mount m, String inVolume, String path) {
        String text = volumeFiles(m).get(inVolume);
        return text == null ? null : new File(path, text, source(m, keyOf(m, inVolume)));
    }

    private static String keyOf(DnsPodFiles.Mount m, String inVolume) {
        for (Map.Entry<String, String> item : m.items().entrySet()) {
            if (item.getValue().equals(inVolume)) {
                return item.getKey();
            }
        }
        return inVolume;
    }

    private String source(DnsPodFiles.Mount m, String key) {
        return "ConfigMap " + pod.namespace() + "/" + m.configMap() + " key " + key;
    }

    private static String trim(String path) {
        return path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
    }
}
