package dev.tandem.server.report;

import dev.tandem.evidence.EvidenceKind;
import dev.tandem.evidence.Repository;
import dev.tandem.server.access.Caller;
import dev.tandem.server.access.Role;
import dev.tandem.server.change.AuditProperties;
import dev.tandem.server.change.ChangeProperties;
import dev.tandem.server.evidence.EvidenceItem;
import dev.tandem.server.evidence.Vault;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * Draws a report from a snapshot and renders it; issues it as evidence. The audit-continuity
 * report is the same for every reader (it opens nothing); the incident report opens what its
 * reader may see.
 */
@Service
public class Reports {
    private final Snapshots snapshots;
    private final Vault vault;
    private final Renderer renderer = new Renderer();

    private final AuditProperties audit;
    private final ChangeProperties change;
    private final Clock clock;

    Reports(Snapshots snapshots, Vault vault, AuditProperties audit, ChangeProperties change, Clock clock) {
        this.snapshots = snapshots;
        this.vault = vault;
        this.audit = audit;
        this.change = change;
        this.clock = clock;
    }

    /** The change-control settings the audit-continuity report is drawn with, at this moment. */
    private ChangeControl.Settings settings() {
        return new ChangeControl.Settings(
                change.window(), audit.fee(), audit.currencyOrDefault(), audit.low(), audit.high(), clock.instant());
    }

    /**
     * A report, its HTML, and the snapshot it was drawn from; for an audit-continuity report, the
     * export's OSCAL part of its change-control sections, drawn with them (null for an incident report).
     */
    public record Rendered(
            Report report,
            String html,
            Snapshot snapshot,
            @Nullable ChangeControlAudit changeControl) {}

    public record Issued(EvidenceItem evidence, ReportCheckpoint checkpoint) {}

    public Rendered render(ReportKind kind, String incident, Caller caller) {
        Reader reader = kind == ReportKind.INCIDENT ? reader(incident, caller) : Reader.NOBODY;
        Snapshot snapshot = snapshots.take(incident, reader);
        return switch (kind) {
            case INCIDENT -> {
                Report report = IncidentReport.of(snapshot, audience(caller), reader);
                yield new Rendered(report, renderer.html(report), snapshot, null);
            }
            case AUDIT_CONTINUITY -> auditContinuity(snapshot);
        };
    }

    /** The audit-continuity report of the snapshot, with the settings read once for it and its OSCAL part. */
    private Rendered auditContinuity(Snapshot snapshot) {
        AuditContinuityReport.Drawn drawn = AuditContinuityReport.draw(snapshot, settings());
        return new Rendered(drawn.report(), renderer.html(drawn.report()), snapshot, drawn.changeControl());
    }

    private Reader reader(String incident, Caller caller) {
        java.util.Set<String> audit = new java.util.HashSet<>();
        for (EvidenceItem i : vault.ofIncident(incident)) {
            if (i.repository() == Repository.AUDIT) audit.add(i.id());
        }
        return Reader.of(caller, audit);
    }

    /** The audit-continuity report at a given signed checkpoint: the same document for every reader. */
    public Rendered auditContinuityAt(String incident, String signedCheckpoint) {
        return auditContinuity(snapshots.take(incident, Reader.NOBODY, signedCheckpoint));
    }

    /**
     * The retests and CC8.1 lines of an audit-continuity report, as its change-control sections drew
     * them when it was rendered (the export's OSCAL document carries them): the same reading.
     */
    public ChangeControlAudit changeControl(Rendered rendered) {
        ChangeControlAudit audit = rendered.changeControl();
        if (audit == null) {
            throw new IllegalArgumentException("an incident report has no change-control part: "
                    + rendered.report().kind());
        }
        return audit;
    }

    public byte[] pdf(Rendered rendered) {
        return renderer.pdf(rendered.html());
    }

    /**
     * Renders the report as {@code caller} reads it and keeps the PDF in the vault as a DOCUMENT,
     * so the issued version is preserved and every later read of it is a ledger entry.
     */
    public Issued issue(ReportKind kind, String incident, Caller caller, Repository repository) {
        Rendered r = render(kind, incident, caller);
        ReportCheckpoint cp = r.report().checkpoint();
        byte[] pdf = pdf(r);
        try {
            EvidenceItem item = vault.add(
                    new Vault.Metadata(
                            incident,
                            repository,
                            EvidenceKind.DOCUMENT,
                            kind.path() + "-report-at-" + cp.size() + ".pdf",
                            "Tandem " + r.report().title() + ", checkpoint " + cp.header(),
                            r.report().title() + " as issued by " + caller.username() + ", drawn from the ledger at"
                                    + " tree size " + cp.size(),
                            null,
                            null),
                    new ByteArrayInputStream(pdf),
                    Long.MAX_VALUE,
                    caller.username());
            return new Issued(item, cp);
        } catch (IOException e) {
            throw new UncheckedIOException("storing the issued report failed", e);
        }
    }

    static String audience(Caller caller) {
        String who = caller.username() + " (" + caller.role() + ")";
        return caller.has(Role.RESPONDER)
                ? "the copy of " + who + ": privileged items LEGAL has not granted are shown as commitments"
                : "the copy of " + who;
    }
}
