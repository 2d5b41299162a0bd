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

    /** Values JSON can write but no store keeps: refused naming the field and the range taken. */
    @Test
    void refusesAnIndexOrATimeOutsideTheRangeTaken() {
        assertThatThrownBy(
                        () -> parse("{\"kind\":\"CORRECTION\",\"text\":\"x\",\"corrects\":99999999999999999999999999}"))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.kind()).isEqualTo(DomainException.Kind.UNPROCESSABLE_CONTENT);
                    assertThat(e.code()).isEqualTo("bad-corrects");
                    assertThat(e.getMessage())
                            .isEqualTo("corrects: must be the ledger index of an entry, a whole number from 0 to"
                                    + " 9223372036854775807, got 99999999999999999999999999");
                });
        refused("{\"kind\":\"NOTE\",\"text\":\"x\",\"corrects\":99999999999999999999999999}", "corrects");
        refused("{\"kind\":\"CORRECTION\",\"text\":\"x\",\"corrects\":-1}", "corrects");
        assertThat(parse("{\"kind\":\"CORRECTION\",\"text\":\"x\",\"corrects\":9223372036854775807}")
                        .corrects())
                .isEqualTo(Long.MAX_VALUE);
        for (String t :
                new String[] {"-999999999-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z", "0000-12-31T23:59:59Z"}) {
            for (String field : new String[] {"eventAt", "discoveredAt"}) {
                assertThatThrownBy(() -> parse("{\"kind\":\"NOTE\",\"text\":\"x\",\"" + field + "\":\"" + t + "\"}"))
                        .isInstanceOfSatisfying(DomainException.class, e -> {
                            assertThat(e.code()).isEqualTo("bad-time");
                            assertThat(e.getMessage())
                                    .isEqualTo(field + ": must be between 0001-01-01T00:00:00Z and"
                                            + " 9999-12-31T23:59:59Z, got " + t);
                        });
            }
        }
        // the ends themselves, with their offsets
        assertThat(parse("{\"kind\":\"NOTE\",\"text\":\"x\",\"eventAt\":\"0001-01-01T01:00:00+01:00\"}")
                        .eventAt())
                .isEqualTo(Instant.parse("0001-01-01T00:00:00Z"));
        assertThat(parse("{\"kind\":\"NOTE\",\"text\":\"x\",\"discoveredAt\":\"9999-12-31T23:59:59Z\"}")
                        .discoveredAt())
                .isEqualTo(Instant.parse("9999-12-31T23:59:59Z"));
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
