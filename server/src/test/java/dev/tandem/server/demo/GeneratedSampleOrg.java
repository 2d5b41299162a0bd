package dev.tandem.server.demo;

import dev.tandem.tools.crm.CrmOrgGenerator;
import java.nio.file.Path;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

/** The demo's generated org in the server's tests, as the executable supplies it ({@link SampleOrg}). */
@Component
@ConditionalOnBooleanProperty("tandem.demo")
class GeneratedSampleOrg implements SampleOrg {
    @Override
    public void write(long seed, int users, long rows, Path dir) {
        CrmOrgGenerator.generate(CrmOrgGenerator.Settings.of(seed, users, rows), dir);
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
