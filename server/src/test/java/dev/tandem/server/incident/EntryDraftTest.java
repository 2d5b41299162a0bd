package dev.tandem.server.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.server.DomainException;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** A person's timeline entry checked field by field, without Spring: each refusal names its field. */
class EntryDraftTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static EntryDraft parse(String json) {
        return EntryDraft.parse(JSON.readTree(json));
    }

    private static void refused(String json, String field) {
        assertThatThrownBy(() -> parse(json)).isInstanceOfSatisfying(DomainException.class, e -> {
            assertThat(e.kind()).isEqualTo(DomainException.Kind.UNPROCESSABLE_CONTENT);
            assertThat(e.getMessage()).startsWith(field + ":");
        });
    }

    @Test
    void readsANoteWithItsThreeTimesAndDefaultsToExactPrecision() {
        EntryDraft d = parse("{\"kind\":\"NOTE\",\"text\":\"sync user disabled\","
                + "\"eventAt\":\"2026-11-26T09:00:00+01:00\",\"discoveredAt\":\"2026-11-26T09:30:00Z\"}");
        assertThat(d.kind()).isEqualTo(EntryKind.NOTE);
        assertThat(d.eventAt()).isEqualTo(Instant.parse("2026-11-26T08:00:00Z"));
        assertThat(d.eventPrecision()).isEqualTo(Precision.EXACT);
        assertThat(d.privileged()).isFalse();
        assertThat(parse("{\"kind\":\"NOTE\",\"text\":\"x\"}").eventPrecision()).isNull();
    }

    @Test
    void refusesTimesWithoutAnOffset() {
        refused("{\"kind\":\"NOTE\",\"text\":\"x\",\"eventAt\":\"2026-11-26T09:00:00\"}", "eventAt");
        refused("{\"kind\":\"NOTE\",\"text\":\"x\",\"discoveredAt\":\"2026-11-26\"}", "discoveredAt");
    }

    @Test
    void refusesAnEventAfterItsDiscovery() {
        refused(
                "{\"kind\":\"NOTE\",\"text\":\"x\",\"eventAt\":\"2026-11-26T10:00:00Z\","
                        + "\"discoveredAt\":\"2026-11-26T09:00:00Z\"}",
                "eventAt");
    }

    @Test
    void refusesOversizedMissingTextAndUnknownKindOrPrecision() {
        refused("{\"kind\":\"NOTE\",\"text\":\"" + "x".repeat(EntryDraft.MAX_TEXT + 1) + "\"}", "text");
        assertThat(parse("{\"kind\":\"NOTE\",\"text\":\"" + "x".repeat(EntryDraft.MAX_TEXT) + "\"}")
                        .text())
                .hasSize(EntryDraft.MAX_TEXT);
        refused("{\"kind\":\"NOTE\"}", "text");
        refused("{\"kind\":\"RUMOUR\",\"text\":\"x\"}", "kind");
        refused(
                "{\"kind\":\"NOTE\",\"text\":\"x\",\"eventAt\":\"2026-11-26T10:00:00Z\",\"eventPrecision\":\"WEEK\"}",
                "eventPrecision");
        refused("{\"kind\":\"NOTE\",\"text\":\"x\",\"eventPrecision\":\"DAY\"}", "eventPrecision");
        refused("{\"kind\":\"NOTE\",\"text\":\"x\",\"privileged\":\"yes\"}", "privileged");
    }

    @Test
    void correctsIsRequiredForACorrectionAndOnlyForIt() {
        refused("{\"kind\":\"CORRECTION\",\"text\":\"x\"}", "corrects");
        refused("{\"kind\":\"NOTE\",\"text\":\"x\",\"corrects\":3}", "corrects");
        refused("{\"kind\":\"CORRECTION\",\"text\":\"x\",\"corrects\":\"3\"}", "corrects");
        assertThat(parse("{\"kind\":\"CORRECTION\",\"text\":\"x\",\"corrects\":3}")
                        .corrects())
                .isEqualTo(3L);
    }
}
