package dev.tandem.tools.crm;

/**
 * An expected outcome in a generated org: an injected incident that must be found with this
 * pattern and subject, or a look-alike that must not be ({@code expected} false).
 */
public record Label(boolean expected, String pattern, String subjectKind, String subjectId, String description) {}
