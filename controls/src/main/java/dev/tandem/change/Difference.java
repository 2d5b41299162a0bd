package dev.tandem.change;

import org.jspecify.annotations.Nullable;

/**
 * One difference between a pre- and a post-change snapshot.
 *
 * @param path where: an XML element path with keys ({@code
 *     PermissionSet/userPermissions[name=ViewAllData]}), a JSON/YAML path ({@code $.spec.replicas}),
 *     or {@code line N} (of the file before for a removal, after for an addition)
 * @param before the value before (null for an addition); an element's content in short
 * @param after the value after (null for a removal)
 * @param description the difference in words, e.g. {@code removed userPermissions ViewAllData}
 */
public record Difference(
        Kind kind,
        String path,
        @Nullable String before,
        @Nullable String after,
        String description) {
    public enum Kind {
        ADDED,
        REMOVED,
        CHANGED
    }
}
