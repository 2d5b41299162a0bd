package dev.tandem.server.demo;

import dev.tandem.tools.crm.CrmOrgGenerator;
import java.nio.file.Path;
import java.time.LocalDate;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

/** The demo's generated org in the server's tests, as the executable supplies it ({@link SampleOrg}). */
@Component
@ConditionalOnBooleanProperty("tandem.demo")
class GeneratedSampleOrg implements SampleOrg {
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
