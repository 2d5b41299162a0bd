package dev.tandem.backup;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The first entry of a backup archive, {@code manifest.json}: what the archive holds and the state
 * of the ledger it was taken at, so that a restore can check every byte it unpacks and the restored
 * database against it.
 *
 * @param createdAt RFC 3339, UTC
 * @param source {@code online} (taken through a running server) or {@code offline}
 * @param files every file of the archive but the manifest, in archive order
 */
public record BackupManifest(String format, String createdAt, String source, Ledger ledger, List<FileEntry> files) {
    public static final String FORMAT = "tandem-backup/1";
    public static final String NAME = "manifest.json";

    /** Where the files of a data directory go in the archive, and so where a restore puts them. */
    private static final Pattern SAFE_PATH =
            Pattern.compile("db/[A-Za-z0-9][A-Za-z0-9._-]{0,99}|keys/[A-Za-z0-9][A-Za-z0-9._-]{0,99}"
                    + "|blobs/sha256/([0-9a-f]{2})/([0-9a-f]{2})/\\1\\2[0-9a-f]{60}");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public BackupManifest {
        files = List.copyOf(files);
    }

    /**
     * The ledger at the snapshot: {@code ledger_head} of the copied database.
     *
     * @param rootHash base64, as in the checkpoint (RFC 9162 §2.1.1 root of the first treeSize leaves)
     * @param checkpoint the signed checkpoint (C2SP signed note) stored with that head
     */
    public record Ledger(long treeSize, String rootHash, String checkpoint) {}

    /** One file: its path inside the archive (and the data directory), its size and SHA-256 (hex). */
    public record FileEntry(String path, long size, String sha256) {
        public FileEntry {
            if (!safe(path)) {
                throw new IllegalArgumentException("not a path a backup holds: " + path);
            }
        }
    }

    /** Whether {@code path} is one a backup may hold: nothing outside the data directory's three folders. */
    public static boolean safe(String path) {
        return SAFE_PATH.matcher(path).matches();
    }

    public long totalBytes() {
        return files.stream().mapToLong(FileEntry::size).sum();
    }

    public byte[] toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", format);
        root.put("createdAt", createdAt);
        root.put("source", source);
        ObjectNode l = root.putObject("ledger");
        l.put("treeSize", ledger.treeSize());
        l.put("rootHash", ledger.rootHash());
        l.put("checkpoint", ledger.checkpoint());
        ArrayNode fs = root.putArray("files");
        for (FileEntry f : files) {
            fs.addObject().put("path", f.path()).put("size", f.size()).put("sha256", f.sha256());
        }
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    }

    /** Parses a manifest; a malformed one is an {@link IOException} naming what is wrong. */
    public static BackupManifest parse(InputStream in) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(in);
        } catch (JacksonException e) {
            throw new IOException("the manifest is not JSON: " + e.getOriginalMessage(), e);
        }
        String format = root.path("format").asString("");
        if (!FORMAT.equals(format)) {
            throw new IOException("the manifest's format is '" + format + "', this version reads " + FORMAT);
        }
        JsonNode l = root.path("ledger");
        if (!l.path("treeSize").canConvertToLong() || !l.path("rootHash").isString()) {
            throw new IOException("the manifest has no ledger tree size and root");
        }
        List<FileEntry> files = new ArrayList<>();
        for (JsonNode f : root.path("files")) {
            String path = f.path("path").asString("");
            String sha = f.path("sha256").asString("");
            if (!safe(path) || !sha.matches("[0-9a-f]{64}") || !f.path("size").canConvertToLong()) {
                throw new IOException("the manifest lists a malformed file: " + f);
            }
            files.add(new FileEntry(path, f.path("size").asLong(), sha));
        }
        return new BackupManifest(
                format,
                root.path("createdAt").asString(""),
                root.path("source").asString(""),
                new Ledger(
                        l.path("treeSize").asLong(),
                        l.path("rootHash").asString(),
                        l.path("checkpoint").asString("")),
                files);
    }
}
