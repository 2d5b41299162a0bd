package dev.tandem.server.leak;

import dev.tandem.leak.AnalysisResult;
import dev.tandem.leak.LeakAnalyzer;
import dev.tandem.leak.Thresholds;
import dev.tandem.payload.ScannerPayloadInspector;
import dev.tandem.server.evidence.EvidenceItem;
import dev.tandem.server.evidence.Vault;
import dev.tandem.server.job.Job;
import dev.tandem.server.job.JobContext;
import dev.tandem.server.job.JobHandler;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Runs a {@code LEAK_ANALYSIS} job: streams each selected evidence item from the vault into a
 * fresh {@link LeakAnalyzer} (progress in bytes read), checks that every byte read hashes to what
 * was received, and records the findings in one ledger unit at the end ({@link Findings#record}).
 * Nothing is recorded before that unit, so running the job again from the start is safe; an
 * interrupted analysis throws {@link InterruptedException} and the job is run again at the next start.
 */
@Component
final class LeakAnalysisJob implements JobHandler {
    private final Findings findings;
    private final Vault vault;
    private final Thresholds thresholds;

    LeakAnalysisJob(Findings findings, Vault vault, Thresholds thresholds) {
        this.findings = findings;
        this.vault = vault;
        this.thresholds = thresholds;
    }

    @Override
    public String kind() {
        return Analyses.KIND;
    }

    @Override
    public JsonNode run(Job job, JobContext context) throws Exception {
        List<EvidenceItem> items = selection(job);
        EvidenceInputs inputs = EvidenceInputs.of(items);
        long total = inputs.totalBytes();
        context.progress(0, total);
        AnalysisResult result = new LeakAnalyzer(thresholds, new ScannerPayloadInspector())
                .analyze(
                        inputs.inputs(vault::openForJob, read -> context.progress(Math.min(read, total), total)),
                        p -> context.progress(Math.min(inputs.bytesRead(), total), total));
        if (!inputs.failures().isEmpty()) {
            throw new VaultIntegrityException(String.join("; ", inputs.failures()) + "; nothing was recorded");
        }
        return findings.record(job, inputs, result);
    }

    /** The items a queued job is to analyze, as its input names them. */
    private List<EvidenceItem> selection(Job job) throws VaultIntegrityException {
        List<EvidenceItem> items = new ArrayList<>();
        for (JsonNode id : job.input().path("evidence")) {
            String evidenceId = id.asString();
            EvidenceItem item = vault.find(evidenceId)
                    .filter(i -> i.incidentId().equals(job.incidentId()))
                    .orElseThrow(() -> new VaultIntegrityException("evidence " + evidenceId
                            + " named by the analysis is not in incident " + job.incidentId()
                            + "'s vault (evidence is never deleted: the database was changed outside Tandem)"));
            items.add(item);
        }
        if (items.isEmpty()) {
            throw new VaultIntegrityException("the analysis names no evidence");
        }
        return items;
    }
}
