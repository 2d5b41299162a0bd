package dev.tandem.backup;

/** Told after each file is written or checked, so that a command can report on large blob sets. */
@FunctionalInterface
public interface Progress {
    Progress NONE = (files, totalFiles, bytes, totalBytes) -> {};

    void done(int files, int totalFiles, long bytes, long totalBytes);
}
