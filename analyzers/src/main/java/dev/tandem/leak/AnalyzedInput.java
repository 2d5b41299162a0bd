package dev.tandem.leak;

/**
 * An input as analyzed: its name as given and the format it was read as, e.g.
 * {@code salesforce-elf:BulkApi}, {@code salesforce-metadata:PermissionSet}, {@code har}.
 */
public record AnalyzedInput(String file, String format) {}
