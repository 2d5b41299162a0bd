package dev.tandem.app;

import dev.tandem.server.demo.SampleOrg;
import dev.tandem.tools.crm.CrmOrgGenerator;
import java.nio.file.Path;
import java.time.LocalDate;

/** The demo's org, written by the tools' generator (ADR 039): the executable hands it to the server. */
final class GeneratedSampleOrg implements SampleOrg {
    @Override
    public void write(long seed, int users, long rows, LocalDate incidentDay, Path dir) {
        CrmOrgGenerator.generate(CrmOrgGenerator.Settings.endingNear(seed, users, rows, incidentDay), dir);
    }

    @Override
    public String productionOrg() {
        return CrmOrgGenerator.PROD_ORG;
    }

    @Override
    public String sandboxOrg() {
        return CrmOrgGenerator.SANDBOX_ORG;
    }
}
