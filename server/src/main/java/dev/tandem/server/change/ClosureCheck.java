package dev.tandem.server.change;

import dev.tandem.change.ConfigDiff;
import dev.tandem.evidence.Repository;
import dev.tandem.leak.AnalysisInput;
import dev.tandem.leak.AnalysisResult;
import dev.tandem.leak.Finding;
import dev.tandem.leak.LeakAnalyzer;
import dev.tandem.leak.Thresholds;
import dev.tandem.payload.ScannerPayloadInspector;
import dev.tandem.server.evidence.EvidenceItem;
import dev.tandem.server.evidence.Vault;
import dev.tandem.server.leak.StoredFinding;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Verified closure (docs/change-control.md): when a change that a finding motivated leaves
 * Salesforce metadata as its post-change snapshot, the leak analyzers run again on what the finding
 * rested on, with the change's pre-change snapshots replaced by its post-change ones. The finding is
 * closed when no finding of the same pattern and subject comes back. Runs in the request: metadata
 * and the logs a finding rests on are the analyzer's usual, bounded inputs.
 */
@Component
class ClosureCheck {
    private final Vault vault;
    private final Thresholds thresholds;

    ClosureCheck(Vault vault, Thresholds thresholds) {
        this.vault = vault;
        this.thresholds = thresholds;
    }

    /** What the analyzers said: closed or not, what remains, and whether a FORENSIC input took part. */
    record Outcome(boolean closed, List<String> remaining, boolean restsOnForensic) {}

    /** True when the snapshot is Salesforce metadata: an XML file of the metadata API, or a zip of them. */
    static boolean salesforceMetadata(EvidenceItem item, byte[] bytes) {
        ConfigDiff.Format f = ConfigDiff.detect(item.name(), bytes);
        return f == ConfigDiff.Format.SALESFORCE_METADATA
                || (f == ConfigDiff.Format.ZIP
                        && new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1).contains("-meta.xml"));
    }

    Outcome check(StoredFinding finding, List<EvidenceItem> pre, List<EvidenceItem> post) throws InterruptedException {
        Set<String> replaced = new HashSet<>();
        pre.forEach(i -> replaced.add(i.id()));
        List<EvidenceItem> inputs = new ArrayList<>();
        for (StoredFinding.Item i : finding.items()) {
            if (!replaced.contains(i.id())) {
                vault.find(i.id()).ifPresent(inputs::add);
            }
        }
        inputs.addAll(post);
        List<AnalysisInput> analysis = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (EvidenceItem i : inputs) {
            String name = names.add(i.name()) ? i.name() : i.id() + "/" + i.name();
            analysis.add(new AnalysisInput(name, () -> vault.openForJob(i)));
        }
        AnalysisResult result = new LeakAnalyzer(thresholds, new ScannerPayloadInspector()).analyze(analysis, p -> {});
        List<String> remaining = new ArrayList<>();
        for (Finding f : result.findings()) {
            if (f.pattern().name().equals(finding.pattern())
                    && f.subject().kind().name().equals(finding.subjectKind())
                    && f.subject().id().equals(finding.subjectId())) {
                remaining.add(f.title());
            }
        }
        boolean forensic = inputs.stream().anyMatch(i -> i.repository() == Repository.FORENSIC);
        return new Outcome(remaining.isEmpty(), remaining, forensic);
    }
}
