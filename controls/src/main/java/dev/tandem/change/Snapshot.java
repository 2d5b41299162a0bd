package dev.tandem.change;

import java.time.Instant;

/**
 * A configuration snapshot a change request names, as the rules need it: the evidence item's id,
 * kind and when the vault received it.
 */
public record Snapshot(String id, String kind, Instant receivedAt) {
    public static final String CONFIG_SNAPSHOT = "CONFIG_SNAPSHOT";
}
