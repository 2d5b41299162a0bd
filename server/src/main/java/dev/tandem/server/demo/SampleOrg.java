package dev.tandem.server.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;

/**
 * A generated Salesforce org for the demo to file as evidence (ADR 039). The generator is a tool
 * ({@code dev.tandem.tools.crm.CrmOrgGenerator}), which the server does not depend on: the
 * {@code tandem} executable supplies it as a bean. Without one, the demo loads without the org.
 */
public interface SampleOrg {
    /**
     * Writes the org under {@code dir}: {@code eventlogs/}, {@code metadata/}, {@code data/}, {@code har/}, {@code exports/}, {@code setup/};
     * its incident (the integration's extraction) in the week up to {@code incidentDay}, the same org whatever the day.
     */
    void write(long seed, int users, long rows, LocalDate incidentDay, Path dir) throws IOException;

    /** The production org id its event logs name. */
    String productionOrg();

    /** The sandbox org id its event logs name. */
    String sandboxOrg();
}
