package dev.tandem.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Build-time step of the launcher (docs/adr/097-start-up-without-a-jar-scan.md): puts Tandem's own
 * jars first on the extracted jar's manifest {@code Class-Path}, the others after them in the order
 * they had. The class loader opens the class path's jars in order until it finds what it looks for;
 * with the libraries first (the extracted manifest lists them by name, so {@code lib/tandem-*} came
 * after {@code lib/spring-*}), every class missing from the start-up cache and every resource of
 * Tandem's (the rule book, holiday calendars) opened about a hundred jars first: 0.1 to 0.2 s of a
 * command's start. No entry of a Tandem jar has the name of a library's entry, so the order changes
 * nothing that is found, only how soon.
 *
 * <p>Run as {@code java -cp tandem.jar dev.tandem.app.ClassPathOrder JAR PREFIX} before the
 * training run (the ahead-of-time cache records the class path): entries whose file name starts
 * with {@code PREFIX} go first. It needs no class of its own beyond the JDK.
 */
public final class ClassPathOrder {
    private ClassPathOrder() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: ClassPathOrder JAR PREFIX");
            System.exit(2);
        }
        System.out.println(
                ownFirst(Path.of(args[0]), args[1]) ? "class path reordered" : "class path already in order");
    }

    /**
     * Rewrites {@code jar}'s manifest so its {@code Class-Path} lists the entries whose file name
     * starts with {@code prefix} first; answers whether anything changed. Every other entry of the
     * jar is copied as it was (name, time, bytes).
     */
    static boolean ownFirst(Path jar, String prefix) throws IOException {
        Manifest manifest;
        try (JarFile in = new JarFile(jar.toFile())) {
            manifest = in.getManifest();
        }
        String classPath =
                manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
        if (classPath == null || classPath.isBlank()) return false;
        List<String> entries = List.of(classPath.trim().split("\\s+"));
        List<String> ordered = ownFirst(entries, prefix);
        if (ordered.equals(entries)) return false;
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", ordered));
        Path tmp = jar.resolveSibling(jar.getFileName() + ".reordering");
        try (JarFile in = new JarFile(jar.toFile());
                OutputStream file = Files.newOutputStream(tmp);
                JarOutputStream out = new JarOutputStream(file, manifest)) {
            for (Enumeration<JarEntry> e = in.entries(); e.hasMoreElements(); ) {
                JarEntry entry = e.nextElement();
                if (entry.getName().equalsIgnoreCase(JarFile.MANIFEST_NAME)) continue;
                JarEntry copy = new JarEntry(entry.getName());
                copy.setTime(entry.getTime());
                out.putNextEntry(copy);
                try (InputStream bytes = in.getInputStream(entry)) {
                    bytes.transferTo(out);
                }
                out.closeEntry();
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return true;
    }

    /** {@code entries} with those whose file name starts with {@code prefix} first, each group in its order. */
    static List<String> ownFirst(List<String> entries, String prefix) {
        List<String> own = new ArrayList<>();
        List<String> others = new ArrayList<>();
        for (String e : entries) {
            String name = e.substring(e.lastIndexOf('/') + 1);
            (name.startsWith(prefix) ? own : others).add(e);
        }
        own.addAll(others);
        return own;
    }
}
