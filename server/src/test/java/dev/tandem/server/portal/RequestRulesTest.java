package dev.tandem.server.portal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.evidence.Repository;
import dev.tandem.server.DomainException;
import dev.tandem.server.portal.RequestRules.Linked;
import dev.tandem.server.portal.RequestRules.Status;
import dev.tandem.server.portal.RequestRules.Step;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** Evidence requests' rules without Spring: what a request must say and which step follows which. */
class RequestRulesTest {
    static final LocalDate TODAY = LocalDate.of(2026, 11, 27);
    static final RequestRules.Found FOUND = new RequestRules.Found(
            Map.of(
                    "a1", new Linked("i", Repository.AUDIT),
                    "a2", new Linked("i", Repository.AUDIT),
                    "f1", new Linked("i", Repository.FORENSIC),
                    "x1", new Linked("other", Repository.AUDIT)),
            Map.of(
                    "c1", new RequestRules.LinkedChange("i", true),
                    "c2", new RequestRules.LinkedChange("i", true),
                    "cx", new RequestRules.LinkedChange("other", true),
                    "hidden", new RequestRules.LinkedChange("i", false)),
            Map.of(
                    3L, new RequestRules.LinkedEntry("i", true),
                    4L, new RequestRules.LinkedEntry("i", true),
                    5L, new RequestRules.LinkedEntry("i", false),
                    6L, new RequestRules.LinkedEntry("other", true),
                    7L, new RequestRules.LinkedEntry(null, true)),
            10);

    /** An answer of AUDIT items only. */
    private static List<String> items(Status status, String incident, @Nullable List<String> evidence) {
        return RequestRules.answer(status, incident, evidence, null, null, FOUND)
                .evidence();
    }

    private static String code(Runnable r) {
        try {
            r.run();
        } catch (DomainException e) {
            return e.code() + " " + e.getMessage();
        }
        throw new AssertionError("not refused");
    }

    @Test
    void aDraftIsStrippedAndItsControlsMadeCanonical() {
        RequestRules.Draft d = RequestRules.draft(
                "  access review of the integration user before and after containment ",
                "2026-12-01",
                List.of("CC6.3", " ", "CC6.1", "CC6.3"),
                TODAY);
        assertThat(d.text()).isEqualTo("access review of the integration user before and after containment");
        assertThat(d.due()).isEqualTo(LocalDate.of(2026, 12, 1));
        assertThat(d.controls()).containsExactly("CC6.3", "CC6.1");
        assertThat(RequestRules.draft("x", "", null, TODAY).due()).isNull();
        assertThat(RequestRules.controlList(" CC6.1, CC6.3 CC7.2,")).containsExactly("CC6.1", "CC6.3", "CC7.2");
    }

    /** docs/contracts.md §5.1: ids of the catalog in their canonical spelling, never mapped. */
    @Test
    void controlsAreKeptAsFiledInTheCatalogsSpellingAndA2013IsoIdIsNotMapped() {
        assertThat(RequestRules.draft("x", null, List.of("cc6.3", "5.26", "a.16.1.5", "A.5.26"), TODAY)
                        .controls())
                .containsExactly("CC6.3", "A.5.26", "A.16.1.5");
        assertThat(code(() -> RequestRules.draft("x", null, List.of("A.12.4.1"), TODAY)))
                .startsWith("bad-controls controls: unknown control id \"A.12.4.1\"");
    }

    @Test
    void aDraftNamesTheFieldAtFault() {
        assertThat(code(() -> RequestRules.draft(" ", null, null, TODAY)))
                .startsWith("bad-text text: say what evidence");
        assertThat(code(() -> RequestRules.draft("x".repeat(4001), null, null, TODAY)))
                .startsWith("bad-text text: at most 4000");
        assertThat(code(() -> RequestRules.draft("x", "1 Dec", null, TODAY)))
                .isEqualTo("bad-due due: a date as YYYY-MM-DD, got \"1 Dec\"");
        assertThat(code(() -> RequestRules.draft("x", "2026-11-26", null, TODAY)))
                .isEqualTo("bad-due due: 2026-11-26 is in the past (today is 2026-11-27)");
        assertThat(code(() -> RequestRules.draft("x", null, List.of("CC99.9"), TODAY)))
                .startsWith("bad-controls controls: ")
                .contains("CC99.9");
    }

    @Test
    void anAnswerLinksAuditItemsOfTheIncidentOnlyEachOnce() {
        assertThat(items(Status.OPEN, "i", List.of("a2", "a1", "a2"))).containsExactly("a2", "a1");
        assertThat(code(() -> items(Status.OPEN, "i", List.of("a1", "f1"))))
                .startsWith("forensic-evidence evidence: item f1 is FORENSIC (privileged)");
        assertThat(code(() -> items(Status.OPEN, "i", List.of("x1"))))
                .isEqualTo("bad-evidence evidence: no evidence item x1 in incident i");
        assertThat(code(() -> items(Status.OPEN, "i", List.of("nope"))))
                .isEqualTo("bad-evidence evidence: no evidence item nope in incident i");
        assertThat(code(() -> items(Status.OPEN, "i", List.of())))
                .startsWith("bad-evidence evidence: link at least one");
        assertThat(code(() -> items(Status.OPEN, "i", null))).startsWith("bad-evidence evidence: link at least one");
    }

    @Test
    void anAnswerLinksChangesAndPublicEntriesOfTheIncidentTheAuditorReads() {
        RequestRules.Answer a =
                RequestRules.answer(Status.OPEN, "i", List.of(), List.of("c2", "c1", "c2"), List.of(4L, 3L, 4L), FOUND);
        assertThat(a.evidence()).isEmpty();
        assertThat(a.changes()).containsExactly("c2", "c1");
        assertThat(a.entries()).containsExactly(4L, 3L);
        assertThat(RequestRules.answer(Status.OPEN, "i", List.of("a1"), List.of("c1"), List.of(3L), FOUND))
                .isEqualTo(new RequestRules.Answer(List.of("a1"), List.of("c1"), List.of(3L)));
        assertThat(code(() -> RequestRules.answer(Status.OPEN, "i", null, List.of("nope"), null, FOUND)))
                .isEqualTo("bad-changes changes: no change nope in incident i");
        assertThat(code(() -> RequestRules.answer(Status.OPEN, "i", null, List.of("cx"), null, FOUND)))
                .isEqualTo("bad-changes changes: no change cx in incident i");
        assertThat(code(() -> RequestRules.answer(Status.OPEN, "i", null, List.of("hidden"), null, FOUND)))
                .startsWith("change-not-visible changes: change hidden is not one the auditor may read");
        assertThat(code(() -> RequestRules.answer(Status.OPEN, "i", null, null, List.of(10L), FOUND)))
                .isEqualTo("bad-entries entries: entry #10 is outside the ledger (its entries are #0 to #9)");
        assertThat(code(() -> RequestRules.answer(Status.OPEN, "i", null, null, List.of(-1L), FOUND)))
                .startsWith("bad-entries entries: entry #-1 is outside the ledger");
        assertThat(code(() -> RequestRules.answer(Status.OPEN, "i", null, null, List.of(6L), FOUND)))
                .isEqualTo("bad-entries entries: entry #6 is not an entry of incident i");
        assertThat(code(() -> RequestRules.answer(Status.OPEN, "i", null, null, List.of(7L), FOUND)))
                .isEqualTo("bad-entries entries: entry #7 is not an entry of incident i");
        assertThat(code(() -> RequestRules.answer(Status.OPEN, "i", null, null, List.of(3L, 5L), FOUND)))
                .startsWith("privileged-entry entries: entry #5 is privileged");
        assertThat(code(() -> RequestRules.answer(Status.OPEN, "i", List.of(), List.of(), List.of(), FOUND)))
                .startsWith("bad-evidence evidence: link at least one AUDIT evidence item, change or ledger entry");
        List<Long> many = java.util.stream.LongStream.range(0, 51).boxed().toList();
        assertThat(code(() -> RequestRules.answer(Status.OPEN, "i", null, null, many, FOUND)))
                .isEqualTo("bad-entries entries: at most 50 entries, got 51");
    }

    @Test
    void thePagesEntriesAreIndexesWithOrWithoutTheirHash() {
        assertThat(RequestRules.entryList(" #41, 42  43,")).containsExactly(41L, 42L, 43L);
        assertThat(RequestRules.entryList(null)).isEmpty();
        assertThat(RequestRules.entryList("  ")).isEmpty();
        assertThat(code(() -> RequestRules.entryList("41, approvals")))
                .isEqualTo("bad-entries entries: ledger entry indexes (whole numbers such as 12 or #12), got"
                        + " \"approvals\"");
    }

    @Test
    void stepsFollowTheirOrderAndReasonsAreRequired() {
        // OPEN: answered or declined, never reviewed
        assertThat(code(() -> RequestRules.accept(Status.OPEN, ""))).startsWith("request-state ");
        assertThat(code(() -> RequestRules.reopen(Status.OPEN, "why"))).startsWith("request-state ");
        assertThat(code(() -> RequestRules.decline(Status.OPEN, " "))).startsWith("bad-reason reason: ");
        assertThat(RequestRules.decline(Status.OPEN, " not kept ")).isEqualTo("not kept");
        // ANSWERED or DECLINED: reviewed, not answered again
        for (Status s : List.of(Status.ANSWERED, Status.DECLINED)) {
            assertThat(code(() -> items(s, "i", List.of("a1"))))
                    .isEqualTo(
                            "request-state an evidence request that is " + s + " cannot be answered; that needs OPEN");
            assertThat(code(() -> RequestRules.decline(s, "no"))).startsWith("request-state ");
            assertThat(RequestRules.accept(s, null)).isEmpty();
            assertThat(code(() -> RequestRules.reopen(s, "")))
                    .startsWith("bad-reason reason: say what is still missing");
            assertThat(RequestRules.reopen(s, "the after review")).isEqualTo("the after review");
        }
        // ACCEPTED: closed
        assertThat(code(() -> RequestRules.reopen(Status.ACCEPTED, "more")))
                .isEqualTo("request-state an evidence request that is ACCEPTED cannot be reopened; that needs ANSWERED"
                        + " or DECLINED");
        assertThat(code(() -> RequestRules.note("n".repeat(2001)))).startsWith("bad-note note: at most 2000");
    }

    @Test
    void eachStepLeadsToItsStatusAndEntryType() {
        assertThat(Arrays.stream(Step.values()).map(RequestRules::after))
                .containsExactly(Status.OPEN, Status.ANSWERED, Status.DECLINED, Status.ACCEPTED, Status.OPEN);
        assertThat(Step.REOPENED.type()).isEqualTo("evidence-request.reopened");
    }

    @Test
    void onlyAnOpenRequestIsOverdueAndOnlyOnceItsDueDayHasEnded() {
        LocalDate due = LocalDate.of(2026, 12, 1);
        assertThat(RequestRules.overdue(Status.OPEN, due, due)).isFalse();
        assertThat(RequestRules.overdue(Status.OPEN, due, due.plusDays(1))).isTrue();
        assertThat(RequestRules.overdue(Status.OPEN, null, due.plusDays(9))).isFalse();
        for (Status s : List.of(Status.ANSWERED, Status.DECLINED, Status.ACCEPTED)) {
            assertThat(RequestRules.overdue(s, due, due.plusDays(9)))
                    .as(s.name())
                    .isFalse();
        }
    }
}
