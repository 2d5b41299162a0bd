package dev.tandem.server.report;

import static dev.tandem.server.report.Narration.text;
import static dev.tandem.server.report.Narration.time;

import dev.tandem.server.report.Report.Line;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** The incident in a few cited statements: opened, awareness, occurrence, phase, containment, closure. */
final class Summary {
    private static final Set<String> LIFECYCLE =
            Set.of("incident.occurred-at-set", "incident.phase-changed", "incident.contained", "incident.closed");

    private Summary() {}

    static List<Line> lines(List<ReportEntry> entries, Narration.Names names, boolean forAuditor) {
        List<Line> lines = new ArrayList<>();
        for (ReportEntry e : entries) {
            if (e.type().equals("incident.opened")) {
                lines.add(new Line(time(e.at()), Narration.describe(e, names, forAuditor), List.of(e.index())));
                JsonNode c = e.content();
                if (c != null && !text(c, "awareAt").isEmpty()) {
                    lines.add(new Line(
                            time(text(c, "awareAt")),
                            "The company became aware of the incident (deadlines run from here)",
                            List.of(e.index())));
                }
            } else if (LIFECYCLE.contains(e.type())) {
                lines.add(new Line(time(e.at()), Narration.describe(e, names, forAuditor), List.of(e.index())));
            }
        }
        Narration.latest(entries, "incident.phase-changed")
                .filter(e -> e.content() != null)
                .ifPresent(e ->
                        lines.add(new Line("", "Current phase: " + text(e.content(), "phase"), List.of(e.index()))));
        return lines;
    }
}
