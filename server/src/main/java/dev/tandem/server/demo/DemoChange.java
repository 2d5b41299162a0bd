package dev.tandem.server.demo;

import dev.tandem.evidence.EvidenceKind;
import dev.tandem.evidence.Repository;
import dev.tandem.server.access.Caller;
import dev.tandem.server.access.Memberships;
import dev.tandem.server.access.Role;
import dev.tandem.server.change.Change;
import dev.tandem.server.change.Changes;
import dev.tandem.server.change.ControlTests;
import dev.tandem.server.evidence.EvidenceItem;
import dev.tandem.server.evidence.Vault;
import dev.tandem.server.job.Job;
import dev.tandem.server.job.Jobs;
import dev.tandem.server.leak.Findings;
import dev.tandem.server.leak.StoredFinding;
import dev.tandem.server.portal.EvidenceRequests;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * The demo's change-control path (docs/change-control.md): once the leak analysis has found the
 * over-permissioned integration user, counsel lets the responder read the event logs, the audit
 * liaison imports the audit firm's register, the responder requests the proposed containment as a
 * change in one step, the incident commander and the audit liaison approve, the auditor
 * acknowledges, the responder executes it with the post-change metadata (the diff names the removed
 * View All Data, the analyzers find the finding closed), verifies the sync still runs, and the
 * permission set's tested control becomes a retest. The auditor then asks for the change ticket and
 * who approved it, and the liaison answers with the change and the commander's approval entry (ADR
 * 111). Walked once per data directory.
 */
@Component
@ConditionalOnBooleanProperty("tandem.demo")
public class DemoChange {
    /** The sample org's integration user and the permission set that over-grants it ({@link SampleOrg}). */
    public static final String INTEGRATION_USER = "integration.sync@shopco.com";

    static final String INTEGRATION_PERMSET = "Integration_Full_Access";
    static final String PERMSET_FILE =
            "force-app/main/default/permissionsets/" + INTEGRATION_PERMSET + ".permissionset-meta.xml";
    public static final String SYNC = "Nightly marketing sync to the uat sandbox";

    private final Jobs jobs;
    private final Findings findings;
    private final Vault vault;
    private final Memberships memberships;
    private final ControlTests register;
    private final Changes changes;
    private final EvidenceRequests evidenceRequests;
    private final Clock clock;

    DemoChange(
            Jobs jobs,
            Findings findings,
            Vault vault,
            Memberships memberships,
            ControlTests register,
            Changes changes,
            EvidenceRequests evidenceRequests,
            Clock clock) {
        this.jobs = jobs;
        this.findings = findings;
        this.vault = vault;
        this.memberships = memberships;
        this.register = register;
        this.changes = changes;
        this.evidenceRequests = evidenceRequests;
        this.clock = clock;
    }

    /**
     * Walks the path unless the incident has a change already; answers the change, or empty when the
     * analysis did not finish in {@code wait} or found no integration user to contain.
     */
    public Optional<Change> walk(DemoData.Loaded demo, Duration wait) throws IOException, InterruptedException {
        String incident = demo.incident().id();
        List<Change> existing = changes.ofIncident(incident);
        if (!existing.isEmpty()) {
            return Optional.of(existing.getFirst());
        }
        if (demo.analysisJob() == null || !finished(demo.analysisJob(), wait)) {
            return Optional.empty();
        }
        StoredFinding finding = findings.of(demo.analysisJob()).stream()
                .filter(f -> f.pattern().equals("OVERPERMISSIONED_INTEGRATION_SYNC")
                        && f.subjectId().equals(INTEGRATION_USER))
                .findFirst()
                .orElse(null);
        int containment = finding == null ? -1 : revokeViewAllData(finding.containment());
        if (finding == null || containment < 0) {
            return Optional.empty();
        }
        // counsel lets the responder read what the finding rests on, to contain it
        for (StoredFinding.Item i : finding.items()) {
            if (i.repository().equals("FORENSIC")) {
                memberships.grant(incident, "responder", i.id(), "counsel");
            }
        }
        Caller responder = caller(incident, "responder", Role.RESPONDER);
        LocalDate today = clock.instant().atOffset(ZoneOffset.UTC).toLocalDate();
        // the SOC 2 Type II examination's observation period, a year that holds the register's tests and
        // today's change, recorded by the liaison before the register (docs/change-control.md)
        Caller liaison = caller(incident, "liaison", Role.AUDIT_LIAISON);
        register.setPeriod(
                incident, today.minusDays(180).toString(), today.plusDays(184).toString(), liaison);
        register.importRegister(incident, registerCsv(today), "control-test-register.csv", liaison);
        Change c = changes.request(
                incident,
                new Changes.Requested(
                        // the finding rests on FORENSIC evidence: the request, which everyone reads, in the
                        // responder's own words
                        "Revoke View All Data from permission set Integration_Full_Access",
                        "Salesforce production org",
                        "Take View All Data, and view-all on Contact, away from the integration user's"
                                + " permission set; the nightly order sync keeps the object permissions it needs.",
                        dev.tandem.change.ChangeKind.ACCESS_RESTRICTION,
                        null,
                        // the post-change metadata also takes view-all on Contact away: named, so that the
                        // change is approved for all it does (its diffs are checked against these)
                        List.of(
                                finding.containment()
                                        .get(containment)
                                        .path("configItem")
                                        .asString(),
                                "PermissionSet:" + INTEGRATION_PERMSET + "#ViewAllRecords/Contact"),
                        List.of("CC6.3"),
                        null,
                        "Redeploy the permission set from the pre-change metadata snapshot",
                        false,
                        null,
                        List.of(SYNC),
                        finding.id(),
                        containment),
                responder);
        changes.decide(
                c.id(), true, "Containment agreed", caller(incident, DemoData.COMMANDER, Role.INCIDENT_COMMANDER));
        changes.decide(
                c.id(),
                true,
                "CC6.3 was tested on this permission set: retest booked with the audit firm",
                caller(incident, "liaison", Role.AUDIT_LIAISON));
        changes.acknowledge(c.id(), "Noted; we will retest CC6.3", caller(incident, "auditor", Role.AUDITOR));
        EvidenceItem metadata = vault.ofIncident(incident).stream()
                .filter(i -> i.name().equals("metadata.zip") && i.kind() == EvidenceKind.CONFIG_SNAPSHOT)
                .findFirst()
                .orElseThrow();
        byte[] after;
        try (InputStream in = vault.openForJob(metadata)) {
            after = withoutViewAllData(in.readAllBytes());
        }
        EvidenceItem post = vault.add(
                new Vault.Metadata(
                        incident,
                        Repository.AUDIT,
                        EvidenceKind.CONFIG_SNAPSHOT,
                        "metadata.zip",
                        "sf project retrieve start (source format), after the change",
                        "Post-change snapshot: " + INTEGRATION_PERMSET + " without View All Data",
                        clock.instant(),
                        null),
                new ByteArrayInputStream(after),
                Long.MAX_VALUE,
                "responder");
        changes.execute(
                c.id(), List.of(post.id()), "Deployed with sf project deploy start; sync user re-tested", responder);
        Change done = changes.verifyProcesses(
                c.id(), List.of(SYNC), "The nightly sync ran at 02:00 and copied only its scoped fields", responder);
        answerWithTheChange(demo, done);
        return Optional.of(done);
    }

    /** What the auditor asks for once the change is done: a record Tandem holds, not a file. */
    static final String CHANGE_REQUEST =
            "The change ticket for the containment of the integration user, and who approved it";

    /**
     * The auditor asks for the remediation's change ticket and its approval; the audit liaison
     * answers with the change itself and the commander's {@code change.decided} entry, no file (ADR
     * 111): the auditor reads the change as it stands and checks the entry's inclusion proof.
     */
    private void answerWithTheChange(DemoData.Loaded demo, Change c) {
        long approval = c.decisions().stream()
                .filter(d -> d.role().equals(Role.INCIDENT_COMMANDER.name()))
                .findFirst()
                .orElseThrow()
                .ledgerIndex();
        EvidenceRequests.Request asked = evidenceRequests.file(
                demo.incident().id(),
                CHANGE_REQUEST,
                null,
                List.of("CC6.3", "CC8.1"),
                demo.incident().timeZone(),
                "auditor");
        evidenceRequests.answer(
                asked.id(),
                null,
                List.of(c.id()),
                List.of(approval),
                "The change as it stands, and the incident commander's approval in the ledger",
                "liaison");
    }

    private boolean finished(String job, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Job> j = jobs.find(job);
            String status = j.map(x -> x.status().toString()).orElse("");
            if (status.equals("SUCCEEDED")) {
                return true;
            }
            if (status.equals("FAILED") || status.equals("CANCELLED")) {
                return false;
            }
            Thread.sleep(200);
        }
        return false;
    }

    /** The proposal that revokes View All Data from the permission set, by its index. */
    private static int revokeViewAllData(JsonNode containment) {
        for (int i = 0; i < containment.size(); i++) {
            JsonNode a = containment.get(i);
            if (a.path("action").asString("").equals("REVOKE_PERMISSION")
                    && a.path("configItem").asString("").startsWith("PermissionSet:")
                    && a.path("configItem").asString("").contains("ViewAllData")) {
                return i;
            }
        }
        return -1;
    }

    /** The audit firm's register for the observation period: tests weeks before the incident. */
    static byte[] registerCsv(LocalDate today) {
        String csv = "control,configItem,testedOn,tester,sample\n"
                + "CC6.3,PermissionSet:" + INTEGRATION_PERMSET + "," + today.minusDays(75)
                + ",Audrey Blake,\"25 of 180 permission set assignments\"\n"
                + "CC6.1,Profile:Admin," + today.minusDays(74) + ",Audrey Blake,5 administrators\n"
                + "CC6.2,User:" + INTEGRATION_USER + "," + today.minusDays(74)
                + ",Audrey Blake,new and removed integration users\n"
                + "CC7.2,SIEM:Salesforce event monitoring," + today.minusDays(60) + ",Audrey Blake,30 alerts\n"
                + "CC8.1,Change:CAB," + today.minusDays(45) + ",Audrey Blake,all emergency changes\n";
        return csv.getBytes(StandardCharsets.UTF_8);
    }

    /** The retrieved metadata after the change: the permission set without View All Data nor view-all on Contact. */
    public static byte[] withoutViewAllData(byte[] zip) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip));
                ZipOutputStream z = new ZipOutputStream(out)) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                byte[] bytes = in.readAllBytes();
                if (e.getName().equals(PERMSET_FILE)) {
                    String xml = new String(bytes, StandardCharsets.UTF_8)
                            .replace(
                                    "    <userPermissions>\n        <enabled>true</enabled>\n        <name>ViewAllData"
                                            + "</name>\n    </userPermissions>\n",
                                    "")
                            .replace("<viewAllRecords>true</viewAllRecords>", "<viewAllRecords>false</viewAllRecords>");
                    bytes = xml.getBytes(StandardCharsets.UTF_8);
                }
                z.putNextEntry(new ZipEntry(e.getName()));
                z.write(bytes);
                z.closeEntry();
            }
        }
        return out.toByteArray();
    }

    /** The member as the access policy sees them, with their grants. */
    private Caller caller(String incident, String username, Role role) {
        Caller c = memberships.caller(username, false, incident);
        if (c.role() != role) {
            throw new IllegalStateException(username + " is not the demo's " + role);
        }
        return c;
    }
}
