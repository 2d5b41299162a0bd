package dev.tandem.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** Export bags as the tests read them. */
public final class TestBags {
    private TestBags() {}

    /** The bag's files by their path below its base directory ({@code data/…}, {@code bag-info.txt}). */
    public static Map<String, byte[]> unzip(Path zip) throws Exception {
        Map<String, byte[]> out = new TreeMap<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                out.put(e.getName().substring(e.getName().indexOf('/') + 1), in.readAllBytes());
            }
        }
        return out;
    }
}
