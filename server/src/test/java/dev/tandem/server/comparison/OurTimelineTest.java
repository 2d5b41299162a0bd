package dev.tandem.server.comparison;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.timeline.Ours;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Which entries give events, in which words and at which time: without Spring. */
class OurTimelineTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant AT = Instant.parse("2026-11-26T12:00:00Z");

    private static List<Ours> describe(String type, String body) {
        JsonNode b = JSON.readTree(body);
        return OurTimeline.describe(7, type, AT, "alice", b);
    }

    @Test
    void aPersonsEntryIsItsTextAtItsEventTimeWithItsPrecision() {
        List<Ours> e = describe(
                "timeline.entry",
                "{\"kind\":\"EXTERNAL_EVENT\",\"text\":\"Regulator called\",\"eventAt\":\"2026-11-26T09:00:00+01:00\","
                        + "\"eventPrecision\":\"HOUR\"}");
        assertThat(e).singleElement().satisfies(o -> {
            assertThat(o.description()).isEqualTo("Regulator called");
            assertThat(o.at()).isEqualTo(Instant.parse("2026-11-26T08:00:00Z"));
            assertThat(o.precision()).isEqualTo(Duration.ofHours(1));
            assertThat(o.source()).isEqualTo("alice");
            assertThat(o.ledgerIndex()).isEqualTo(7);
        });
        // without eventAt: when it was recorded
        assertThat(describe("timeline.entry", "{\"kind\":\"NOTE\",\"text\":\"x\"}")
                        .getFirst()
                        .at())
                .isEqualTo(AT);
    }

    @Test
    void aCorrectionIsNotAnEvent() {
        assertThat(describe("timeline.entry", "{\"kind\":\"CORRECTION\",\"text\":\"it was 9:10\",\"corrects\":3}"))
                .isEmpty();
    }

    @Test
    void anIncidentOpenedGivesTheOpeningAndTheMomentOfAwareness() {
        List<Ours> e =
                describe("incident.opened", "{\"title\":\"Checkout leak\",\"awareAt\":\"2026-11-26T07:00:00Z\"}");
        assertThat(e)
                .extracting(Ours::description)
                .containsExactly("Incident opened: Checkout leak", "Became aware of the incident: Checkout leak");
        assertThat(e.get(1).at()).isEqualTo(Instant.parse("2026-11-26T07:00:00Z"));
    }

    @Test
    void lifecycleAndSystemEntriesAreDescribedInWords() {
        assertThat(describe("incident.phase-changed", "{\"phase\":\"RESPOND\",\"previous\":\"DETECT\"}")
                        .getFirst()
                        .description())
                .isEqualTo("Phase changed to respond from detect");
        assertThat(describe("incident.contained", "{\"at\":\"2026-11-26T10:00:00Z\",\"text\":\"token revoked\"}")
                        .getFirst()
                        .at())
                .isEqualTo(Instant.parse("2026-11-26T10:00:00Z"));
        assertThat(describe(
                                "evidence.added",
                                "{\"name\":\"fw.log\",\"kind\":\"LOG\",\"description\":\"edge proxy\","
                                        + "\"collectedAt\":\"2026-11-26T09:00:00Z\"}")
                        .getFirst())
                .satisfies(o -> {
                    assertThat(o.description()).isEqualTo("Evidence added: fw.log (log): edge proxy");
                    assertThat(o.at()).isEqualTo(Instant.parse("2026-11-26T09:00:00Z"));
                });
        assertThat(describe("analysis.completed", "{\"findings\":4}").getFirst().description())
                .isEqualTo("Leak analysis completed: 4 findings");
        assertThat(describe("notice.sent", "{\"notice\":\"gdpr-art33\",\"jurisdiction\":\"EU\"}"))
                .hasSize(1);
        assertThat(describe("obligation.status-changed", "{\"to\":\"FILED\",\"rule\":\"r\",\"recipient\":\"SA\"}"))
                .hasSize(1);
        assertThat(describe("obligation.status-changed", "{\"to\":\"NOT_REQUIRED\"}"))
                .isEmpty();
        assertThat(describe("evidence.read", "{}")).isEmpty();
        assertThat(describe("timeline.compared", "{}")).isEmpty();
    }
}
