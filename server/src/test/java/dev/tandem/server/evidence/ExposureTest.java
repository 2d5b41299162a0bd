package dev.tandem.server.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.ledger.LedgerEntry;
import dev.tandem.server.DomainException;
import dev.tandem.server.ledger.fact.EvidencePulledBack;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** What an AUDIT item had exposed before counsel pulled it back, drawn from entries alone. */
class ExposureTest {
    private static final Instant T = Instant.parse("2026-11-26T08:00:00.120Z");

    private static Exposure.Indexed entry(long index, String type, String actor, ObjectNode body) {
        return new Exposure.Indexed(index, new LedgerEntry(type, "inc", actor, T.plusSeconds(index), body));
    }

    private static ObjectNode body() {
        return JsonNodeFactory.instance.objectNode();
    }

    @Test
    void namesEachReadAndEachExportOfTheItemAndNothingElse() {
        ObjectNode export = body().put("treeSize", 9);
        export.putArray("evidence").add("other").add("e-1");
        ObjectNode otherExport = body().put("treeSize", 4);
        otherExport.putArray("evidence").add("other");
        List<Exposure.Indexed> entries = List.of(
                entry(2, "evidence.added", "ic", body().put("evidence", "e-1").put("repository", "AUDIT")),
                entry(
                        3,
                        "evidence.read",
                        "auditor",
                        body().put("evidence", "e-1").put("sha256", "ab")),
                entry(
                        4,
                        "evidence.read",
                        "auditor",
                        body().put("evidence", "other").put("sha256", "cd")),
                entry(5, "incident.exported", "ic", otherExport),
                // a privileged read is a commitment: never the read of an AUDIT item
                entry(
                        6,
                        "evidence.read",
                        "legal",
                        body().put("repository", "FORENSIC").put("commitment", "ef")),
                entry(9, "incident.exported", "liaison", export),
                entry(
                        10,
                        "evidence.read",
                        "responder",
                        body().put("evidence", "e-1").put("sha256", "ab")));
        Exposure e = Exposure.of("e-1", entries);
        assertThat(e.reads())
                .containsExactly(
                        new EvidencePulledBack.Read(3, "auditor", "2026-11-26T08:00:03.120Z"),
                        new EvidencePulledBack.Read(10, "responder", "2026-11-26T08:00:10.120Z"));
        assertThat(e.exports())
                .containsExactly(new EvidencePulledBack.Export(9, "liaison", "2026-11-26T08:00:09.120Z", 9));
        assertThat(e.none()).isFalse();
        assertThat(Exposure.of("never-read", entries).none()).isTrue();
    }

    @Test
    void theEntryCarriesTheMoveTheReasonAndTheExposureInTheClear() {
        EvidencePulledBack fact = new EvidencePulledBack(
                "inc",
                "e-1",
                "ab",
                "counsel's memo",
                List.of(new EvidencePulledBack.Read(3, "auditor", "2026-11-26T08:00:03.120Z")),
                List.of(new EvidencePulledBack.Export(9, "liaison", "2026-11-26T08:00:09.120Z", 9)));
        assertThat(fact.privileged()).isFalse();
        assertThat(fact.type()).isEqualTo("evidence.pulled-back");
        assertThat(fact.body().toString())
                .isEqualTo("{\"evidence\":\"e-1\",\"sha256\":\"ab\",\"from\":\"AUDIT\",\"to\":\"FORENSIC\","
                        + "\"reason\":\"counsel's memo\",\"reads\":[{\"index\":3,\"actor\":\"auditor\","
                        + "\"at\":\"2026-11-26T08:00:03.120Z\"}],\"exports\":[{\"index\":9,\"actor\":\"liaison\","
                        + "\"at\":\"2026-11-26T08:00:09.120Z\",\"treeSize\":9}]}");
    }

    @Test
    void theReasonIsRequiredBoundedAndFreeOfControlCharacters() {
        assertThat(PullBacks.reason("  filed by mistake \n")).isEqualTo("filed by mistake");
        assertThatThrownBy(() -> PullBacks.reason(null))
                .isInstanceOf(DomainException.class)
                .hasMessageStartingWith("reason: ");
        assertThatThrownBy(() -> PullBacks.reason("   "))
                .isInstanceOf(DomainException.class)
                .extracting(e -> ((DomainException) e).code())
                .isEqualTo("missing-reason");
        assertThatThrownBy(() -> PullBacks.reason("x".repeat(PullBacks.MAX_REASON + 1)))
                .isInstanceOf(DomainException.class)
                .hasMessageContaining("at most " + PullBacks.MAX_REASON);
        assertThatThrownBy(() -> PullBacks.reason("a\u0000b"))
                .isInstanceOf(DomainException.class)
                .hasMessageContaining("U+0000")
                .hasMessageContaining("character 2");
    }
}
