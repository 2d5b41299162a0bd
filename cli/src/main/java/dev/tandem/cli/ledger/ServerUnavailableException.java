package dev.tandem.cli.ledger;

/** The server could not be reached, refused the token, or answered with an error status (exit code 3). */
final class ServerUnavailableException extends Exception {
    ServerUnavailableException(String message) {
        super(message);
    }

    ServerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
