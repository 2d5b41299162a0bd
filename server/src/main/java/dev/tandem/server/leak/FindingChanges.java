package dev.tandem.server.leak;

import dev.tandem.server.access.Access;
import java.util.List;
import java.util.Map;

/**
 * The change requests made from an incident's findings, for the findings page (docs/web.md): each
 * finding's changes with their status, and whether a verified closure closed the finding. Answered
 * by the change package, which depends on this one (not the other way round).
 */
public interface FindingChanges {
    /**
     * A change requested from a finding: {@code closed} when its verified closure closed the finding
     * and the caller may read that result (a closure resting on FORENSIC evidence is withheld from
     * the roles that may not read it, as the change page withholds it); {@code live} when it is
     * neither rejected nor withdrawn.
     */
    record Linked(String id, String title, String status, boolean closed, boolean live) {}

    /** By finding id, the changes requested from it, oldest first. */
    Map<String, List<Linked>> of(String incident, Access access);
}
