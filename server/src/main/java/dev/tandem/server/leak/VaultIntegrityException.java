package dev.tandem.server.leak;

import java.io.IOException;

/**
 * The vault could not give back an evidence item's bytes as received: the blob is missing or
 * unreadable, or its content no longer hashes to the recorded SHA-256. An infrastructure failure,
 * not a property of the evidence: the analysis fails and records nothing.
 */
final class VaultIntegrityException extends IOException {
    VaultIntegrityException(String message) {
        super(message);
    }
}
