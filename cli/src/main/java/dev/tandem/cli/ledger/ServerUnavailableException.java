package dev.tandem.cli.ledger;

import dev.tandem.cli.ServerConnection;
import dev.tandem.cli.TandemCommand;

/**
 * The server could not be reached or refused a request; {@link #exit()} is the exit code of
 * docs/contracts.md §4 (3 unreachable or token refused, 2 a request the token's user may not make).
 */
final class ServerUnavailableException extends Exception {
    private final int exit;

    ServerUnavailableException(String message, Throwable cause) {
        super(message, cause);
        this.exit = TandemCommand.EXIT_UNREACHABLE;
    }

    ServerUnavailableException(String where, ServerConnection.Failure failure) {
        super(where + failure.message());
        this.exit = failure.exit();
    }

    int exit() {
        return exit;
    }
}
