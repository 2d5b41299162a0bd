package dev.tandem.server.leak;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code tandem.analysis.*}: the analyzer thresholds a company sets for itself, as the options of
 * {@code tandem analyze} do (docs/leak-patterns.md). Unset means the analyzer's default.
 *
 * @param firstPartyDomains the company's own domains besides each checkout page's
 * @param minBulkRecords customer rows in one session that count as bulk
 * @param minExportRecords rows in one export that count
 */
@ConfigurationProperties("tandem.analysis")
record AnalysisProperties(
        @Nullable List<String> firstPartyDomains,
        @Nullable Long minBulkRecords,
        @Nullable Long minExportRecords) {}
