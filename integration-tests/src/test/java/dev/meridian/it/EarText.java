package dev.meridian.it;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Every file of an EAR, its modules and their libraries, as bytes to search for a string: a class names the
 * configuration it reads in its constant pool (UTF-8), a properties file in its text.
 */
final class EarText {

    /** Each file's bytes as ISO-8859-1 text, one character a byte, so that searching it searches the bytes. */
    private final List<String> files = new ArrayList<>();

    EarText(Path ear) throws IOException {
        try (InputStream in = Files.newInputStream(ear)) {
            collect(in);
        }
    }

    /** Whether any file of the EAR holds {@code text}. */
    boolean contains(String text) {
        String wanted = new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        return files.stream().anyMatch(file -> file.contains(wanted));
    }

    private void collect(InputStream archive) throws IOException {
        ZipInputStream entries = new ZipInputStream(archive);
        for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
            byte[] content = entries.readAllBytes();
            if (entry.getName().endsWith(".jar") || entry.getName().endsWith(".war")) {
                collect(new ByteArrayInputStream(content));
            } else {
                files.add(new String(content, StandardCharsets.ISO_8859_1));
            }
        }
    }
}
