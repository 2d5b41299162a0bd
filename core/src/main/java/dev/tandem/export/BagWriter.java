package dev.tandem.export;

import dev.tandem.evidence.Sha256Checked;
import dev.tandem.io.Streams;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a BagIt 1.0 bag (RFC 8493) into a zip, in one pass: each payload file is hashed (SHA-256 and
 * SHA-512) while it is copied, so nothing is held in memory but the manifest lines. RFC 8493 §4.2:
 * the zip holds one top-level directory, the bag's base directory. {@code bagit.txt} comes first so
 * a reader knows the format at once; {@code bag-info.txt}, the payload manifests and the tag
 * manifests come last, when the payload's size and hashes are known.
 */
public final class BagWriter {
    static final List<String> ALGORITHMS = List.of("sha256", "sha512");
    private static final int BUFFER = 1 << 16;

    private final ZipOutputStream zip;
    private final String base;
    private final Map<String, String[]> payload = new LinkedHashMap<>();
    private final Map<String, String[]> tags = new LinkedHashMap<>();
    private final Set<String> written = new LinkedHashSet<>();
    private long octets;
    private boolean finished;

    /**
     * @param out where the zip goes; not closed by {@link #finish}
     * @param baseName the bag's base directory name inside the zip
     */
    public BagWriter(OutputStream out, String baseName) throws IOException {
        requireSafe(baseName, "bag name");
        if (baseName.contains("/")) {
            throw new IllegalArgumentException("a bag name is one path segment, got " + baseName);
        }
        this.base = baseName + "/";
        this.zip = new ZipOutputStream(Streams.nonClosing(out), StandardCharsets.UTF_8);
        // Evidence is often compressed already; the fastest level keeps the stream moving.
        zip.setLevel(Deflater.BEST_SPEED);
        tag("bagit.txt", "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n".getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Adds a payload file at {@code data/<path>}, copying and hashing {@code content} as it streams. A
     * stream that checks its bytes against a recorded SHA-256 as they are read ({@link Sha256Checked},
     * the vault's evidence) is hashed once: its SHA-256 line in the manifest is the one it checked, and
     * only SHA-512 is computed here; damaged bytes fail the stream's last read, before this entry of the
     * zip is finished.
     */
    public void add(String path, InputStream content) throws IOException {
        String full = "data/" + requireSafe(path, "payload path");
        String[] digests = copy(full, content);
        payload.put(full, digests);
    }

    public void add(String path, byte[] content) throws IOException {
        add(path, new java.io.ByteArrayInputStream(content));
    }

    /** Payload bytes so far. */
    public long payloadOctets() {
        return octets;
    }

    /**
     * Writes {@code bag-info.txt} (the given fields, then {@code Payload-Oxum}), the payload manifests
     * and the tag manifests, and finishes the zip. Field values are single lines.
     */
    public void finish(Map<String, String> bagInfo) throws IOException {
        if (finished) {
            throw new IllegalStateException("the bag is finished already");
        }
        StringBuilder info = new StringBuilder();
        for (Map.Entry<String, String> f : bagInfo.entrySet()) {
            requireLine(f.getKey(), "bag-info label");
            requireLine(f.getValue(), "bag-info value of " + f.getKey());
            info.append(f.getKey()).append(": ").append(f.getValue()).append('\n');
        }
        info.append("Payload-Oxum: ")
                .append(octets)
                .append('.')
                .append(payload.size())
                .append('\n');
        tag("bag-info.txt", info.toString().getBytes(StandardCharsets.UTF_8));
        for (int a = 0; a < ALGORITHMS.size(); a++) {
            tag("manifest-" + ALGORITHMS.get(a) + ".txt", manifest(payload, a));
        }
        // RFC 8493 §2.2.1: tag manifests SHOULD use the algorithms of the payload manifests.
        Map<String, String[]> covered = new LinkedHashMap<>(tags);
        for (int a = 0; a < ALGORITHMS.size(); a++) {
            writeEntry("tagmanifest-" + ALGORITHMS.get(a) + ".txt", manifest(covered, a));
        }
        zip.finish();
        zip.flush();
        finished = true;
    }

    private void tag(String name, byte[] content) throws IOException {
        tags.put(name, copyCounting(name, new java.io.ByteArrayInputStream(content), false));
    }

    private void writeEntry(String name, byte[] content) throws IOException {
        copyCounting(name, new java.io.ByteArrayInputStream(content), false);
    }

    private String[] copy(String name, InputStream content) throws IOException {
        return copyCounting(name, content, true);
    }

    private String[] copyCounting(String name, InputStream content, boolean isPayload) throws IOException {
        if (finished) {
            throw new IllegalStateException("the bag is finished already");
        }
        if (!written.add(name)) {
            throw new IllegalArgumentException(name + " is in the bag already");
        }
        zip.putNextEntry(new ZipEntry(base + name));
        // SHA-256 is ALGORITHMS' first: a stream that checks it as it is read is not hashed for it again.
        Sha256Checked checked = content instanceof Sha256Checked c ? c : null;
        MessageDigest[] md = digests();
        MessageDigest[] computed = checked == null ? md : java.util.Arrays.copyOfRange(md, 1, md.length);
        byte[] buf = new byte[BUFFER];
        long size = 0;
        int n;
        while ((n = content.read(buf)) > 0) {
            for (MessageDigest d : computed) {
                d.update(buf, 0, n);
            }
            zip.write(buf, 0, n);
            size += n;
        }
        zip.closeEntry();
        if (isPayload) {
            octets += size;
        }
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedIOException("bag writing interrupted");
        }
        String[] hex = new String[md.length];
        for (int i = 0; i < md.length; i++) {
            hex[i] = i == 0 && checked != null
                    ? checked.checkedSha256()
                    : HexFormat.of().formatHex(md[i].digest());
        }
        return hex;
    }

    private static byte[] manifest(Map<String, String[]> files, int algorithm) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String[]> f : files.entrySet()) {
            sb.append(f.getValue()[algorithm]).append(' ').append(f.getKey()).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    static MessageDigest[] digests() {
        List<MessageDigest> out = new ArrayList<>();
        for (String a : ALGORITHMS) {
            out.add(digest(a));
        }
        return out.toArray(MessageDigest[]::new);
    }

    static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(
                    switch (algorithm) {
                        case "sha256" -> "SHA-256";
                        case "sha512" -> "SHA-512";
                        default -> throw new IllegalArgumentException("unsupported manifest algorithm " + algorithm);
                    });
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has " + algorithm, e);
        }
    }

    /**
     * Paths are relative, '/'-separated, without empty, "." or ".." segments, and without the
     * characters RFC 8493 §2.1.3 would need percent-encoded (CR, LF, '%'): none of ours need them.
     */
    static String requireSafe(String path, String what) {
        if (path.isEmpty()
                || path.startsWith("/")
                || path.endsWith("/")
                || path.contains("\\")
                || path.chars().anyMatch(c -> c < 0x20 || c == 0x7f || c == '%')) {
            throw new IllegalArgumentException("unsafe " + what + ": \"" + path + "\"");
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("unsafe " + what + ": \"" + path + "\"");
            }
        }
        return path;
    }

    private static void requireLine(String s, String what) {
        if (s.isEmpty() || s.chars().anyMatch(c -> c == '\n' || c == '\r')) {
            throw new IllegalArgumentException(what + " must be one non-empty line, got \"" + s + "\"");
        }
    }
}
