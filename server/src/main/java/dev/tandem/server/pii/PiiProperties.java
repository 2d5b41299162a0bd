package dev.tandem.server.pii;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code tandem.pii.*} (environment {@code TANDEM_PII_MIN_CONFIDENCE}): how PII scans feed the
 * scope, as {@code tandem scan --min-confidence} does (docs/pii-scanner.md, "Confidence").
 *
 * @param minConfidence findings below it (0 to 1) are stored with their confidence but left out of
 *     the counts, the people and the incident's scope; unset means 0.5
 */
@ConfigurationProperties("tandem.pii")
record PiiProperties(@Nullable Double minConfidence) {}
