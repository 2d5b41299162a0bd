package dev.tandem.server;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code tandem.*} configuration (application.yml; environment variables {@code TANDEM_*}). */
@ConfigurationProperties("tandem")
public record TandemProperties(Path dataDir, Ledger ledger, Evidence evidence, String adminToken) {

    public record Ledger(String origin, String signingKey, int batchSize) {}

    public record Evidence(long maxBytes, Duration sweepGrace) {}
}
