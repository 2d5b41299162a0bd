package dev.tandem.server.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.server.incident.IncidentLifecycle.Allowed;
import dev.tandem.server.incident.IncidentLifecycle.Phase;
import dev.tandem.server.incident.IncidentLifecycle.Refused;
import dev.tandem.server.incident.IncidentLifecycle.State;
import org.junit.jupiter.api.Test;

/** The incident's phases (NIST SP 800-61 Rev. 3) and closure, without Spring. */
class IncidentLifecycleTest {
    private static State in(Phase p) {
        return new State(p, false);
    }

    @Test
    void movesForwardOnePhaseAtATime() {
        assertThat(IncidentLifecycle.phase(in(Phase.DETECT), Phase.RESPOND)).isInstanceOf(Allowed.class);
        assertThat(IncidentLifecycle.phase(in(Phase.RESPOND), Phase.RECOVER)).isInstanceOf(Allowed.class);
        assertThat(IncidentLifecycle.phase(in(Phase.RECOVER), Phase.IMPROVE)).isInstanceOf(Allowed.class);
    }

    @Test
    void refusesSkippingAPhaseAndNamesTheNextOne() {
        assertThat(IncidentLifecycle.phase(in(Phase.DETECT), Phase.RECOVER))
                .isInstanceOfSatisfying(
                        Refused.class, r -> assertThat(r.reason()).contains("from DETECT to RESPOND, not RECOVER"));
    }

    @Test
    void movesBackWhenNewActivityIsFound() {
        assertThat(IncidentLifecycle.phase(in(Phase.RECOVER), Phase.RESPOND)).isInstanceOf(Allowed.class);
        assertThat(IncidentLifecycle.phase(in(Phase.IMPROVE), Phase.DETECT)).isInstanceOf(Allowed.class);
    }

    @Test
    void refusesStayingInTheSamePhase() {
        assertThat(IncidentLifecycle.phase(in(Phase.RESPOND), Phase.RESPOND)).isInstanceOf(Refused.class);
    }

    @Test
    void closesOnlyFromRecoverOrImprove() {
        assertThat(IncidentLifecycle.close(in(Phase.DETECT))).isInstanceOf(Refused.class);
        assertThat(IncidentLifecycle.close(in(Phase.RESPOND))).isInstanceOf(Refused.class);
        assertThat(IncidentLifecycle.close(in(Phase.RECOVER))).isInstanceOf(Allowed.class);
        assertThat(IncidentLifecycle.close(in(Phase.IMPROVE))).isInstanceOf(Allowed.class);
    }

    @Test
    void aClosedIncidentRefusesEveryLifecycleChange() {
        State closed = new State(Phase.IMPROVE, true);
        assertThat(IncidentLifecycle.phase(closed, Phase.RESPOND)).isInstanceOf(Refused.class);
        assertThat(IncidentLifecycle.change(closed, "its containment"))
                .isInstanceOfSatisfying(
                        Refused.class, r -> assertThat(r.reason()).contains("closed"));
        assertThat(IncidentLifecycle.close(closed)).isInstanceOf(Refused.class);
        assertThat(IncidentLifecycle.change(in(Phase.RESPOND), "its containment"))
                .isInstanceOf(Allowed.class);
    }

    @Test
    void parsesPhasesCaseInsensitively() {
        assertThat(IncidentLifecycle.Phase.parse("respond")).contains(Phase.RESPOND);
        assertThat(IncidentLifecycle.Phase.parse("CONTAIN")).isEmpty();
    }
}
