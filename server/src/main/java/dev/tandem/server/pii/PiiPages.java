package dev.tandem.server.pii;

import dev.tandem.server.DomainException;
import dev.tandem.server.access.Access;
import dev.tandem.server.access.Action;
import dev.tandem.server.access.Guard;
import dev.tandem.server.access.Resource;
import dev.tandem.server.evidence.EvidenceItem;
import dev.tandem.server.evidence.Vault;
import dev.tandem.server.job.Job;
import dev.tandem.server.web.WebPages;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * "Scan for PII" on an evidence page (docs/web.md), as {@code POST /api/v1/evidence/{id}/scans}:
 * folding the result into the scope asks the policy again, as the scope is LEGAL's and the
 * commander's to change. The job's progress is on the jobs page.
 */
@WebPages
class PiiPages {
    private final Vault vault;
    private final PiiScans scans;

    PiiPages(Vault vault, PiiScans scans) {
        this.vault = vault;
        this.scans = scans;
    }

    @PostMapping("/evidence/{id}/scans")
    @Guard(Action.PII_SCAN_START)
    String scan(Access access, @PathVariable String id, @RequestParam(required = false) @Nullable String updateScope) {
        EvidenceItem item = vault.find(id).orElseThrow(() -> DomainException.notFound("evidence", id));
        boolean fold = "true".equals(updateScope) || "on".equals(updateScope);
        if (fold) {
            access.require(Action.SCOPE_CHANGE, Resource.incident(item.incidentId()), "incident", item.incidentId());
        }
        Job job = scans.submit(item, fold, access.username());
        return "redirect:/incidents/" + item.incidentId() + "/jobs?started=" + job.id();
    }
}
