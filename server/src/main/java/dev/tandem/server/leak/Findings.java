package dev.tandem.server.leak;

import dev.tandem.evidence.Repository;
import dev.tandem.intake.Problem;
import dev.tandem.leak.AnalysisResult;
import dev.tandem.leak.ContainmentAction;
import dev.tandem.leak.Contributions;
import dev.tandem.leak.EvidenceRef;
import dev.tandem.leak.Finding;
import dev.tandem.leak.TimelineEntry;
import dev.tandem.server.Ids;
import dev.tandem.server.evidence.EvidenceItem;
import dev.tandem.server.job.Job;
import dev.tandem.server.ledger.Appender;
import dev.tandem.server.ledger.Ledger;
import dev.tandem.server.ledger.fact.AnalysisCompleted;
import dev.tandem.server.ledger.fact.AnalysisForensicInputs;
import dev.tandem.server.ledger.fact.AnalysisTimelineEntryRecorded;
import dev.tandem.server.ledger.fact.FindingRecorded;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The findings of completed analyses. {@link #record} writes one analysis's findings and their
 * ledger entries in one ledger unit: a {@code leak.finding} entry per finding (privileged when it
 * rests on FORENSIC evidence), an {@code analysis.completed} entry with counts and the problems of
 * AUDIT inputs, and, when FORENSIC evidence was read, a privileged {@code analysis.forensic-inputs}
 * entry with those items and their problems; and the analysis's timeline, each entry with the items
 * it was read from. The unit first looks for an earlier record of the same job, so a job run again
 * after a crash never records twice.
 */
@Service
public class Findings {
    /** Problems listed in a ledger entry or a job result; the rest are counted. */
    static final int MAX_PROBLEMS = 200;

    private final JdbcTemplate jdbc;
    private final Ledger ledger;
    private final Clock clock;
    private final JsonMapper json;

    Findings(JdbcTemplate jdbc, Ledger ledger, Clock clock, JsonMapper json) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.clock = clock;
        this.json = json;
    }

    /** A finding ready to be written: its id, what it rests on, and its evidence lines. */
    private record Prepared(
            String id, int ordinal, Finding finding, List<EvidenceInputs.Source> sources, ArrayNode lines) {
        boolean privileged() {
            return fact(this).privileged();
        }

        /** The repositories of every item it rests on: what its privilege is decided from. */
        Set<Repository> restsOn() {
            Set<Repository> r = EnumSet.noneOf(Repository.class);
            sources.forEach(s -> s.items().forEach(i -> r.add(i.repository())));
            return r;
        }
    }

    private static FindingRecorded fact(Prepared p) {
        return new FindingRecorded("", p.restsOn(), JsonNodeFactory.instance.objectNode());
    }

    /** Records the analysis of {@code job}; answers the summary kept on the job row. */
    JsonNode record(Job job, EvidenceInputs inputs, AnalysisResult result) {
        List<Prepared> prepared = new ArrayList<>();
        for (Finding f : result.findings()) {
            prepared.add(prepare(f, prepared.size(), inputs, result.contributions()));
        }
        List<List<EvidenceItem>> timelineItems = new ArrayList<>();
        for (TimelineEntry e : result.timeline()) {
            timelineItems.add(items(inputs.sourcesOf(e.source().file(), result.contributions()), inputs));
        }
        String actor = job.requestedBy();
        String incident = job.incidentId();
        return ledger.record(ap -> {
            Optional<CompletedAnalysis> earlier = completed(job.id());
            if (earlier.isPresent()) {
                // this job was recorded before the process stopped; its rows and entries stand
                return summary(earlier.get(), result, inputs).put("recordedEarlier", true);
            }
            Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            int privileged = 0;
            for (Prepared p : prepared) {
                write(ap, job, p);
                if (p.privileged()) {
                    privileged++;
                }
            }
            writeTimelineEntries(ap, job, result.timeline(), timelineItems, prepared);
            long index =
                    ap.record(new AnalysisCompleted(incident, completedBody(job, inputs, result, privileged)), actor);
            List<EvidenceInputs.Source> forensic = inputs.sources().stream()
                    .filter(EvidenceInputs.Source::privileged)
                    .toList();
            if (!forensic.isEmpty()) {
                ap.record(new AnalysisForensicInputs(incident, forensicBody(job, forensic, inputs, result)), actor);
            }
            jdbc.update(
                    "INSERT INTO leak_analysis (job_id, incident_id, completed_at, findings, privileged_findings,"
                            + " problems, events, bytes_read, ledger_index) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    job.id(),
                    incident,
                    Timestamp.from(now),
                    prepared.size(),
                    privileged,
                    result.problems().size(),
                    result.stats().events(),
                    result.stats().bytes(),
                    index);
            writeTimeline(job, result.timeline(), timelineItems);
            return summary(
                    new CompletedAnalysis(
                            job.id(),
                            incident,
                            now,
                            prepared.size(),
                            privileged,
                            result.problems().size(),
                            result.stats().events(),
                            result.stats().bytes(),
                            index),
                    result,
                    inputs);
        });
    }

    private Prepared prepare(Finding f, int ordinal, EvidenceInputs inputs, Contributions contributions) {
        Set<EvidenceInputs.Source> sources = new LinkedHashSet<>();
        ArrayNode lines = json.createArrayNode();
        for (EvidenceRef e : f.evidence()) {
            ObjectNode line = lines.addObject().put("file", e.file()).put("line", e.line());
            List<EvidenceInputs.Source> from = inputs.sourcesOf(e.file(), contributions);
            sources.addAll(from);
            if (!from.isEmpty()) {
                line.put("evidence", from.getFirst().items().getFirst().id())
                        .put("sha256", from.getFirst().sha256());
            }
        }
        // Every input that contributed, those whose lines the cap on evidence left out included: a
        // finding is privileged when any FORENSIC input contributed to it (ADR 062).
        boolean unknown = sources.isEmpty();
        for (String file : f.sources()) {
            List<EvidenceInputs.Source> from = inputs.sourcesOf(file, contributions);
            unknown |= from.isEmpty();
            sources.addAll(from);
        }
        // A finding resting on a file no input is known to have produced rests, for all we can tell,
        // on everything read: the conservative choice for privilege.
        List<EvidenceInputs.Source> restsOn = unknown ? inputs.sources() : List.copyOf(sources);
        return new Prepared(Ids.next(), ordinal, f, restsOn, lines);
    }

    private void write(Appender ap, Job job, Prepared p) {
        Finding f = p.finding();
        ArrayNode containment = containment(f.containment());
        ObjectNode body = json.createObjectNode()
                .put("analysis", job.id())
                .put("finding", p.id())
                .put("pattern", f.pattern().name())
                .put("severity", f.severity().name())
                .put("title", f.title());
        body.putObject("subject")
                .put("kind", f.subject().kind().name())
                .put("id", f.subject().id());
        body.put("records", f.records());
        ArrayNode controls = body.putArray("controls");
        f.controls().forEach(controls::add);
        ArrayNode iso = body.putArray("iso27001");
        f.pattern().iso27001().forEach(iso::add);
        ArrayNode evidence = body.putArray("evidence");
        for (EvidenceInputs.Source s : p.sources()) {
            for (EvidenceItem i : s.items()) {
                evidence.addObject().put("id", i.id()).put("sha256", i.sha256());
            }
        }
        ArrayNode lines = body.putArray("lines");
        p.lines()
                .forEach(l -> lines.addObject()
                        .put("file", l.path("file").asString())
                        .put("line", l.path("line").asLong()));
        body.set("containment", containment);
        body.put("rationale", f.rationale());
        long index = ap.record(new FindingRecorded(job.incidentId(), p.restsOn(), body), job.requestedBy());
        jdbc.update(
                "INSERT INTO leak_finding (id, analysis_id, incident_id, ordinal, pattern, severity, title,"
                        + " subject_kind, subject_id, records, controls, iso27001, rationale, evidence_lines,"
                        + " containment, privileged, ledger_index)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                p.id(),
                job.id(),
                job.incidentId(),
                p.ordinal(),
                f.pattern().name(),
                f.severity().name(),
                f.title(),
                f.subject().kind().name(),
                f.subject().id(),
                f.records(),
                String.join(",", f.controls()),
                String.join(",", f.pattern().iso27001()),
                f.rationale(),
                json.writeValueAsString(p.lines()),
                json.writeValueAsString(containment),
                p.privileged(),
                index);
        for (EvidenceInputs.Source s : p.sources()) {
            for (EvidenceItem i : s.items()) {
                jdbc.update(
                        "INSERT INTO leak_finding_evidence (finding_id, evidence_id, sha256) VALUES (?, ?, ?)",
                        p.id(),
                        i.id(),
                        i.sha256());
            }
        }
    }

    /**
     * The items {@code from} holds, each once; all the items read when it is empty (an entry from a
     * file no input is known to have produced rests, for all we can tell, on everything read).
     */
    private static List<EvidenceItem> items(List<EvidenceInputs.Source> from, EvidenceInputs inputs) {
        Map<String, EvidenceItem> byId = new LinkedHashMap<>();
        for (EvidenceInputs.Source s : from.isEmpty() ? inputs.sources() : from) {
            s.items().forEach(i -> byId.putIfAbsent(i.id(), i));
        }
        return List.copyOf(byId.values());
    }

    /**
     * One {@code leak.timeline-entry} a timeline entry (ADR 115), privileged when any item it was read
     * from is FORENSIC, or when it tells of a finding that is ({@link FindingViews#tellsOf}: an
     * extraction names its finding's pattern): the reports and the export bag are drawn from the
     * ledger, so the entry says what the {@code leak_timeline} row says, to whoever reads the finding.
     */
    private void writeTimelineEntries(
            Appender ap,
            Job job,
            List<TimelineEntry> timeline,
            List<List<EvidenceItem>> items,
            List<Prepared> findings) {
        for (int n = 0; n < timeline.size(); n++) {
            TimelineEntry e = timeline.get(n);
            ObjectNode body = json.createObjectNode()
                    .put("analysis", job.id())
                    .put("ordinal", n)
                    .put("at", e.at().toString())
                    .put("kind", e.kind())
                    .put("subject", e.subject())
                    .put("ip", e.ip())
                    .put("text", e.text())
                    .put("file", e.source().file())
                    .put("line", e.source().line());
            ArrayNode evidence = body.putArray("evidence");
            Set<Repository> restsOn = EnumSet.noneOf(Repository.class);
            for (EvidenceItem i : items.get(n)) {
                evidence.addObject().put("id", i.id()).put("sha256", i.sha256());
                restsOn.add(i.repository());
            }
            for (Prepared f : findings) {
                if (FindingViews.tellsOf(
                        e.subject(),
                        e.text(),
                        f.finding().subject().id(),
                        f.finding().pattern().name())) {
                    restsOn.addAll(f.restsOn());
                }
            }
            ap.record(new AnalysisTimelineEntryRecorded(job.incidentId(), restsOn, body), job.requestedBy());
        }
    }

    private void writeTimeline(Job job, List<TimelineEntry> timeline, List<List<EvidenceItem>> items) {
        for (int n = 0; n < timeline.size(); n++) {
            TimelineEntry e = timeline.get(n);
            jdbc.update(
                    "INSERT INTO leak_timeline (analysis_id, ordinal, incident_id, occurred_at, kind, subject, ip,"
                            + " entry_text, source_file, source_line, evidence_ids)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    job.id(),
                    n,
                    job.incidentId(),
                    Timestamp.from(e.at()),
                    e.kind(),
                    e.subject(),
                    e.ip(),
                    e.text(),
                    e.source().file(),
                    e.source().line(),
                    String.join(",", items.get(n).stream().map(EvidenceItem::id).toList()));
        }
    }

    /**
     * The timeline of one analysis, oldest first, each entry with the items it was read from as the
     * vault holds them now (an item pulled back to FORENSIC counts as FORENSIC).
     */
    public List<StoredTimelineEntry> timelineOf(String jobId) {
        Map<String, StoredFinding.Item> items = new HashMap<>();
        jdbc.query(
                "SELECT e.id, e.name, e.repository, e.sha256 FROM evidence e"
                        + " WHERE e.incident_id = (SELECT incident_id FROM leak_analysis WHERE job_id = ?)",
                rs -> {
                    items.put(
                            rs.getString(1),
                            new StoredFinding.Item(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
                },
                jobId);
        return jdbc.query(
                "SELECT * FROM leak_timeline WHERE analysis_id = ? ORDER BY ordinal",
                (rs, n) -> new StoredTimelineEntry(
                        rs.getTimestamp("occurred_at").toInstant(),
                        rs.getString("kind"),
                        rs.getString("subject"),
                        rs.getString("ip"),
                        rs.getString("entry_text"),
                        rs.getString("source_file"),
                        rs.getLong("source_line"),
                        list(rs.getString("evidence_ids")).stream()
                                .map(id -> items.getOrDefault(id, new StoredFinding.Item(id, "", "FORENSIC", "")))
                                .toList()),
                jobId);
    }

    private ArrayNode containment(List<ContainmentAction> actions) {
        ArrayNode a = json.createArrayNode();
        for (ContainmentAction c : actions) {
            ObjectNode o = a.addObject().put("action", c.action().name());
            o.putObject("target")
                    .put("kind", c.target().kind().name())
                    .put("id", c.target().id());
            o.put("configItem", c.configItem()).put("description", c.description());
        }
        return a;
    }

    /** Public: counts, the AUDIT items read and their problems; FORENSIC ones are only counted. */
    private ObjectNode completedBody(Job job, EvidenceInputs inputs, AnalysisResult result, int privileged) {
        ObjectNode body = json.createObjectNode()
                .put("analysis", job.id())
                .put("findings", result.findings().size())
                .put("privilegedFindings", privileged);
        ArrayNode evidence = body.putArray("evidence");
        int privilegedItems = 0;
        for (EvidenceInputs.Source s : inputs.sources()) {
            if (s.privileged()) {
                privilegedItems += s.items().size();
                continue;
            }
            for (EvidenceItem i : s.items()) {
                evidence.addObject().put("id", i.id()).put("sha256", i.sha256());
            }
        }
        body.put("privilegedEvidence", privilegedItems);
        List<Problem> open = new ArrayList<>();
        int hidden = 0;
        for (Problem p : result.problems()) {
            // a problem that names no input is treated as the privileged inputs' (conservative); one
            // that names a second input is privileged when either is
            if (privileged(p, inputs, result)) {
                hidden++;
            } else {
                open.add(p);
            }
        }
        body.set("problems", problems(open, inputs, result));
        body.put("problemsOmitted", Math.max(0, open.size() - MAX_PROBLEMS));
        body.put("privilegedProblems", hidden);
        // public statistics count the AUDIT inputs only; the FORENSIC ones are in the privileged entry
        body.set("stats", stats(statsOf(inputs, result, false)));
        return body;
    }

    /** Privileged: the FORENSIC items read, with their SHA-256 and names, and their problems. */
    private ObjectNode forensicBody(
            Job job, List<EvidenceInputs.Source> forensic, EvidenceInputs inputs, AnalysisResult result) {
        ObjectNode body = json.createObjectNode().put("analysis", job.id());
        ArrayNode evidence = body.putArray("evidence");
        for (EvidenceInputs.Source s : forensic) {
            for (EvidenceItem i : s.items()) {
                evidence.addObject()
                        .put("id", i.id())
                        .put("name", i.name())
                        .put("sha256", i.sha256())
                        .put("analyzedAs", s.name());
            }
        }
        List<Problem> theirs = result.problems().stream()
                .filter(p -> privileged(p, inputs, result))
                .toList();
        body.set("problems", problems(theirs, inputs, result));
        body.put("problemsOmitted", Math.max(0, theirs.size() - MAX_PROBLEMS));
        body.set("stats", stats(statsOf(inputs, result, true)));
        return body;
    }

    /** A problem is privileged when the input it is about is, or the second input it names. */
    private static boolean privileged(Problem p, EvidenceInputs inputs, AnalysisResult result) {
        return inputs.privileged(p.file(), result.contributions())
                || (p.related() != null && inputs.privileged(p.related(), result.contributions()));
    }

    /** The statistics of the privileged (FORENSIC) inputs, or of the others. */
    private static AnalysisResult.Stats statsOf(EvidenceInputs inputs, AnalysisResult result, boolean privileged) {
        List<EvidenceInputs.Source> sources = inputs.sources();
        return result.contributions()
                .statsOf(i -> i < sources.size() && sources.get(i).privileged() == privileged);
    }

    private ArrayNode problems(List<Problem> list, EvidenceInputs inputs, AnalysisResult result) {
        ArrayNode a = json.createArrayNode();
        for (Problem p : list.subList(0, Math.min(list.size(), MAX_PROBLEMS))) {
            ObjectNode o = a.addObject();
            List<EvidenceInputs.Source> from = inputs.sourcesOf(p.file(), result.contributions());
            if (!from.isEmpty()) {
                o.put("evidence", from.getFirst().items().getFirst().id());
            }
            o.put("file", p.file())
                    .put("line", p.line())
                    .put("kind", p.kind().name())
                    .put("message", p.message());
        }
        return a;
    }

    private ObjectNode stats(AnalysisResult.Stats s) {
        return json.createObjectNode()
                .put("events", s.events())
                .put("users", s.users())
                .put("sessions", s.sessions())
                .put("harEntries", s.harEntries())
                .put("bytes", s.bytes());
    }

    /** The job's result: counts, the problems (all inputs), where the record is. */
    private ObjectNode summary(CompletedAnalysis a, AnalysisResult result, EvidenceInputs inputs) {
        ObjectNode o = json.createObjectNode()
                .put("analysis", a.jobId())
                .put("findings", a.findings())
                .put("privilegedFindings", a.privilegedFindings())
                .put("inputs", inputs.sources().size())
                .put("problemCount", result.problems().size());
        o.set("problems", problems(result.problems(), inputs, result));
        o.set("stats", stats(result.stats()));
        o.put("ledgerIndex", a.ledgerIndex());
        return o;
    }

    /** The completed analysis of job {@code jobId}, if it completed. */
    public Optional<CompletedAnalysis> completed(String jobId) {
        return jdbc.query("SELECT * FROM leak_analysis WHERE job_id = ?", Findings::analysis, jobId).stream()
                .findFirst();
    }

    /** The incident's completed analyses, latest first (at most {@code limit}). */
    public List<CompletedAnalysis> completedOf(String incidentId, int limit) {
        return jdbc.query(
                "SELECT * FROM leak_analysis WHERE incident_id = ? ORDER BY ledger_index DESC LIMIT ?",
                Findings::analysis,
                incidentId,
                limit);
    }

    /**
     * The incident's current analysis and how each other completed analysis stands to it ({@link
     * CurrentAnalysis}, ADR 148).
     *
     * @param current the current analysis; empty while none has completed
     * @param others every other completed analysis, newest first, each with how its items stand to
     *     the current one's and whether it completed after it
     */
    public record Selection(Optional<CompletedAnalysis> current, List<Other> others) {
        public Selection {
            others = List.copyOf(others);
        }

        /** The analyses completed after the current one, which did not replace it, newest first. */
        public List<Other> newer() {
            return others.stream().filter(Other::newer).toList();
        }

        /** How the completed analysis {@code jobId} stands to the current one; empty for the current one. */
        public Optional<Other> of(String jobId) {
            return others.stream()
                    .filter(o -> o.analysis().jobId().equals(jobId))
                    .findFirst();
        }
    }

    /** A completed analysis other than the current one, and how it stands to it. */
    public record Other(CompletedAnalysis analysis, boolean newer, CurrentAnalysis.Inputs inputs) {}

    /**
     * The incident's current analysis by {@link CurrentAnalysis}'s rule: its completed analyses in
     * ledger order, each with the evidence items its job's input names (resolved when it was queued,
     * {@code {"all":true}} included: the job reads exactly those).
     */
    public Selection selection(String incidentId) {
        Map<String, CompletedAnalysis> byId = new LinkedHashMap<>();
        List<CurrentAnalysis.Run> runs = new ArrayList<>();
        jdbc.query(
                "SELECT a.*, j.input FROM leak_analysis a JOIN job j ON j.id = a.job_id"
                        + " WHERE a.incident_id = ? ORDER BY a.ledger_index",
                rs -> {
                    CompletedAnalysis a = analysis(rs, 0);
                    byId.put(a.jobId(), a);
                    Set<String> items = new LinkedHashSet<>();
                    json.readTree(rs.getString("input")).path("evidence").forEach(e -> items.add(e.asString()));
                    runs.add(new CurrentAnalysis.Run(a.jobId(), true, items));
                },
                incidentId);
        CurrentAnalysis.Choice choice = CurrentAnalysis.of(runs);
        return new Selection(
                choice.current().map(byId::get),
                choice.others().stream()
                        .map(o -> new Other(byId.get(o.id()), o.newer(), o.inputs()))
                        .toList());
    }

    /** The incident's current analysis ({@link #selection}). */
    public Optional<CompletedAnalysis> current(String incidentId) {
        return selection(incidentId).current();
    }

    /** One finding by its id. */
    public Optional<StoredFinding> find(String id) {
        List<String> analysis =
                jdbc.queryForList("SELECT analysis_id FROM leak_finding WHERE id = ?", String.class, id);
        return analysis.isEmpty()
                ? Optional.empty()
                : of(analysis.getFirst()).stream()
                        .filter(f -> f.id().equals(id))
                        .findFirst();
    }

    /** The findings of one analysis, in the analyzer's order. */
    public List<StoredFinding> of(String jobId) {
        Map<String, List<StoredFinding.Item>> items = new LinkedHashMap<>();
        jdbc.query(
                "SELECT fe.finding_id, e.id, e.name, e.repository, fe.sha256 FROM leak_finding_evidence fe"
                        + " JOIN evidence e ON e.id = fe.evidence_id"
                        + " JOIN leak_finding f ON f.id = fe.finding_id"
                        + " WHERE f.analysis_id = ? ORDER BY e.received_at, e.id",
                rs -> {
                    items.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(new StoredFinding.Item(
                                    rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
                },
                jobId);
        return jdbc.query(
                "SELECT * FROM leak_finding WHERE analysis_id = ? ORDER BY ordinal",
                (rs, n) -> finding(rs, items.getOrDefault(rs.getString("id"), List.of())),
                jobId);
    }

    private StoredFinding finding(ResultSet rs, List<StoredFinding.Item> items) throws SQLException {
        long r = rs.getLong("records");
        Long records = rs.wasNull() ? null : r;
        return new StoredFinding(
                rs.getString("id"),
                rs.getString("analysis_id"),
                rs.getString("incident_id"),
                rs.getInt("ordinal"),
                rs.getString("pattern"),
                rs.getString("severity"),
                rs.getString("title"),
                rs.getString("subject_kind"),
                rs.getString("subject_id"),
                records,
                list(rs.getString("controls")),
                list(rs.getString("iso27001")),
                rs.getString("rationale"),
                json.readTree(rs.getString("evidence_lines")),
                json.readTree(rs.getString("containment")),
                items,
                rs.getBoolean("privileged"),
                rs.getLong("ledger_index"));
    }

    private static List<String> list(String joined) {
        return joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
    }

    private static CompletedAnalysis analysis(ResultSet rs, int n) throws SQLException {
        return new CompletedAnalysis(
                rs.getString("job_id"),
                rs.getString("incident_id"),
                rs.getTimestamp("completed_at").toInstant(),
                rs.getInt("findings"),
                rs.getInt("privileged_findings"),
                rs.getInt("problems"),
                rs.getLong("events"),
                rs.getLong("bytes_read"),
                rs.getLong("ledger_index"));
    }
}
