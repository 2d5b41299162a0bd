package dev.tandem.backup;

import dev.tandem.evidence.Directories;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.jspecify.annotations.Nullable;

/**
 * Checks a backup archive against its manifest and, for a restore, unpacks it: every file the
 * manifest lists must be there with its size and SHA-256, and nothing else may be. Each file is
 * hashed as it is read, and never read past its declared size, so a doctored or truncated archive is
 * found, whatever its zip headers claim.
 */
public final class BackupReader {
    private static final int BUFFER = 1 << 16;

    private BackupReader() {}

    /** Reads every file and checks it against the manifest, writing nothing. */
    public static ArchiveCheck verify(Path archive, Progress progress) throws IOException {
        return read(archive, null, progress);
    }

    /**
     * Unpacks into {@code target} (an empty directory the caller discards if the answer is
     * {@link ArchiveCheck.Corrupt}), checking each file while it is written; files and directories
     * are synced.
     */
    public static ArchiveCheck extract(Path archive, Path target, Progress progress) throws IOException {
        return read(archive, target, progress);
    }

    private static ArchiveCheck read(Path archive, @Nullable Path target, Progress progress) throws IOException {
        ZipFile zip;
        try {
            zip = new ZipFile(archive.toFile());
        } catch (ZipException e) {
            return new ArchiveCheck.Corrupt("not a zip archive: " + e.getMessage());
        }
        try (zip) {
            ZipEntry m = zip.getEntry(BackupManifest.NAME);
            if (m == null) {
                return new ArchiveCheck.Corrupt("no " + BackupManifest.NAME + ": not a Tandem backup");
            }
            BackupManifest manifest;
            try (InputStream in = zip.getInputStream(m)) {
                manifest = BackupManifest.parse(in);
            } catch (IOException e) {
                return new ArchiveCheck.Corrupt(e.getMessage());
            }
            Set<String> listed = new HashSet<>();
            for (BackupManifest.FileEntry f : manifest.files()) {
                if (!listed.add(f.path())) {
                    return new ArchiveCheck.Corrupt("the manifest lists " + f.path() + " twice");
                }
            }
            Set<String> unlisted = new LinkedHashSet<>();
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                String name = e.nextElement().getName();
                if (!name.equals(BackupManifest.NAME) && !listed.contains(name)) {
                    unlisted.add(name);
                }
            }
            if (!unlisted.isEmpty()) {
                return new ArchiveCheck.Corrupt("files the manifest does not list: " + unlisted);
            }
            Set<Path> dirs = new LinkedHashSet<>();
            long bytes = 0;
            long total = manifest.totalBytes();
            int done = 0;
            byte[] buf = new byte[BUFFER];
            for (BackupManifest.FileEntry f : manifest.files()) {
                ZipEntry entry = zip.getEntry(f.path());
                if (entry == null) {
                    return new ArchiveCheck.Corrupt(f.path() + " is listed in the manifest but missing");
                }
                MessageDigest md = BackupWriter.digest();
                long size = 0;
                OutputStream out = null;
                FileChannel channel = null;
                if (target != null) {
                    Path file = target.resolve(f.path()).normalize();
                    if (!file.startsWith(target)) {
                        return new ArchiveCheck.Corrupt(f.path() + " points outside the data directory");
                    }
                    Files.createDirectories(file.getParent());
                    for (Path d = file.getParent(); d.startsWith(target); d = d.getParent()) {
                        dirs.add(d);
                    }
                    channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                    out = Channels.newOutputStream(channel);
                }
                try (InputStream in = zip.getInputStream(entry);
                        FileChannel ch = channel) {
                    int n;
                    // Never past the declared size plus one byte: enough to know it is longer.
                    while ((n = in.read(buf, 0, (int) Math.min(buf.length, f.size() + 1 - size))) > 0) {
                        md.update(buf, 0, n);
                        size += n;
                        if (out != null) {
                            out.write(buf, 0, n);
                        }
                        if (size > f.size()) {
                            break;
                        }
                    }
                    if (ch != null) {
                        ch.force(true);
                    }
                } catch (ZipException | java.io.EOFException e) {
                    return new ArchiveCheck.Corrupt(f.path() + " cannot be read: " + e.getMessage());
                }
                String sha = HexFormat.of().formatHex(md.digest());
                if (size != f.size()) {
                    return new ArchiveCheck.Corrupt(f.path() + " holds " + (size > f.size() ? "more than " : "") + size
                            + " bytes, the manifest says " + f.size());
                }
                if (!sha.equals(f.sha256())) {
                    return new ArchiveCheck.Corrupt(
                            f.path() + " hashes to " + sha + ", the manifest says " + f.sha256());
                }
                bytes += size;
                progress.done(++done, manifest.files().size(), bytes, total);
            }
            for (Path d : dirs) {
                Directories.sync(d);
            }
            return new ArchiveCheck.Intact(manifest);
        }
    }
}
