package dev.tandem.server.regulation;

import dev.tandem.regulation.DataCategory;
import dev.tandem.server.access.Access;
import dev.tandem.server.incident.Incident;
import dev.tandem.server.leak.FindingViews;
import dev.tandem.server.leak.Findings;
import dev.tandem.server.leak.StoredFinding;
import dev.tandem.server.pii.PiiScans;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * The scope checked against the findings and PII scans the caller may read ({@link ScopeCheck}): a
 * finding or scan resting on FORENSIC evidence the caller may not read is left out, so that no
 * warning tells them what it says (docs/access.md).
 */
@Service
public class ScopeChecks {
    private final Obligations obligations;
    private final Findings findings;
    private final PiiScans scans;

    ScopeChecks(Obligations obligations, Findings findings, PiiScans scans) {
        this.obligations = obligations;
        this.findings = findings;
        this.scans = scans;
    }

    /**
     * The warnings for {@code access}'s caller; none while there is no scope.
     *
     * @param access whose reading decides which findings and scans count; null: all (for the text
     *     the incident commander or LEGAL sends)
     */
    public List<ScopeCheck.Warning> of(String incidentId, @Nullable Access access) {
        var stored = obligations.scopeOf(incidentId);
        if (stored.isEmpty()) {
            return List.of();
        }
        Incident incident = obligations.incident(incidentId);
        Scope scope = stored.get().scope();
        return ScopeCheck.check(
                new ScopeCheck.Subject(
                        scope.subjects().counts(),
                        scope.data(),
                        obligations.incidentFacts(incidentId).unauthorizedAccess(),
                        incident.occurredAt()),
                access == null ? allFindings(incidentId) : readableFindings(incidentId, access),
                readableScans(incidentId, access));
    }

    /** The current analysis's findings ({@link Findings#current}, ADR 148) the caller may read in full. */
    public List<ScopeCheck.Finding> readableFindings(String incidentId, Access access) {
        List<ScopeCheck.Finding> out = new ArrayList<>();
        findings.current(incidentId).ifPresent(a -> {
            for (StoredFinding f : findings.of(a.jobId())) {
                if (FindingViews.readable(f, access)) {
                    out.add(ScopeCheck.Finding.of(f.id(), f.pattern(), f.title(), f.records()));
                }
            }
        });
        return out;
    }

    /** Every finding of the current analysis, for the incident commander and LEGAL (who read them all). */
    List<ScopeCheck.Finding> allFindings(String incidentId) {
        List<ScopeCheck.Finding> out = new ArrayList<>();
        findings.current(incidentId)
                .ifPresent(a -> findings.of(a.jobId())
                        .forEach(f -> out.add(ScopeCheck.Finding.of(f.id(), f.pattern(), f.title(), f.records()))));
        return out;
    }

    /**
     * What the generated draft quotes of the current analysis's privileged findings: each one's title
     * and its record count as the draft writes it. A stored notice text containing one states what
     * the finding says.
     */
    List<String> privilegedTexts(String incidentId) {
        List<String> out = new ArrayList<>();
        findings.current(incidentId).ifPresent(a -> {
            for (StoredFinding f : findings.of(a.jobId())) {
                if (f.privileged()) {
                    out.add(f.title());
                    if (f.records() != null) out.add("about " + ScopeCheck.n(f.records()));
                }
            }
        });
        return out;
    }

    /** Whether any finding of the current analysis, or any scanned item, rests on FORENSIC evidence. */
    boolean anyPrivilegedInput(String incidentId) {
        return findings.current(incidentId)
                        .map(a -> findings.of(a.jobId()).stream().anyMatch(StoredFinding::privileged))
                        .orElse(false)
                || scans.ofIncident(incidentId).stream()
                        .anyMatch(s -> s.repository() == dev.tandem.evidence.Repository.FORENSIC);
    }

    private List<ScopeCheck.Scan> readableScans(String incidentId, @Nullable Access access) {
        List<ScopeCheck.Scan> out = new ArrayList<>();
        for (PiiScans.ItemScan s : scans.ofIncident(incidentId)) {
            if (access == null || access.mayRead(s.evidence(), s.repository())) {
                out.add(scan(s.name(), s.summary()));
            }
        }
        return out;
    }

    /** A stored scan summary ({@code counts} per entity, {@code subjects} per place) as the check reads it. */
    public static ScopeCheck.Scan scan(String name, JsonNode summary) {
        List<String> entities = new ArrayList<>();
        summary.path("counts").properties().forEach(e -> {
            if (e.getValue().asLong() > 0) entities.add(e.getKey());
        });
        Map<String, Long> places = new LinkedHashMap<>();
        PiiScans.subjects(summary).forEach(e -> places.merge(e.getKey(), e.getValue(), Long::sum));
        if (summary.path("unplaced").asLong() > 0)
            places.merge(
                    dev.tandem.regulation.Subjects.UNKNOWN,
                    summary.path("unplaced").asLong(),
                    Long::sum);
        return new ScopeCheck.Scan(name, DataCategory.ofScannerEntities(entities), places);
    }
}
