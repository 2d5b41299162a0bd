package dev.tandem.server.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.evidence.Repository;
import dev.tandem.server.DomainException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

/** The timeline's parameters, filters and orders, without Spring or a database. */
class TimelineQueryTest {

    private static Timeline.Entry entry(
            long index, String type, String at, @Nullable String kind, @Nullable String eventAt, boolean privileged) {
        return new Timeline.Entry(
                index,
                type,
                at,
                index % 2 == 0 ? "ada" : "rafael",
                JsonNodeFactory.instance.objectNode(),
                privileged,
                null,
                kind,
                eventAt,
                eventAt == null ? null : "EXACT",
                null,
                null,
                null,
                "words");
    }

    private static final List<Timeline.Entry> ENTRIES = List.of(
            entry(1, "incident.opened", "2026-11-26T08:00:00.000Z", null, null, false),
            entry(2, "evidence.added", "2026-11-26T09:00:00.000Z", null, null, true),
            entry(3, "timeline.entry", "2026-11-26T10:00:00.000Z", "NOTE", "2026-11-25T07:00:00Z", false),
            entry(4, "timeline.entry", "2026-11-26T11:00:00.000Z", "DECISION", null, false));

    private static List<Long> indices(TimelineQuery q) {
        List<Long> out = new ArrayList<>();
        Timeline.filterAndOrder(ENTRIES, q).forEach(e -> out.add(e.index()));
        return out;
    }

    @Test
    void ordersByTheClaimedTimeAndPutsEntriesWithoutOneByTheirAt() {
        assertThat(indices(TimelineQuery.ALL)).containsExactly(1L, 2L, 3L, 4L);
        assertThat(indices(TimelineQuery.parse("eventAt", null, null, null, null, null)))
                .containsExactly(3L, 1L, 2L, 4L);
    }

    @Test
    void filtersByKindOrTypeActorRangeAndRepository() {
        assertThat(indices(TimelineQuery.parse(null, List.of("NOTE,evidence.added"), null, null, null, null)))
                .containsExactly(2L, 3L);
        assertThat(indices(TimelineQuery.parse(null, List.of("DECISION"), null, null, null, null)))
                .containsExactly(4L);
        assertThat(indices(TimelineQuery.parse(null, null, "rafael", null, null, null)))
                .containsExactly(1L, 3L);
        assertThat(indices(TimelineQuery.parse(
                        null, null, null, "2026-11-26T09:00:00Z", "2026-11-26T11:00:00+00:00", null)))
                .containsExactly(2L, 3L);
        assertThat(indices(TimelineQuery.parse(null, null, null, null, null, "FORENSIC")))
                .containsExactly(2L);
        assertThat(TimelineQuery.parse(null, null, null, null, null, "AUDIT").repository())
                .isEqualTo(Repository.AUDIT);
        // an unencoded + in a query string arrives as a space
        assertThat(TimelineQuery.parse(null, null, null, "2026-11-26T10:00:00 01:00", null, null)
                        .since())
                .hasToString("2026-11-26T09:00:00Z");
    }

    @Test
    void refusesBadParametersNamingThem() {
        bad(() -> TimelineQuery.parse("when", null, null, null, null, null), "order");
        bad(() -> TimelineQuery.parse(null, List.of("RUMOUR"), null, null, null, null), "kind");
        bad(() -> TimelineQuery.parse(null, null, null, "2026-11-26T09:00:00", null, null), "since");
        bad(() -> TimelineQuery.parse(null, null, null, null, "yesterday", null), "until");
        bad(() -> TimelineQuery.parse(null, null, null, "2026-11-26T09:00:00Z", "2026-11-26T09:00:00Z", null), "until");
        bad(() -> TimelineQuery.parse(null, null, null, null, null, "PUBLIC"), "repository");
    }

    private static void bad(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String parameter) {
        assertThatThrownBy(call).isInstanceOfSatisfying(DomainException.class, e -> {
            assertThat(e.kind()).isEqualTo(DomainException.Kind.BAD_REQUEST);
            assertThat(e.getMessage()).startsWith(parameter + ":");
        });
    }
}
