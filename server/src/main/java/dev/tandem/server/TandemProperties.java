package dev.tandem.server;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code tandem.*} configuration (application.yml; environment variables {@code TANDEM_*}). */
@ConfigurationProperties("tandem")
public record TandemProperties(Path dataDir, Ledger ledger, Evidence evidence, String adminToken) {

    /**
     * @param checkpointInterval under load, the longest time between two signed checkpoints; when
     *     the sequencer has no more work waiting, it signs at once
     */
    public record Ledger(String origin, String signingKey, int batchSize, Duration checkpointInterval) {}

    /** @param maxBytes the largest evidence item accepted (docs/operations.md, "Start-up": byte sizes) */
    public record Evidence(ByteSize maxBytes, Duration sweepGrace) {}
}
