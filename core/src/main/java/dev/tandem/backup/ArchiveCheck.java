package dev.tandem.backup;

/** What reading a backup archive found: intact, with its manifest, or corrupt, with the reason. */
public sealed interface ArchiveCheck permits ArchiveCheck.Intact, ArchiveCheck.Corrupt {

    record Intact(BackupManifest manifest) implements ArchiveCheck {}

    /** The archive cannot be trusted; {@code reason} names the file and what differs. */
    record Corrupt(String reason) implements ArchiveCheck {}
}
