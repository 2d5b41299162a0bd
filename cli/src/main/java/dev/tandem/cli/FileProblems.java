package dev.tandem.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/**
 * Why a file could not be read or written, in words: the JDK's {@link NoSuchFileException} and its
 * kin carry only the path as their message, so "cannot read x.txt: x.txt" said nothing of the cause
 * (docs/contracts.md §4: a usage error names the input and what is wrong with it).
 */
public final class FileProblems {
    private FileProblems() {}

    /** The cause of {@code e} for {@code file}: "no such file", "no such folder /a/b", "permission denied", …. */
    public static String why(Path file, IOException e) {
        return switch (e) {
            case NoSuchFileException n -> {
                Path parent = file.toAbsolutePath().getParent();
                yield parent != null && !java.nio.file.Files.isDirectory(parent)
                        ? "no such folder " + parent
                        : "no such file";
            }
            case AccessDeniedException a -> "permission denied";
            case FileAlreadyExistsException f -> "it exists";
            case NotDirectoryException d -> "not a folder";
            case FileSystemException f when f.getReason() != null -> f.getReason();
            default -> e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        };
    }
}
