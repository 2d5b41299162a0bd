package dev.tandem.tools.crm;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * One injected incident or look-alike of the generated org: the labels saying what must (or must
 * not) be found, and the traces it leaves in the org's files beside the ordinary activity the
 * generator writes. Scenarios run in the order of {@link CrmOrgGenerator#SCENARIOS}.
 */
interface Scenario {
    /** What must be reported ({@link Label#expected()}) or must not be. */
    List<Label> labels();

    /** Metadata files of its own, under the source-format root ({@code force-app/main/default}). */
    default void metadata(CrmOrgGenerator g, Path root) throws IOException {}

    /** Event log rows of its own on production day {@code d} (0-based), after the ordinary ones. */
    default void productionDay(CrmOrgGenerator g, CrmOrgGenerator.Day day, int d, long dayStart) {}

    /** Whether it writes rows into the sandbox org on day {@code d}. */
    default boolean writesSandbox(CrmOrgGenerator g, int d) {
        return false;
    }

    /** Event log rows of its own in the sandbox org on day {@code d}. */
    default void sandboxDay(CrmOrgGenerator g, CrmOrgGenerator.Day day, int d, long dayStart) {}

    /** HAR entries of its own, added to the captures by file. */
    default void captures(CrmOrgGenerator.Captures captures) {}

    /** Export files of its own. */
    default void exports(CrmOrgGenerator g, Path dir) {}
}
