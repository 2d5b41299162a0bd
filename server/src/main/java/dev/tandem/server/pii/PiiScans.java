package dev.tandem.server.pii;

import dev.tandem.server.evidence.EvidenceItem;
import dev.tandem.server.job.Job;
import dev.tandem.server.job.Jobs;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Starts PII scans of evidence (for the API and the demo). */
@Service
public class PiiScans {
    private final Jobs jobs;
    private final JsonMapper json;

    PiiScans(Jobs jobs, JsonMapper json) {
        this.jobs = jobs;
        this.json = json;
    }

    /**
     * Queues a scan of {@code item}; with {@code updateScope} its people per jurisdiction and data
     * categories are folded into the incident's scope, which recomputes the obligations.
     */
    public Job submit(EvidenceItem item, boolean updateScope, String actor) {
        ObjectNode input = json.createObjectNode().put("evidence", item.id()).put("updateScope", updateScope);
        return jobs.submit(PiiScanHandler.KIND, item.incidentId(), input, actor);
    }
}
