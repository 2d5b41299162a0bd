package dev.tandem.pii.input;

import java.io.IOException;

/** The input is not what its format says; the stream itself is intact, so an archive goes on. */
public sealed class MalformedInput extends IOException permits DamagedArchive {
    public MalformedInput(String message, Throwable cause) {
        super(message, cause);
    }
}
