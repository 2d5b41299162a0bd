package dev.tandem.pii;

import org.jspecify.annotations.Nullable;

/**
 * A record of structured data (a CSV row, a JSON object) that names one person: the strongest
 * identifier found in it ({@code EMAIL_ADDRESS:jane@example.com}, normalized) and where the
 * person lives when a country or state column or key says so (ISO 3166-1 alpha-2 or ISO 3166-2).
 */
public record SubjectRecord(
        String file, String identity, @Nullable String jurisdiction) {}
