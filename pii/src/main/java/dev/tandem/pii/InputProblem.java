package dev.tandem.pii;

/**
 * A file, archive entry or value that could not be scanned (fully): unreadable, corrupt, over a
 * limit. The scan goes on with the next input; {@code fatal} marks inputs named by the caller that
 * could not be opened at all.
 */
public record InputProblem(String file, String reason, boolean fatal) {}
