package dev.tandem.server.leak;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.server.leak.CurrentAnalysis.Choice;
import dev.tandem.server.leak.CurrentAnalysis.Inputs;
import dev.tandem.server.leak.CurrentAnalysis.Other;
import dev.tandem.server.leak.CurrentAnalysis.Run;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The rule that picks an incident's current analysis (ADR 148), without a server. */
class CurrentAnalysisTest {
    private static Run done(String id, String... items) {
        return new Run(id, true, Set.of(items));
    }

    private static Run failed(String id, String... items) {
        return new Run(id, false, Set.of(items));
    }

    @Test
    void noCompletedAnalysisMeansNoCurrentOne() {
        assertThat(CurrentAnalysis.of(List.of())).isEqualTo(new Choice(Optional.empty(), List.of()));
        assertThat(CurrentAnalysis.of(List.of(failed("f", "a", "b"))).current()).isEmpty();
    }

    @Test
    void aNarrowReRunAfterTheFullOneLeavesTheFullOneCurrentAndIsNamedAsNewerAndNarrower() {
        Choice c = CurrentAnalysis.of(List.of(done("full", "a", "b", "c"), done("narrow", "b")));
        assertThat(c.current()).contains("full");
        assertThat(c.newer()).containsExactly(new Other("narrow", true, Inputs.NARROWER));
    }

    @Test
    void aFullAnalysisAfterANarrowOneBecomesCurrent() {
        Choice c = CurrentAnalysis.of(List.of(done("narrow", "b"), done("full", "a", "b", "c")));
        assertThat(c.current()).contains("full");
        assertThat(c.newer()).isEmpty();
        assertThat(c.others()).containsExactly(new Other("narrow", false, Inputs.NARROWER));
    }

    @Test
    void ofTwoAnalysesOfTheSameItemsTheNewerIsCurrent() {
        Choice c = CurrentAnalysis.of(List.of(done("first", "a", "b"), done("second", "b", "a")));
        assertThat(c.current()).contains("second");
        assertThat(c.others()).containsExactly(new Other("first", false, Inputs.SAME));
    }

    @Test
    void aDisjointOrOverlappingReRunLeavesTheCurrentOneAndIsNamedAsSuch() {
        Choice c = CurrentAnalysis.of(
                List.of(done("full", "a", "b"), done("other", "c"), done("partly", "b", "c"), done("narrow", "a")));
        assertThat(c.current()).contains("full");
        assertThat(c.newer())
                .containsExactly(
                        new Other("narrow", true, Inputs.NARROWER),
                        new Other("partly", true, Inputs.OVERLAPPING),
                        new Other("other", true, Inputs.DISJOINT));
    }

    @Test
    void aWiderAnalysisReplacesTheCurrentOneAndWhatCameBetweenIsNoLongerNewer() {
        Choice c = CurrentAnalysis.of(
                List.of(done("full", "a", "b"), done("narrow", "a"), done("wider", "a", "b", "c"), done("one", "c")));
        assertThat(c.current()).contains("wider");
        assertThat(c.newer()).containsExactly(new Other("one", true, Inputs.NARROWER));
        // the older ones are still told, with how their items stand to the current one's
        assertThat(c.others())
                .containsExactly(
                        new Other("one", true, Inputs.NARROWER),
                        new Other("narrow", false, Inputs.NARROWER),
                        new Other("full", false, Inputs.NARROWER));
    }

    @Test
    void anOlderAnalysisTheCurrentOneDoesNotCoverIsToldAsSuch() {
        // a disjoint re-run stays beside the full one; a later full one of the first items replaces it
        Choice c = CurrentAnalysis.of(List.of(done("full", "a", "b"), done("other", "c"), done("again", "a", "b")));
        assertThat(c.current()).contains("again");
        assertThat(c.others())
                .containsExactly(new Other("other", false, Inputs.DISJOINT), new Other("full", false, Inputs.SAME));
    }

    @Test
    void failedAndCancelledJobsAreNeverCurrentWhateverTheyRead() {
        Choice c = CurrentAnalysis.of(
                List.of(done("narrow", "a"), failed("failed", "a", "b", "c"), failed("cancelled", "a", "b", "c", "d")));
        assertThat(c.current()).contains("narrow");
        assertThat(c.others()).isEmpty();
        // nor does one that did not complete stand between a current one and the one that covers it
        assertThat(CurrentAnalysis.of(List.of(done("full", "a", "b"), failed("x", "c"), done("again", "a", "b")))
                        .current())
                .contains("again");
    }

    @Test
    void inputsAreComparedAsSets() {
        assertThat(Inputs.of(Set.of("a", "b"), Set.of("b", "a"))).isEqualTo(Inputs.SAME);
        assertThat(Inputs.of(Set.of("a", "b", "c"), Set.of("a"))).isEqualTo(Inputs.WIDER);
        assertThat(Inputs.of(Set.of("a"), Set.of("a", "b"))).isEqualTo(Inputs.NARROWER);
        assertThat(Inputs.of(Set.of("a", "c"), Set.of("a", "b"))).isEqualTo(Inputs.OVERLAPPING);
        assertThat(Inputs.of(Set.of("c"), Set.of("a", "b"))).isEqualTo(Inputs.DISJOINT);
    }
}
