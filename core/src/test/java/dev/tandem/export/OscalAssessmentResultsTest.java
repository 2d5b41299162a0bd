package dev.tandem.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.tandem.ledger.Checkpoint;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The bag's OSCAL document against NIST's OSCAL 1.1.2 assessment-results JSON schema, kept in
 * {@code src/test/resources/oscal} (from usnistgov/OSCAL; provenance in docs/export.md).
 */
class OscalAssessmentResultsTest {
    static Schema schema;

    @BeforeAll
    static void loadSchema() throws Exception {
        try (InputStream in =
                OscalAssessmentResultsTest.class.getResourceAsStream("/oscal/oscal_assessment-results_schema.json")) {
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
                    .getSchema(in);
        }
    }

    static List<String> errors(JsonNode doc) {
        return schema.validate(doc).stream().map(Object::toString).toList();
    }

    final SampleBag sample = new SampleBag();

    JsonNode document(List<ExportBag.Evidence> evidence) {
        List<OscalAssessmentResults.Item> items = new ArrayList<>();
        evidence.forEach(e -> items.add(new OscalAssessmentResults.Item(e, Instant.parse("2026-11-27T09:30:00Z"))));
        Checkpoint cp = Checkpoint.parse(sample.checkpoint.substring(0, sample.checkpoint.indexOf("\n\n") + 1));
        return SampleBag.JSON.readTree(
                OscalAssessmentResults.of(SampleBag.INCIDENT, cp, Instant.parse("2026-11-27T10:00:00.123Z"), items));
    }

    @Test
    void validatesAgainstNistsSchema() {
        JsonNode doc = document(sample.evidence);
        assertThat(doc.path("assessment-results")
                        .path("metadata")
                        .path("oscal-version")
                        .asString())
                .isEqualTo("1.1.2");
        assertThat(errors(doc)).isEmpty();
    }

    @Test
    void aBagWithoutEvidenceValidatesToo() {
        assertThat(errors(document(List.of()))).isEmpty();
    }

    @Test
    void theSchemaRejectsWhatItShould() {
        ObjectNode broken = (ObjectNode) document(sample.evidence).deepCopy();
        ((ObjectNode) broken.path("assessment-results")).remove("results");
        ((ObjectNode) broken.path("assessment-results")).put("uuid", "not-a-uuid");
        assertThat(errors(broken)).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void observationsPointAtTheEvidenceByHash() {
        JsonNode ar = document(sample.evidence).path("assessment-results");
        JsonNode observations = ar.path("results").path(0).path("observations");
        assertThat(observations).hasSize(sample.evidence.size());
        for (int i = 0; i < sample.evidence.size(); i++) {
            ExportBag.Evidence e = sample.evidence.get(i);
            JsonNode o = observations.path(i);
            String href = o.path("relevant-evidence").path(0).path("href").asString();
            JsonNode resource = null;
            for (JsonNode r : ar.path("back-matter").path("resources")) {
                if (href.equals("#" + r.path("uuid").asString())) {
                    resource = r;
                }
            }
            assertThat(resource).as("back-matter resource %s", href).isNotNull();
            JsonNode rlink = resource.path("rlinks").path(0);
            assertThat(rlink.path("href").asString()).isEqualTo("../evidence/" + e.sha256());
            assertThat(rlink.path("hashes").path(0).path("algorithm").asString())
                    .isEqualTo("SHA-256");
            assertThat(rlink.path("hashes").path(0).path("value").asString()).isEqualTo(e.sha256());
        }
    }

    /** One request in each state; the reopened one keeps its answer in the history only. */
    /** A step that links no change or entry. */
    static OscalAssessmentResults.Step step(String step, String text, String by, Instant at, long ledgerIndex) {
        return new OscalAssessmentResults.Step(step, text, by, at, ledgerIndex, List.of(), List.of());
    }

    /** A request whose answers link AUDIT items only. */
    static OscalAssessmentResults.Request request(
            String id,
            String text,
            List<String> controls,
            @Nullable LocalDate due,
            String requestedBy,
            Instant requestedAt,
            long ledgerIndex,
            String status,
            boolean overdue,
            List<String> evidence,
            List<OscalAssessmentResults.Step> history) {
        return new OscalAssessmentResults.Request(
                id,
                text,
                controls,
                due,
                requestedBy,
                requestedAt,
                ledgerIndex,
                status,
                overdue,
                evidence,
                List.of(),
                List.of(),
                history);
    }

    List<OscalAssessmentResults.Request> requests() {
        ExportBag.Evidence first = sample.evidence.getFirst();
        Instant t = Instant.parse("2026-11-27T09:40:00Z");
        OscalAssessmentResults.Step answered = step("ANSWERED", "as published", "liaison", t.plusSeconds(60), 21);
        return List.of(
                request(
                        "r-open",
                        "Firewall logs of the week",
                        List.of("CC7.2"),
                        LocalDate.parse("2026-11-26"),
                        "auditor",
                        t,
                        20,
                        "OPEN",
                        true,
                        List.of(),
                        List.of()),
                request(
                        "r-answered",
                        "The access review policy",
                        List.of("CC6.2", "A.5.18"),
                        null,
                        "auditor",
                        t,
                        22,
                        "ANSWERED",
                        false,
                        List.of(first.id()),
                        List.of(answered)),
                request(
                        "r-declined",
                        "Personnel files",
                        List.of(),
                        null,
                        "auditor",
                        t,
                        23,
                        "DECLINED",
                        false,
                        List.of(),
                        List.of(step("DECLINED", "out of scope", "commander", t.plusSeconds(90), 24))),
                request(
                        "r-accepted",
                        "Incident response plan",
                        List.of("CC7.3"),
                        LocalDate.parse("2026-11-26"),
                        "auditor",
                        t,
                        25,
                        "ACCEPTED",
                        false,
                        List.of(first.id(), "not-in-the-bag"),
                        List.of(answered, step("ACCEPTED", "", "auditor", t.plusSeconds(120), 27))),
                request(
                        "r-reopened",
                        "Access review records",
                        List.of("CC6.2"),
                        null,
                        "auditor",
                        t,
                        28,
                        "OPEN",
                        false,
                        List.of(),
                        List.of(
                                answered,
                                step("REOPENED", "the policy is not the review", "auditor", t.plusSeconds(180), 30))));
    }

    JsonNode documentWithRequests() {
        List<OscalAssessmentResults.Item> items = new ArrayList<>();
        sample.evidence.forEach(
                e -> items.add(new OscalAssessmentResults.Item(e, Instant.parse("2026-11-27T09:30:00Z"))));
        Checkpoint cp = Checkpoint.parse(sample.checkpoint.substring(0, sample.checkpoint.indexOf("\n\n") + 1));
        return SampleBag.JSON.readTree(OscalAssessmentResults.of(
                SampleBag.INCIDENT, cp, Instant.parse("2026-11-27T10:00:00.123Z"), items, requests()));
    }

    @Test
    void requestsInEveryStateValidateAsObservationsNamingTheirControls() {
        JsonNode doc = documentWithRequests();
        assertThat(errors(doc)).isEmpty();
        JsonNode result = doc.path("assessment-results").path("results").path(0);
        List<JsonNode> requests = new ArrayList<>();
        for (JsonNode o : result.path("observations")) {
            if (!prop(o, "evidence-request-id").isEmpty()) {
                requests.add(o);
            }
        }
        assertThat(requests).hasSize(5);
        assertThat(requests.stream().map(o -> prop(o, "request-status").getFirst()))
                .containsExactly("OPEN", "ANSWERED", "DECLINED", "ACCEPTED", "OPEN");
        assertThat(prop(requests.get(0), "overdue")).containsExactly("true");
        assertThat(prop(requests.get(0), "due-date")).containsExactly("2026-11-26");
        assertThat(prop(requests.get(1), "control-id")).containsExactly("cc6.2", "a.5.18");
        assertThat(requests.get(1).path("description").asString())
                .startsWith(
                        "auditor asked for evidence at 2026-11-27T09:40:00Z (ledger entry #22): The access review policy")
                .contains("Controls: CC6.2, A.5.18.");
        // the controls requests name are reviewed controls too, beside the CC7 criteria
        List<String> reviewed = reviewed(result);
        assertThat(reviewed).containsExactly("cc7.2", "cc7.3", "cc7.4", "cc7.5", "cc6.2", "a.5.18");
        // an answer's items point at the same back-matter resources as the items' own observations
        ExportBag.Evidence first = sample.evidence.getFirst();
        String href =
                requests.get(1).path("relevant-evidence").path(0).path("href").asString();
        JsonNode own = result.path("observations").path(0);
        assertThat(prop(own, "evidence-id")).containsExactly(first.id());
        assertThat(href)
                .isEqualTo(own.path("relevant-evidence").path(0).path("href").asString());
        JsonNode accepted = requests.get(3).path("relevant-evidence");
        assertThat(accepted).hasSize(2);
        assertThat(accepted.path(1).has("href")).isFalse();
        assertThat(accepted.path(1).path("description").asString()).contains("not in this bag");
        // declined and reopened requests link nothing; their steps are in the remarks
        assertThat(requests.get(2).has("relevant-evidence")).isFalse();
        assertThat(requests.get(4).has("relevant-evidence")).isFalse();
        assertThat(requests.get(2).path("remarks").asString())
                .contains("DECLINED by commander")
                .contains("out of scope");
        assertThat(requests.get(4).path("remarks").asString())
                .contains("ANSWERED by liaison at 2026-11-27T09:41:00Z (entry #21): as published")
                .contains("REOPENED by auditor at 2026-11-27T09:43:00Z (entry #30): the policy is not the review");
        assertThat(requests.get(4).path("collected").asString()).isEqualTo("2026-11-27T09:43:00Z");
        assertThat(requests.stream().map(o -> o.path("uuid").asString()).distinct())
                .hasSize(5);
    }

    /**
     * An answer of a change and ledger entries (docs/contracts.md §5.1): the observation names them,
     * as the audit-continuity report does, in its description, props, relevant evidence and remarks.
     */
    @Test
    void anAnswerOfAChangeAndEntriesNamesThem() {
        Instant t = Instant.parse("2026-11-27T09:40:00Z");
        OscalAssessmentResults.Step items = step("ANSWERED", "the policy", "liaison", t.plusSeconds(60), 21);
        OscalAssessmentResults.Step reopened = step("REOPENED", "not the review", "auditor", t.plusSeconds(90), 22);
        OscalAssessmentResults.Step answered = new OscalAssessmentResults.Step(
                "ANSWERED",
                "the revocation and its approvals",
                "liaison",
                t.plusSeconds(120),
                40,
                List.of("change-1"),
                List.of(35L, 36L));
        OscalAssessmentResults.Request r = new OscalAssessmentResults.Request(
                "r-change",
                "Access review before and after containment",
                List.of("CC6.3"),
                null,
                "auditor",
                t,
                20,
                "ANSWERED",
                false,
                List.of(),
                List.of("change-1"),
                List.of(35L, 36L),
                List.of(items, reopened, answered));
        Checkpoint cp = Checkpoint.parse(sample.checkpoint.substring(0, sample.checkpoint.indexOf("\n\n") + 1));
        JsonNode doc = SampleBag.JSON.readTree(OscalAssessmentResults.of(
                SampleBag.INCIDENT, cp, Instant.parse("2026-11-27T10:00:00Z"), List.of(), List.of(r)));
        assertThat(errors(doc)).isEmpty();
        JsonNode o = firstObservation(doc);
        assertThat(prop(o, "change-id")).containsExactly("change-1");
        assertThat(prop(o, "entry-index")).containsExactly("35", "36");
        assertThat(o.path("description").asString())
                .contains("The standing answer links change change-1, entry #35, entry #36.");
        List<String> relevant = new ArrayList<>();
        o.path("relevant-evidence")
                .forEach(e -> relevant.add(e.path("description").asString()));
        assertThat(relevant)
                .containsExactly(
                        "Change change-1, linked by the answer: its ledger entries are in data/ledger/entries.jsonl",
                        "Ledger entry #35 in data/ledger/entries.jsonl, with its inclusion proof in"
                                + " data/ledger/proofs.jsonl, linked by the answer",
                        "Ledger entry #36 in data/ledger/entries.jsonl, with its inclusion proof in"
                                + " data/ledger/proofs.jsonl, linked by the answer");
        assertThat(o.path("remarks").asString())
                .contains("ANSWERED by liaison at 2026-11-27T09:41:00Z (entry #21): the policy")
                .contains("ANSWERED by liaison at 2026-11-27T09:42:00Z (entry #40) with change change-1, entry #35,"
                        + " entry #36: the revocation and its approvals");
    }

    /**
     * An item counsel pulled back to FORENSIC (ADR 104) is not in the bag, but the document discloses
     * it: an observation naming the item, the move and its reason, and what had been exposed while it
     * was AUDIT (each read of its content and each bag that carried it, by their entries).
     */
    @Test
    void anItemPulledBackIsDisclosedWithWhatItExposed() {
        OscalAssessmentResults.PulledBack moved = new OscalAssessmentResults.PulledBack(
                "item-9",
                "breach-analysis-draft.md",
                "ab".repeat(32),
                63,
                65,
                "counsel",
                Instant.parse("2026-11-27T09:50:00Z"),
                "privileged draft filed to AUDIT by mistake",
                List.of(new OscalAssessmentResults.Exposure(64, "auditor")),
                List.of());
        Checkpoint cp = Checkpoint.parse(sample.checkpoint.substring(0, sample.checkpoint.indexOf("\n\n") + 1));
        JsonNode doc = SampleBag.JSON.readTree(OscalAssessmentResults.of(
                SampleBag.INCIDENT,
                cp,
                Instant.parse("2026-11-27T10:00:00Z"),
                List.of(),
                List.of(),
                OscalAssessmentResults.ChangeControl.NONE,
                List.of(moved)));
        assertThat(errors(doc)).isEmpty();
        JsonNode o = firstObservation(doc);
        assertThat(o.path("title").asString()).isEqualTo("Pulled back to FORENSIC: breach-analysis-draft.md");
        assertThat(prop(o, "pulled-back-evidence-id")).containsExactly("item-9");
        assertThat(prop(o, "pulled-back-index")).containsExactly("65");
        assertThat(prop(o, "exposed-read-index")).containsExactly("64");
        assertThat(prop(o, "exposed-export-index")).isEmpty();
        assertThat(o.path("description").asString())
                .contains("recorded as AUDIT evidence at entry #63")
                .contains("pulled back to FORENSIC by counsel at 2026-11-27T09:50:00Z (entry #65)")
                .contains("privileged draft filed to AUDIT by mistake.\nIt is no longer auditor evidence")
                .contains("not in this bag")
                .contains("its content was read once (by auditor, entry #64) and went out in no export bag");
        assertThat(o.path("collected").asString()).isEqualTo("2026-11-27T09:50:00Z");
    }

    static JsonNode firstObservation(JsonNode doc) {
        return doc.path("assessment-results")
                .path("results")
                .path(0)
                .path("observations")
                .path(0);
    }

    /** The control ids the result's reviewed controls include. */
    static List<String> reviewed(JsonNode result) {
        List<String> out = new ArrayList<>();
        result.path("reviewed-controls")
                .path("control-selections")
                .path(0)
                .path("include-controls")
                .forEach(c -> out.add(c.path("control-id").asString()));
        return out;
    }

    static List<String> prop(JsonNode o, String name) {
        List<String> out = new ArrayList<>();
        o.path("props").forEach(p -> {
            if (p.path("name").asString().equals(name)) {
                out.add(p.path("value").asString());
            }
        });
        return out;
    }

    @Test
    void theSameBagGetsTheSameUuids() {
        assertThat(document(sample.evidence).path("assessment-results").path("uuid"))
                .isEqualTo(document(sample.evidence).path("assessment-results").path("uuid"));
        assertThat(OscalAssessmentResults.uuid("x").version()).isEqualTo(5);
    }

    /**
     * The liaison's finding 12: the report's retests and CC8.1 lines reach the OSCAL document: each
     * retest an observation of its control, each CC8.1 line an observation, each change-management
     * exception also a finding on objective cc8.1 related to its observation; valid against NIST's
     * schema.
     */
    /** A retest the register's later test closed is told as done, as the report's "Retest" column tells it. */
    @Test
    void aRetestDoneSaysWhenAndByWhomAndStaysValid() {
        Checkpoint cp = Checkpoint.parse(sample.checkpoint.substring(0, sample.checkpoint.indexOf("\n\n") + 1));
        var cc = new OscalAssessmentResults.ChangeControl(
                List.of(new OscalAssessmentResults.Retest(
                        "CC6.3",
                        "PermissionSet:Integration_Full_Access",
                        java.time.LocalDate.parse("2026-09-22"),
                        "Audrey Blake",
                        "c1",
                        "Revoke View All Data",
                        Instant.parse("2026-12-01T09:10:00Z"),
                        "the change modified PermissionSet:Integration_Full_Access#ViewAllData",
                        List.of(3L, 7L),
                        java.time.LocalDate.parse("2026-12-06"),
                        "Robin Kim")),
                List.of());
        JsonNode doc = SampleBag.JSON.readTree(OscalAssessmentResults.of(
                SampleBag.INCIDENT, cp, Instant.parse("2026-12-07T10:00:00Z"), List.of(), List.of(), cc));
        assertThat(errors(doc)).isEmpty();
        JsonNode retest = doc.path("assessment-results")
                .path("results")
                .path(0)
                .path("observations")
                .path(0);
        assertThat(prop(retest, "retest-status")).containsExactly("done");
        assertThat(prop(retest, "retested-on")).containsExactly("2026-12-06");
        assertThat(prop(retest, "retested-by")).containsExactly("Robin Kim");
        assertThat(retest.path("description").asString()).endsWith("The test was redone on 2026-12-06 by Robin Kim.");
    }

    @Test
    void retestsAndCc81ExceptionsAreObservationsAndTheExceptionsFindings() {
        Checkpoint cp = Checkpoint.parse(sample.checkpoint.substring(0, sample.checkpoint.indexOf("\n\n") + 1));
        String exception = "CC8.1 change-management exception: emergency change c1 \"Remove AuthorApex\" ran"
                + " 2026-12-01 09:10 UTC before its approvals and was not approved within the 24-hour window recorded"
                + " with its request (2026-12-02 09:10 UTC)";
        String segregation =
                "CC8.1 segregation-of-duties observation: ian approved change c2 \"Tidy\" and carried it out";
        var cc = new OscalAssessmentResults.ChangeControl(
                List.of(new OscalAssessmentResults.Retest(
                        "CC6.1",
                        "Profile:Admin",
                        java.time.LocalDate.parse("2026-09-15"),
                        "Audrey Blake",
                        "c1",
                        "Remove AuthorApex",
                        Instant.parse("2026-12-01T09:10:00Z"),
                        "the change modified Profile:Admin#AuthorApex",
                        List.of(3L, 7L, 9L),
                        null,
                        null)),
                List.of(
                        new OscalAssessmentResults.ChangeControlLine(exception, true, List.of(7L, 9L)),
                        new OscalAssessmentResults.ChangeControlLine(segregation, false, List.of(11L, 12L))));
        JsonNode doc = SampleBag.JSON.readTree(OscalAssessmentResults.of(
                SampleBag.INCIDENT, cp, Instant.parse("2026-12-03T10:00:00Z"), List.of(), List.of(), cc));
        assertThat(errors(doc)).isEmpty();
        JsonNode result = doc.path("assessment-results").path("results").path(0);
        JsonNode observations = result.path("observations");
        assertThat(observations).hasSize(3);
        JsonNode retest = observations.path(0);
        assertThat(retest.path("title").asString()).isEqualTo("Retest: CC6.1 on Profile:Admin after change c1");
        assertThat(retest.path("description").asString())
                .contains("tested on Profile:Admin on 2026-09-15 by Audrey Blake")
                .contains("the change modified Profile:Admin#AuthorApex");
        assertThat(prop(retest, "control-id")).containsExactly("cc6.1");
        assertThat(prop(retest, "ledger-index")).containsExactly("3", "7", "9");
        assertThat(prop(retest, "retest-status")).containsExactly("outstanding");
        assertThat(prop(retest, "retested-on")).isEmpty();
        assertThat(retest.path("description").asString()).endsWith("The test is to be redone.");
        assertThat(retest.path("types").path(0).asString()).isEqualTo("control-objective");
        assertThat(retest.path("collected").asString()).isEqualTo("2026-12-01T09:10:00Z");
        JsonNode ex = observations.path(1);
        assertThat(ex.path("description").asString()).isEqualTo(exception + ".");
        assertThat(ex.path("types").path(0).asString()).isEqualTo("finding");
        assertThat(prop(ex, "change-management-exception")).containsExactly("true");
        JsonNode sod = observations.path(2);
        assertThat(sod.path("title").asString()).isEqualTo("CC8.1 segregation-of-duties observation");
        assertThat(prop(sod, "change-management-exception")).containsExactly("false");
        // one finding, the exception's, on objective cc8.1, related to its observation
        JsonNode findings = result.path("findings");
        assertThat(findings).hasSize(1);
        JsonNode f = findings.path(0);
        assertThat(f.path("target").path("target-id").asString()).isEqualTo("cc8.1");
        assertThat(f.path("target").path("type").asString()).isEqualTo("objective-id");
        assertThat(f.path("target").path("status").path("state").asString()).isEqualTo("not-satisfied");
        assertThat(f.path("related-observations")
                        .path(0)
                        .path("observation-uuid")
                        .asString())
                .isEqualTo(ex.path("uuid").asString());
        assertThat(prop(f, "ledger-index")).containsExactly("7", "9");
        // the criteria they speak to are reviewed
        List<String> reviewed = reviewed(result);
        assertThat(reviewed).contains("cc6.1", "cc8.1");
        // without change control's part, neither observations nor findings of it
        JsonNode none = SampleBag.JSON.readTree(OscalAssessmentResults.of(
                SampleBag.INCIDENT, cp, Instant.parse("2026-12-03T10:00:00Z"), List.of(), List.of()));
        assertThat(none.path("assessment-results").path("results").path(0).has("findings"))
                .isFalse();
    }
}
