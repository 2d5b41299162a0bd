package dev.tandem.leak;

import dev.tandem.intake.Problem;
import java.util.List;

/**
 * What an analysis found, what it read, and what it could not read; {@code contributions} tells
 * which input each file name, problem and volume came from; {@code timeline} puts the setup changes,
 * logins and extractions the findings cite in time order; {@code unrecognised} names the inputs
 * (as given) nothing in which was recognised as a capture the analysis reads ({@link
 * LeakAnalyzer#RECOGNISED}): a README, an image, a CSV with no column of personal data.
 */
public record AnalysisResult(
        List<Finding> findings,
        List<AnalyzedInput> inputs,
        List<Problem> problems,
        Stats stats,
        Contributions contributions,
        List<TimelineEntry> timeline,
        List<String> unrecognised) {

    /** Volumes read and the state kept (bounded by users and sessions, not rows). */
    public record Stats(long events, long users, long sessions, long harEntries, long bytes) {}

    public AnalysisResult {
        findings = List.copyOf(findings);
        inputs = List.copyOf(inputs);
        problems = List.copyOf(problems);
        timeline = List.copyOf(new java.util.TreeSet<>(timeline));
        unrecognised = List.copyOf(unrecognised);
    }

    public AnalysisResult(
            List<Finding> findings,
            List<AnalyzedInput> inputs,
            List<Problem> problems,
            Stats stats,
            Contributions contributions,
            List<TimelineEntry> timeline) {
        this(findings, inputs, problems, stats, contributions, timeline, List.of());
    }

    public AnalysisResult(
            List<Finding> findings,
            List<AnalyzedInput> inputs,
            List<Problem> problems,
            Stats stats,
            Contributions contributions) {
        this(findings, inputs, problems, stats, contributions, List.of());
    }

    public AnalysisResult(List<Finding> findings, List<AnalyzedInput> inputs, List<Problem> problems, Stats stats) {
        this(findings, inputs, problems, stats, Contributions.unknown());
    }

    /** True when some input (or its remainder) could not be read at all. */
    public boolean hasUnreadableInput() {
        return problems.stream().anyMatch(p -> p.kind().fileLevel());
    }
}
