package dev.tandem.export;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** The files of a bag, relative to its base directory: from a zip (RFC 8493 §4.2) or an unpacked folder. */
abstract sealed class BagFiles implements Closeable permits BagFiles.Zip, BagFiles.Folder {

    /** Every regular file, by its path in the bag. */
    abstract List<String> paths();

    abstract boolean exists(String path);

    abstract InputStream open(String path) throws IOException;

    /**
     * What is wrong with the container itself, named by its zip entry: an entry outside the bag's base
     * directory, an unsafe path, an entry held twice. Null when nothing is. The bag is then tampered
     * with (exit 1), not unreadable: the zip opened.
     */
    record Defect(BagCheck.Problem problem, String where, String reason) {}

    /**
     * An entry of the zip whose compressed bytes cannot be inflated ("invalid distance too far back"):
     * the zip opened and names the entry, so a byte of it was changed (exit 1), not an unreadable
     * input.
     */
    static final class Damaged extends IOException {
        final String path;

        Damaged(String path, java.util.zip.ZipException cause) {
            super(path + ": " + cause.getMessage(), cause);
            this.path = path;
        }
    }

    @org.jspecify.annotations.Nullable
    Defect defect() {
        return null;
    }

    static BagFiles open(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            return new Folder(base(path));
        }
        return new Zip(new ZipFile(path.toFile(), java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * The bag's base directory: the folder itself, or, as the zip is read, its one sub-folder when
     * the folder holds nothing else (what {@code unzip bag.zip -d bag} leaves).
     */
    private static Path base(Path folder) throws IOException {
        if (Files.exists(folder.resolve("bagit.txt"))) {
            return folder;
        }
        List<Path> children;
        try (Stream<Path> s = Files.list(folder)) {
            children = s.toList();
        }
        if (children.size() == 1
                && Files.isDirectory(children.get(0))
                && Files.exists(children.get(0).resolve("bagit.txt"))) {
            return children.get(0);
        }
        return folder;
    }

    static final class Zip extends BagFiles {
        private final ZipFile zip;
        private final Map<String, ZipEntry> files = new LinkedHashMap<>();

        @org.jspecify.annotations.Nullable
        private Defect defect;

        Zip(ZipFile zip) {
            this.zip = zip;
            List<ZipEntry> all = new ArrayList<>();
            Enumeration<? extends ZipEntry> e = zip.entries();
            while (e.hasMoreElements()) {
                ZipEntry z = e.nextElement();
                if (!z.isDirectory()) {
                    all.add(z);
                }
            }
            // RFC 8493 §4.2: one top-level directory, the bag's base directory; a zip of the bag's
            // contents themselves is read too.
            String base = "";
            if (all.stream().noneMatch(z -> z.getName().equals("bagit.txt"))) {
                for (ZipEntry z : all) {
                    if (z.getName().endsWith("/bagit.txt")
                            && z.getName().indexOf('/') == z.getName().length() - 10) {
                        base = z.getName().substring(0, z.getName().length() - 9);
                        break;
                    }
                }
            }
            for (ZipEntry z : all) {
                String name = z.getName();
                if (name.startsWith("/")
                        || name.contains("\\")
                        || List.of(name.split("/")).contains("..")
                        || List.of(name.split("/")).contains(".")) {
                    defect = new Defect(
                            BagCheck.Problem.MALFORMED,
                            name,
                            "the zip holds an unsafe path (absolute, with a backslash, or with a \".\" or \"..\""
                                    + " segment): an unzip could write it outside the folder");
                    return;
                }
                if (!name.startsWith(base)) {
                    defect = new Defect(
                            BagCheck.Problem.EXTRA_FILE,
                            name,
                            "the zip holds it outside the bag's base directory " + base
                                    + " (RFC 8493 §4.2: the zip holds the base directory and nothing else)");
                    return;
                }
                String rel = name.substring(base.length());
                if (files.put(rel, z) != null) {
                    defect = new Defect(
                            BagCheck.Problem.MALFORMED,
                            name,
                            "the zip holds this entry twice: an unzip keeps one of them, a verifier may read the"
                                    + " other");
                    return;
                }
            }
        }

        @Override
        @org.jspecify.annotations.Nullable
        Defect defect() {
            return defect;
        }

        @Override
        List<String> paths() {
            return List.copyOf(files.keySet());
        }

        @Override
        boolean exists(String path) {
            return files.containsKey(path);
        }

        @Override
        InputStream open(String path) throws IOException {
            ZipEntry z = files.get(path);
            if (z == null) {
                throw new java.io.FileNotFoundException(path);
            }
            return new java.io.FilterInputStream(zip.getInputStream(z)) {
                @Override
                public int read() throws IOException {
                    try {
                        return super.read();
                    } catch (java.util.zip.ZipException e) {
                        throw new Damaged(path, e);
                    }
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    try {
                        return super.read(b, off, len);
                    } catch (java.util.zip.ZipException e) {
                        throw new Damaged(path, e);
                    }
                }
            };
        }

        @Override
        public void close() throws IOException {
            zip.close();
        }
    }

    static final class Folder extends BagFiles {
        private final Path root;
        private final List<String> files;

        Folder(Path root) throws IOException {
            this.root = root;
            try (Stream<Path> s = Files.walk(root)) {
                files = s.filter(Files::isRegularFile)
                        .map(p -> root.relativize(p).toString().replace('\\', '/'))
                        .sorted()
                        .toList();
            }
        }

        @Override
        List<String> paths() {
            return files;
        }

        @Override
        boolean exists(String path) {
            return files.contains(path);
        }

        @Override
        InputStream open(String path) throws IOException {
            return Files.newInputStream(root.resolve(path));
        }

        @Override
        public void close() {}
    }
}
