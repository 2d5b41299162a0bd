package dev.tandem.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.tandem.ledger.Checkpoint;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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

    @Test
    void theSameBagGetsTheSameUuids() {
        assertThat(document(sample.evidence).path("assessment-results").path("uuid"))
                .isEqualTo(document(sample.evidence).path("assessment-results").path("uuid"));
        assertThat(OscalAssessmentResults.uuid("x").version()).isEqualTo(5);
    }
}
