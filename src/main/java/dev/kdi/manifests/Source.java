package dev.kdi.manifests;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One stream of manifests under the name the user knows it by. It can be opened again, so that a
 * problem found after parsing can be traced back to its line.
 */
abstract class Source {
    private final String name;

    private Source(String name) {
        this.name = name;
    }

    /** The file as the user named it, or {@code <stdin>}. */
    final String name() {
        return name;
    }

    abstract InputStream open() throws IOException;

    /** A regular file: read from disk each time. */
    static Source file(String name, Path path) {
        return new Source(name) {
            @Override
            InputStream open() throws IOException {
                return Files.newInputStream(path);
            }
        };
    }

    /** Standard input or a pipe: read once and kept, since it cannot be read twice. */
    static Source bytes(String name, byte[] content) {
        return new Source(name) {
            @Override
            InputStream open() {
                return new ByteArrayInputStream(content);
            }
        };
    }
}
