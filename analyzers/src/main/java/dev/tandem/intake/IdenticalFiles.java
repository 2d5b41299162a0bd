package dev.tandem.intake;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Files with the same bytes among the inputs of one analysis: a log file downloaded twice (once into
 * the day's folder, once again by a second collection run) would otherwise count every row twice.
 * Only files of equal size are hashed (SHA-256), so a folder of distinct logs costs one {@code stat}
 * a file. Only files that say what they are in their content are compared (CSV, JSON, HAR, archives):
 * metadata XML is named by its path ({@code objects/Lead/Lead.object-meta.xml}), so two objects with
 * the same settings are two files with the same bytes, both needed.
 */
public final class IdenticalFiles {
    private IdenticalFiles() {}

    /** The files to read, in their order, and each one left out with the earlier file it repeats. */
    public record Result(List<Path> distinct, Map<Path, Path> repeats) {}

    /** {@code files} name each file once: a path given twice would be left out with its repeat. */
    public static Result of(List<Path> files) throws IOException {
        Map<Long, List<Path>> bySize = new HashMap<>();
        for (Path f : files) {
            if (selfDescribing(f))
                bySize.computeIfAbsent(Files.size(f), k -> new ArrayList<>()).add(f);
        }
        Map<Path, Path> repeats = new LinkedHashMap<>();
        for (List<Path> same : bySize.values()) {
            if (same.size() < 2) continue;
            Map<String, Path> first = new HashMap<>();
            for (Path f : same) {
                Path earlier = first.putIfAbsent(sha256(f), f);
                if (earlier != null) repeats.put(f, earlier);
            }
        }
        List<Path> distinct = new ArrayList<>(files.size());
        for (Path f : files) {
            if (!repeats.containsKey(f)) distinct.add(f);
        }
        return new Result(distinct, repeats);
    }

    private static final List<String> SELF_DESCRIBING = List.of(".csv", ".json", ".jsonl", ".har", ".zip", ".gz");

    static boolean selfDescribing(Path f) {
        String name = f.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        for (String ext : SELF_DESCRIBING) {
            if (name.endsWith(ext)) return true;
        }
        return false;
    }

    private static String sha256(Path f) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always provides SHA-256", e);
        }
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(f)) {
            for (int n; (n = in.read(buf)) > 0; ) md.update(buf, 0, n);
        }
        return java.util.HexFormat.of().formatHex(md.digest());
    }
}
