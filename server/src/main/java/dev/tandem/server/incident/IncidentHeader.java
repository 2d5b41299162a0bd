package dev.tandem.server.incident;

import dev.tandem.server.DomainException;
import dev.tandem.server.access.Access;
import dev.tandem.server.regulation.Lifecycle;
import dev.tandem.server.regulation.Obligations;
import dev.tandem.server.regulation.StoredObligation;
import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * What every page of an incident shows above its content (template fragment
 * {@code incidents/fragments :: header}): the incident with its phase, the caller's role, the tabs,
 * and the next open deadlines counting down (every member may see obligations' deadlines and
 * status). Page controllers of every feature call {@link #fill} first.
 */
@Component
public class IncidentHeader {
    private final Incidents incidents;
    private final Obligations obligations;

    IncidentHeader(Incidents incidents, Obligations obligations) {
        this.incidents = incidents;
        this.obligations = obligations;
    }

    /**
     * Puts {@code incident}, {@code zone}, {@code role}, {@code tab}, {@code deadlines} and
     * {@code deadlineZones} (where each deadline's days end, by obligation id) into the model.
     *
     * @param tab the tab the page belongs to: timeline, evidence, findings, obligations, jobs,
     *     reports, members (and later ones)
     */
    public Incident fill(Access access, String id, Model model, String tab) {
        Incident incident = incidents.find(id).orElseThrow(() -> DomainException.notFound("incident", id));
        model.addAttribute("incident", incident);
        model.addAttribute("zone", incident.timeZone());
        model.addAttribute("role", access.caller().role());
        model.addAttribute("tab", tab);
        List<StoredObligation> deadlines = access.caller().has(dev.tandem.server.access.Role.AUDITOR)
                ? nextDeadlines(id, 3, true)
                : nextDeadlines(id, 3);
        model.addAttribute("deadlines", deadlines);
        // each deadline in the zone where its days end (docs/regulation.md, Deadlines)
        java.util.Map<String, java.time.ZoneId> zones = new java.util.HashMap<>();
        deadlines.forEach(o -> zones.put(o.id(), obligations.ruleZone(o, incident.timeZone())));
        model.addAttribute("deadlineZones", zones);
        return incident;
    }

    /**
     * The nearest such deadline of each incident that has one, in one query (the incidents list);
     * for those of {@code audited}, as the auditor may read them.
     */
    public java.util.Map<String, StoredObligation> nextDeadlines(
            java.util.Collection<String> incidentIds, java.util.Set<String> audited) {
        return obligations.nextDeadlines(incidentIds, audited);
    }

    /**
     * Owed, pending obligations due immediately ({@link StoredObligation#immediate}), all of them,
     * then the {@code n} with the soonest fixed deadlines.
     */
    public List<StoredObligation> nextDeadlines(String incident, int n) {
        return nextDeadlines(incident, n, false);
    }

    /**
     * As {@link #nextDeadlines(String, int)}; for the auditor, without the deadlines that run from
     * something privileged ({@link StoredObligation#dueWithheld}).
     */
    public List<StoredObligation> nextDeadlines(String incident, int n, boolean forAuditor) {
        List<StoredObligation> open = obligations.ofIncident(incident).stream()
                .filter(o -> o.placement() == StoredObligation.Placement.OWED && o.status() == Lifecycle.Status.PENDING)
                .toList();
        List<StoredObligation> out = new java.util.ArrayList<>(
                open.stream().filter(StoredObligation::immediate).toList());
        open.stream()
                .filter(o -> o.due() != null && !(forAuditor && o.dueWithheld()))
                .sorted(Comparator.comparing(StoredObligation::due))
                .limit(n)
                .forEach(out::add);
        return List.copyOf(out);
    }
}
