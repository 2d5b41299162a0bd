package dev.tandem.server.regulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class LifecycleTest {
    static StoredObligation obligation(StoredObligation.Placement placement, Lifecycle.Status status) {
        Instant t = Instant.parse("2026-11-26T07:00:00Z");
        return new StoredObligation(
                "o-1",
                "i-1",
                "eu-gdpr-33-sa",
                "EU",
                "SUPERVISORY_AUTHORITY",
                "EU GDPR",
                t.plusSeconds(72 * 3600),
                "72 hours",
                "GDPR Art. 33(1), (3)",
                "PRIMARY",
                "REQUIRED",
                "{}",
                placement,
                0,
                status,
                null,
                status == Lifecycle.Status.FILED ? "e-1" : null,
                null,
                null,
                null,
                t,
                t,
                status == Lifecycle.Status.FILED ? t : null,
                false);
    }

    @Test
    void pendingMayBeFiledOrSetAside() {
        var o = obligation(StoredObligation.Placement.OWED, Lifecycle.Status.PENDING);
        assertThat(Lifecycle.check(o, Lifecycle.Status.FILED)).isInstanceOf(Lifecycle.Allowed.class);
        assertThat(Lifecycle.check(o, Lifecycle.Status.NOT_REQUIRED)).isInstanceOf(Lifecycle.Allowed.class);
        assertThat(Lifecycle.check(o, Lifecycle.Status.PENDING)).isInstanceOf(Lifecycle.Refused.class);
    }

    @Test
    void notRequiredMayBeReopenedOrFiledAfterAll() {
        var o = obligation(StoredObligation.Placement.OWED, Lifecycle.Status.NOT_REQUIRED);
        assertThat(Lifecycle.check(o, Lifecycle.Status.PENDING)).isInstanceOf(Lifecycle.Allowed.class);
        assertThat(Lifecycle.check(o, Lifecycle.Status.FILED)).isInstanceOf(Lifecycle.Allowed.class);
    }

    @Test
    void refusesToChangeAFiledObligationAndNamesItsEvidence() {
        var o = obligation(StoredObligation.Placement.OWED, Lifecycle.Status.FILED);
        for (var target : Lifecycle.Status.values()) {
            assertThat(Lifecycle.check(o, target)).isInstanceOf(Lifecycle.Refused.class);
        }
        assertThat(((Lifecycle.Refused) Lifecycle.check(o, Lifecycle.Status.PENDING)).reason())
                .contains("e-1");
    }

    @Test
    void refusesToActOnASupersededObligation() {
        var o = obligation(StoredObligation.Placement.SUPERSEDED, Lifecycle.Status.PENDING);
        assertThat(o.shownStatus()).isEqualTo("SUPERSEDED");
        assertThat(Lifecycle.check(o, Lifecycle.Status.FILED))
                .isInstanceOfSatisfying(
                        Lifecycle.Refused.class, r -> assertThat(r.reason()).contains("SUPERSEDED"));
    }

    @Test
    void parsesOnlyTheStatusesPeopleSet() {
        assertThat(Lifecycle.parse(" filed ")).isEqualTo(Lifecycle.Status.FILED);
        assertThat(Lifecycle.parse("SUPERSEDED")).isNull();
        assertThat(Lifecycle.parse("DONE")).isNull();
    }
}
