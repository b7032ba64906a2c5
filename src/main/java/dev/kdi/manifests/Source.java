package dev.kdi.manifests;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
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

    /**
     * The text, decoded as kubectl decodes a file ({@code unicode.BOMOverride(unicode.UTF8.NewDecoder())}
     * in cli-runtime's {@code FileVisitor}): a UTF-8, UTF-16BE or UTF-16LE byte order mark picks the
     * encoding and is dropped; without one the bytes are UTF-8, malformed sequences becoming U+FFFD.
     * UTF-16 without a mark is not recognised, as kubectl does not recognise it.
     */
    final Reader reader() throws IOException {
        return decode(open());
    }

    static Reader decode(InputStream raw) throws IOException {
        PushbackInputStream in = new PushbackInputStream(raw, 3);
        byte[] head = in.readNBytes(3);
        int n = head.length;
        Charset charset = StandardCharsets.UTF_8;
        int skip = 0;
        if (n >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
            skip = 3;
        } else if (n >= 2 && (head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF) {
            charset = StandardCharsets.UTF_16BE;
            skip = 2;
        } else if (n >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE) {
            charset = StandardCharsets.UTF_16LE;
            skip = 2;
        }
        if (n > skip) {
            in.unread(head, skip, n - skip);
        }
        return new InputStreamReader(in, charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE));
    }

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
