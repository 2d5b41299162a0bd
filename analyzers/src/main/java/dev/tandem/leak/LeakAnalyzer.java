package dev.tandem.leak;

import dev.tandem.har.HarReader;
import dev.tandem.intake.CsvTable;
import dev.tandem.intake.Header;
import dev.tandem.intake.Problem;
import dev.tandem.intake.Problems;
import dev.tandem.intake.SafeXml;
import dev.tandem.intake.SafeZip;
import dev.tandem.intake.XmlNode;
import dev.tandem.payload.PayloadInspector;
import dev.tandem.payload.PiiField;
import dev.tandem.payload.ScannerPayloadInspector;
import dev.tandem.salesforce.ActivityEvent;
import dev.tandem.salesforce.EventLogReader;
import dev.tandem.salesforce.JsonRecordsReader;
import dev.tandem.salesforce.LoginHistory;
import dev.tandem.salesforce.OrgConfig;
import dev.tandem.salesforce.OtherSalesforceFiles;
import dev.tandem.salesforce.RealtimeEvents;
import dev.tandem.salesforce.SetupAuditTrail;
import dev.tandem.salesforce.UserDirectory;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Analyzes a set of named inputs for the six CRM leak paths. Each input is read once, as a
 * stream, in any order: its format is recognised from its name and first bytes (zips are opened
 * and their entries analyzed as inputs of their own), events are aggregated per user and session
 * as they stream by, and the rules run once everything is read. Bad inputs become problems in the
 * result; they never stop the analysis. Not thread-safe: one analysis per instance at a time.
 */
public final class LeakAnalyzer {
    private static final int SNIFF = 64 * 1024;

    /**
     * What the analysis recognises, each by its header or structure (docs/leak-patterns.md, "What is
     * read"), to tell someone whose input was none of them; an input that is none feeds nothing
     * ({@link AnalysisResult#unrecognised()}).
     */
    public static final List<String> RECOGNISED = List.of(
            "Event Log File CSV: an EVENT_TYPE column",
            "real-time events (LoginEvent, ApiEvent, ReportEvent …) as CSV or JSON: EventDate or EventIdentifier",
            "User export: Username, Profile.Name (or ProfileId, Profile) and Id (or User ID);"
                    + " PermissionSetAssignment export: AssigneeId (or Assignee.Username) and PermissionSet.Name",
            "Login History: Login Time, Username, Source IP (a query export: LoginTime, SourceIp, UserId)",
            "Setup Audit Trail: Date, User, Action, Section (a query export: CreatedDate, Action, Display)",
            "a data export (CSV or JSON records) with a column of personal data: Email, Phone, FirstName,"
                    + " LastName, MailingStreet …",
            "Salesforce metadata XML: a root element Profile, PermissionSet, SharingRules, ConnectedApp,"
                    + " NamedCredential …",
            "HAR 1.2: a log object with entries (.har)",
            "zip or gzip of any of these");

    private static final int MAX_ZIP_DEPTH = 2;

    private final Thresholds thresholds;
    private final PayloadInspector inspector;
    private final int threads;

    public LeakAnalyzer(Thresholds thresholds, PayloadInspector inspector) {
        this(thresholds, inspector, 1);
    }

    /**
     * @param threads threads that read inputs: with more than one, Event Log File CSVs are parsed
     *     ahead on {@code threads} workers while this thread aggregates, which takes a fraction of
     *     the parsing's time (see {@link ReadAhead});
     *     the result is the same as with one
     */
    public LeakAnalyzer(Thresholds thresholds, PayloadInspector inspector, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, not " + threads);
        }
        this.thresholds = thresholds;
        this.inspector = inspector;
        this.threads = threads;
    }

    public LeakAnalyzer() {
        this(Thresholds.defaults(), new ScannerPayloadInspector());
    }

    /**
     * Reads every input, correlates, and returns findings, the inputs as read, and the problems.
     *
     * @throws InterruptedException when the calling thread is interrupted (checked between inputs
     *     and every few thousand rows); nothing partial is returned
     */
    public AnalysisResult analyze(List<AnalysisInput> inputs, ProgressListener progress) throws InterruptedException {
        Run run = new Run(inputs.size(), progress);
        Contributions.Recorder contributions = new Contributions.Recorder(inputs.size());
        run.contributions = contributions;
        try (ReadAhead ahead =
                threads > 1 ? new ReadAhead(inputs, threads, SNIFF, thresholds.rowProblemsListed()) : null) {
            readAll(inputs, run, contributions, ahead);
        }
        checkInterrupt();
        return correlate(inputs, progress, run, contributions);
    }

    private void readAll(
            List<AnalysisInput> inputs, Run run, Contributions.Recorder contributions, @Nullable ReadAhead ahead)
            throws InterruptedException {
        for (AnalysisInput in : inputs) {
            checkInterrupt();
            int index = run.done;
            run.input = index;
            run.behaviour.input = index;
            long events = run.behaviour.events;
            long har = run.captures.entries;
            long bytes = run.bytes.count;
            int problems = run.problems.all().size();
            run.progress.progress(new ProgressListener.Progress(
                    run.done, inputs.size(), in.name(), run.behaviour.events, ProgressListener.Phase.READING));
            try {
                if (ahead == null) {
                    try (InputStream raw = in.source().open()) {
                        run.read(in.name(), raw, 0);
                    }
                } else {
                    run.read(in.name(), ahead.take(index));
                }
            } catch (IOException e) {
                run.problems.report(in.name(), 0, Problem.Kind.UNREADABLE, "cannot read: " + message(e));
            } catch (Interrupted e) {
                throw new InterruptedException("analysis interrupted while reading " + in.name());
            }
            contributions.volumes(
                    index, run.behaviour.events - events, run.captures.entries - har, run.bytes.count - bytes);
            List<Problem> all = run.problems.all();
            for (Problem p : all.subList(problems, all.size())) {
                contributions.produced(p.file(), index);
            }
            run.done++;
        }
    }

    /**
     * Query exports of LoginHistory and SetupAuditTrail may name users by id alone: named here by
     * the User export, else by the event logs' USER_ID and USER_NAME, before the rules join them.
     */
    private static void nameUsersById(Run run) {
        if (run.logins.isEmpty() && run.setupTrail.changes().isEmpty()) {
            return;
        }
        Map<String, String> fromLogs = new HashMap<>();
        for (Behaviour.UserStats u : run.behaviour.users.values()) {
            if (u.userId.length() >= 15 && !u.username.isEmpty()) {
                // the smallest name when logs disagree, so that the result does not depend on the order read
                fromLogs.merge(u.userId.substring(0, 15), u.username, (a, b) -> a.compareTo(b) <= 0 ? a : b);
            }
        }
        java.util.function.Function<String, @Nullable String> usernameOfId = id -> {
            UserDirectory.User u = run.directory.byId(id);
            return u != null ? u.username() : fromLogs.get(id.substring(0, Math.min(15, id.length())));
        };
        run.logins.nameUsers(usernameOfId);
        run.setupTrail.nameUsers(usernameOfId);
    }

    private AnalysisResult correlate(
            List<AnalysisInput> inputs, ProgressListener progress, Run run, Contributions.Recorder contributions) {
        progress.progress(new ProgressListener.Progress(
                run.done, inputs.size(), "", run.behaviour.events, ProgressListener.Phase.CORRELATING));
        nameUsersById(run);
        Rules rules = new Rules(
                thresholds,
                run.behaviour,
                run.captures,
                run.exports,
                run.config,
                run.directory,
                run.logins,
                run.setupTrail);
        List<Finding> findings = rules.run();
        unmatchedExports(run.behaviour, run.problems);
        notJudged(rules.notJudged(), run.problems);
        Map<String, java.util.BitSet> users = usersNamed(run, contributions);
        progress.progress(new ProgressListener.Progress(
                run.done, inputs.size(), "", run.behaviour.events, ProgressListener.Phase.DONE));
        return new AnalysisResult(
                findings,
                run.analyzed,
                run.problems.all(),
                new AnalysisResult.Stats(
                        run.behaviour.events,
                        users.size(),
                        run.behaviour.sessions.size(),
                        run.captures.entries,
                        run.bytes.count),
                contributions.done(
                        List.copyOf(users.values()),
                        run.behaviour.sessions.values().stream()
                                .map(s -> s.inputs)
                                .toList()),
                rules.timeline(),
                unrecognised(inputs, run.recognised));
    }

    /** The inputs nothing in which fed the analysis: each read, none recognised as a capture it reads. */
    private static List<String> unrecognised(List<AnalysisInput> inputs, java.util.BitSet recognised) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            if (!recognised.get(i)) {
                names.add(inputs.get(i).name());
            }
        }
        return names;
    }

    /**
     * The users the inputs name by what they did, each once with the inputs that name them: those of
     * the event logs, those who logged in (Login History) and those who changed the setup (Setup Audit
     * Trail), by username in lower case (an id where nothing names it). The User export lists the
     * org's users, not what they did: it adds none.
     */
    private static Map<String, java.util.BitSet> usersNamed(Run run, Contributions.Recorder contributions) {
        Map<String, java.util.BitSet> users = new HashMap<>();
        for (Behaviour.UserStats u : run.behaviour.users.values()) {
            String key = u.username.isEmpty() ? u.key : u.username.toLowerCase(Locale.ROOT);
            users.computeIfAbsent(key, k -> new java.util.BitSet()).or(u.inputs);
        }
        for (String user : run.logins.usernames()) {
            java.util.BitSet inputs = users.computeIfAbsent(user, k -> new java.util.BitSet());
            run.logins.of(user).stream()
                    .map(LoginHistory.Login::file)
                    .distinct()
                    .forEach(f -> inputs.or(contributions.inputsOf(f)));
        }
        run.setupTrail.actors().forEach((user, files) -> {
            java.util.BitSet inputs = users.computeIfAbsent(
                    user.startsWith("005") && (user.length() == 15 || user.length() == 18)
                            ? user
                            : user.toLowerCase(Locale.ROOT),
                    k -> new java.util.BitSet());
            files.forEach(f -> inputs.or(contributions.inputsOf(f)));
        });
        return users;
    }

    /** Report exports no run of their report was read for: said, as their row count is unknown. */
    private static void unmatchedExports(Behaviour b, Problems problems) {
        List<EvidenceRef> unmatched = new ArrayList<>();
        java.util.Map<EvidenceRef, String> reports = new java.util.HashMap<>();
        for (Behaviour.SessionStats s : b.sessions.values()) {
            for (Behaviour.ExportRef x : s.exports) {
                if (Behaviour.runOf(s, b.users.get(s.userKey), x) == null) {
                    unmatched.add(x.ref());
                    reports.put(x.ref(), x.reportId());
                }
            }
        }
        unmatched.sort(java.util.Comparator.comparing(EvidenceRef::file).thenComparingLong(EvidenceRef::line));
        for (EvidenceRef r : unmatched) {
            String id = reports.get(r);
            problems.report(
                    r.file(),
                    r.line(),
                    Problem.Kind.REPORT_ROWS_UNKNOWN,
                    "export of report " + (id.isEmpty() ? "(no REPORT_ID)" : id)
                            + " with no run of that report in the logs read: its row count is unknown (add the"
                            + " Report event log of the same day)");
        }
    }

    /**
     * Says which bulk reads no rule could judge, at the session's first read of customer rows: a
     * responder who sees no finding must not take a 400,000-row extraction for a benign one. The reason
     * rests on other inputs than the session's (the User export, other days' logs), so the problem names
     * an empty second input: the server treats it as privileged whenever any input is (as a problem of
     * no known input, docs/analysis-api.md).
     */
    private static void notJudged(List<AdminSessionRule.NotJudged> sessions, Problems problems) {
        for (AdminSessionRule.NotJudged n : sessions) {
            Behaviour.SessionStats s = n.session();
            EvidenceRef at = s.firstReadRef != null ? s.firstReadRef : s.firstRef;
            if (at == null) {
                continue;
            }
            StringBuilder objects = new StringBuilder();
            s.rowsByObject.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue()
                            .reversed()
                            .thenComparing(Map.Entry.comparingByKey()))
                    .forEach(e -> objects.append(objects.isEmpty() ? "" : ", ")
                            .append(Rules.count(e.getValue()))
                            .append(' ')
                            .append(e.getKey()));
            problems.report(new Problem(
                    at.file(),
                    at.line(),
                    Problem.Kind.BULK_READ_NOT_JUDGED,
                    "session " + s.key + " of " + n.user() + " read " + Rules.count(s.readRows)
                            + " customer rows (" + objects + ") and was not judged: " + n.reason()
                            + "; no finding about it does not mean it was benign",
                    ""));
        }
    }

    private static void checkInterrupt() throws InterruptedException {
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedException("analysis interrupted");
        }
    }

    /** Interruption seen inside a reader callback, carried out of code that cannot throw it. */
    private static final class Interrupted extends RuntimeException {
        Interrupted() {
            super(null, null, false, false);
        }
    }

    private static String message(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** The state of one analysis. */
    private final class Run {
        final int total;
        final ProgressListener progress;
        final Problems problems = new Problems(thresholds.rowProblemsListed());
        final Behaviour behaviour = new Behaviour(thresholds.customerObjects());
        final Captures captures = new Captures(thresholds, inspector);
        final Exports exports = new Exports();
        final OrgConfig config = new OrgConfig();
        final UserDirectory directory = new UserDirectory();
        final LoginHistory logins = new LoginHistory();
        final SetupAuditTrail setupTrail = new SetupAuditTrail();
        final List<AnalyzedInput> analyzed = new ArrayList<>();
        final Counter bytes = new Counter();
        final JsonRecordsReader jsonRecords = new JsonRecordsReader();
        final HarReader har = new HarReader(thresholds.maxBodyBytes());
        final RepeatedRows repeated = new RepeatedRows();
        /** The inputs (by index) in which something was recognised as a capture the analysis reads. */
        final java.util.BitSet recognised = new java.util.BitSet();

        int done;
        int input;
        Contributions.@Nullable Recorder contributions;
        String current = "";

        Run(int total, ProgressListener progress) {
            this.total = total;
            this.progress = progress;
        }

        /** Something in the current input (or an archive member of it) feeds the analysis. */
        private void recognised() {
            recognised.set(input);
        }

        private void batch() {
            if (Thread.currentThread().isInterrupted()) {
                throw new Interrupted();
            }
            progress.progress(new ProgressListener.Progress(
                    done, total, current, behaviour.events, ProgressListener.Phase.READING));
        }

        /** An input a {@link ReadAhead} worker opened, and parsed when it is an event log. */
        void read(String name, ReadAhead.Ahead ahead) throws IOException, InterruptedException {
            switch (ahead) {
                case ReadAhead.Failed f -> {
                    if (f.opened() && contributions != null) {
                        contributions.produced(name, input);
                    }
                    throw f.error();
                }
                case ReadAhead.Opened o -> {
                    try (InputStream in = o.in()) {
                        read(name, in, 0);
                    }
                }
                case ReadAhead.EventLog log -> eventLog(name, log);
            }
        }

        /** The events a worker parsed, aggregated in the order of the rows. */
        private void eventLog(String name, ReadAhead.EventLog log) throws IOException, InterruptedException {
            current = name;
            if (contributions != null) {
                contributions.produced(name, input);
            }
            recognised();
            long n = 0;
            try {
                for (List<ActivityEvent> b = log.batches.take(); b != ReadAhead.END; b = log.batches.take()) {
                    for (ActivityEvent e : b) {
                        event(e);
                        if ((++n & 4095) == 0) {
                            batch();
                        }
                    }
                }
            } catch (InterruptedException e) {
                throw new InterruptedException("analysis interrupted while reading " + name);
            }
            problems.addAll(log.problems());
            repeated.report(name, problems);
            bytes.count += log.bytes();
            analyzed.add(new AnalyzedInput(name, log.format()));
            Throwable failure = log.failure();
            if (failure instanceof IOException io) {
                throw io;
            } else if (failure instanceof RuntimeException r) {
                throw r;
            } else if (failure instanceof Error err) {
                throw err;
            }
        }

        void read(String name, InputStream raw, int depth) throws IOException, InterruptedException {
            current = name;
            if (contributions != null) {
                contributions.produced(name, input);
            }
            // bytes are counted as given: archive members are not counted again
            BufferedInputStream in = new BufferedInputStream(depth == 0 ? bytes.wrap(raw) : raw, SNIFF);
            in.mark(SNIFF);
            byte[] head = in.readNBytes(SNIFF);
            in.reset();
            String lower = name.toLowerCase(Locale.ROOT);
            if (head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
                archive(name, in, depth, false);
                return;
            }
            if (head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
                archive(name, in, depth, true);
                return;
            }
            int first = firstNonSpace(head);
            if (first < 0) {
                problems.report(name, 0, Problem.Kind.UNKNOWN_FORMAT, "empty input");
                analyzed.add(new AnalyzedInput(name, "empty"));
                return;
            }
            char c = (char) head[first];
            if (c == '<') {
                xml(name, in);
            } else if (c == '{' || c == '[') {
                String start = new String(head, StandardCharsets.UTF_8);
                if (lower.endsWith(".har")
                        || (start.contains("\"log\"") && start.contains("\"entries\""))
                        || (start.contains("\"log\"") && start.contains("\"creator\""))) {
                    analyzed.add(new AnalyzedInput(name, "har"));
                    recognised();
                    har.read(name, in, problems, e -> {
                        captures.accept(e);
                        if ((captures.entries & 255) == 0) {
                            batch();
                        }
                    });
                } else {
                    jsonRecords(name, in);
                }
            } else if (looksLikeText(head)) {
                csv(name, in, head);
            } else {
                problems.report(
                        name,
                        0,
                        Problem.Kind.UNKNOWN_FORMAT,
                        "not a format read here (CSV, JSON, HAR, XML, zip, gzip)");
                analyzed.add(new AnalyzedInput(name, "unknown"));
            }
        }

        /** An archive read member by member (a zip), or a gzip stream read as its one member. */
        private void archive(String name, InputStream in, int depth, boolean gzip) throws InterruptedException {
            analyzed.add(new AnalyzedInput(name, gzip ? "gzip" : "zip"));
            if (depth >= MAX_ZIP_DEPTH) {
                problems.report(name, 0, Problem.Kind.UNSAFE_ARCHIVE_ENTRY, "archive nested too deep; not opened");
                return;
            }
            SafeZip.EntryVisitor member = (entry, content) -> read(name + "!/" + entry, content, depth + 1);
            if (gzip) {
                // an event log saved as API.csv.gz: its content is read as any input
                SafeZip.gunzip(name, in, thresholds.zipLimits(), problems, member);
            } else {
                SafeZip.read(name, in, thresholds.zipLimits(), problems, member);
            }
        }

        private void xml(String name, InputStream in) {
            try {
                XmlNode root = SafeXml.parse(in);
                boolean known = config.add(name, root);
                if (known) {
                    recognised();
                }
                analyzed.add(
                        new AnalyzedInput(name, known ? "salesforce-metadata:" + root.name() : "xml:" + root.name()));
            } catch (SafeXml.Refused e) {
                problems.report(name, e.line(), e.kind(), e.getMessage());
                analyzed.add(new AnalyzedInput(name, "xml"));
            }
        }

        private void csv(String name, InputStream in, byte[] head) throws IOException {
            Header peek = CsvTable.peekHeader(head);
            try (CsvTable table = CsvTable.open(name, in, problems)) {
                if (table == null) {
                    analyzed.add(new AnalyzedInput(name, "csv"));
                    return;
                }
                Header h = table.header();
                if (EventLogReader.isEventLogFile(h)) {
                    analyzed.add(new AnalyzedInput(name, eventLogFormat(peek, head)));
                    recognised();
                    EventLogReader.read(name, table, problems, this::event, this::batch);
                } else if (UserDirectory.isAssignments(h)) {
                    analyzed.add(new AnalyzedInput(name, "salesforce-permission-set-assignments"));
                    recognised();
                    directory.readAssignments(name, table, problems);
                } else if (UserDirectory.isUsers(h)) {
                    analyzed.add(new AnalyzedInput(name, "salesforce-users"));
                    recognised();
                    directory.readUsers(name, table, problems);
                } else if (LoginHistory.isLoginHistory(h)) {
                    analyzed.add(new AnalyzedInput(name, OtherSalesforceFiles.LOGIN_HISTORY.format()));
                    recognised();
                    logins.read(name, table, problems);
                } else if (SetupAuditTrail.isSetupAuditTrail(h)) {
                    analyzed.add(new AnalyzedInput(name, OtherSalesforceFiles.SETUP_AUDIT_TRAIL.format()));
                    recognised();
                    setupTrail.read(name, table, problems);
                } else if (OtherSalesforceFiles.of(h) != null) {
                    OtherSalesforceFiles other = OtherSalesforceFiles.of(h);
                    analyzed.add(new AnalyzedInput(name, other.format()));
                    recognised();
                    long rows = 0;
                    while (table.next()) {
                        rows++;
                    }
                    problems.report(name, 1, Problem.Kind.UNSUPPORTED_EVENT_TYPE, other.notice(rows));
                } else {
                    String object = RealtimeEvents.objectFromName(name);
                    if (object == null) {
                        object = RealtimeEvents.objectFromFields(h::has);
                    }
                    if (object != null && (h.has("EventDate") || h.has("EventIdentifier"))) {
                        analyzed.add(new AnalyzedInput(name, "salesforce-event:" + object));
                        recognised();
                        realtimeCsv(name, table, object);
                    } else {
                        analyzed.add(new AnalyzedInput(name, "data-export-csv"));
                        exportCsv(name, table);
                    }
                }
            }
            // after the table's own problems, as ReadAhead's workers report them
            repeated.report(name, problems);
        }

        /** An event log's event, unless another file held it already (RepeatedRows). */
        private void event(ActivityEvent e) {
            if (!repeated.repeats(e)) {
                behaviour.accept(e);
            }
        }

        private void realtimeCsv(String name, CsvTable table, String object) {
            Header h = table.header();
            long n = 0;
            while (table.next()) {
                if ((++n & 4095) == 0) {
                    batch();
                }
                ActivityEvent e = RealtimeEvents.toEvent(object, f -> table.get(h.find(f)), name, table.line());
                if (e == null) {
                    problems.malformedRow(name, table.line(), "no readable EventDate");
                    continue;
                }
                behaviour.accept(e);
            }
        }

        private void exportCsv(String name, CsvTable table) {
            Header h = table.header();
            List<Integer> piiCols = new ArrayList<>();
            // columns whose name says card (Card_Number__c, Last_Card_Number__c, cc_pan): their values
            // decide, since a card's last four digits or a token is no card number
            List<Integer> cardCols = new ArrayList<>();
            Exports.ExportFile f = new Exports.ExportFile(name, objectOfExport(name));
            for (int i = 0; i < h.size(); i++) {
                PiiField kind = PiiField.of(h.names().get(i));
                if (kind != PiiField.NONE) {
                    piiCols.add(i);
                    f.piiColumns.add(h.names().get(i));
                }
                if (Exports.mayHoldCards(h.names().get(i), kind)) {
                    cardCols.add(i);
                }
            }
            long[] cardsIn = new long[h.size()];
            long n = 0;
            while (table.next()) {
                if ((++n & 4095) == 0) {
                    batch();
                }
                f.rows++;
                boolean pii = false;
                for (int col : piiCols) {
                    if (!table.get(col).isBlank()) {
                        pii = true;
                        break;
                    }
                }
                boolean card = false;
                for (int col : cardCols) {
                    if (Exports.cardNumber(table.get(col))) {
                        cardsIn[col]++;
                        card = true;
                    }
                }
                if (card) {
                    f.cardRows++;
                }
                if (pii || card) {
                    if (f.piiRows++ == 0) {
                        f.firstLine = table.line();
                    }
                }
            }
            for (int col : cardCols) {
                if (cardsIn[col] > 0) {
                    f.cards(h.names().get(col), cardsIn[col]);
                }
            }
            if (!f.piiColumns.isEmpty()) {
                // a data export is read for its columns of personal data: one without any feeds nothing
                recognised();
                exports.files.add(f);
            }
        }

        private void jsonRecords(String name, InputStream in) {
            String fromName = RealtimeEvents.objectFromName(name);
            Map<String, Exports.ExportFile> byType = new java.util.LinkedHashMap<>();
            long[] events = {0};
            long[] setup = {0, 0};
            long read = jsonRecords.read(name, in, problems, (type, fields, line) -> {
                if (type.equals("SetupAuditTrail")) {
                    setup[0]++;
                    setupTrail.readRecord(name, line, fields, problems);
                    return;
                }
                if (type.equals("LoginHistory")) {
                    setup[1]++;
                    logins.readRecord(name, line, fields, problems);
                    return;
                }
                String object = !type.isEmpty() && RealtimeEvents.OBJECTS.containsKey(type) ? type : fromName;
                if (object == null && type.isEmpty()) {
                    object = RealtimeEvents.objectFromFields(fields::containsKey);
                }
                if (object != null) {
                    ActivityEvent e = RealtimeEvents.toEvent(object, f -> fields.getOrDefault(f, ""), name, line);
                    if (e == null) {
                        problems.malformedRow(name, line, "no readable EventDate");
                    } else {
                        behaviour.accept(e);
                        if ((++events[0] & 4095) == 0) {
                            batch();
                        }
                    }
                    return;
                }
                Exports.ExportFile f = byType.computeIfAbsent(type, k -> new Exports.ExportFile(name, k));
                f.rows++;
                boolean pii = false;
                // fields whose name says card are judged by their values, as an export CSV's columns
                boolean card = false;
                for (var e : fields.entrySet()) {
                    if (e.getValue().isBlank()) {
                        continue;
                    }
                    PiiField kind = PiiField.of(e.getKey());
                    if (kind != PiiField.NONE) {
                        if (!f.piiColumns.contains(e.getKey()) && f.piiColumns.size() < 20) {
                            f.piiColumns.add(e.getKey());
                        }
                        pii = true;
                    }
                    if (Exports.mayHoldCards(e.getKey(), kind) && Exports.cardNumber(e.getValue())) {
                        f.cards(e.getKey(), 1);
                        card = true;
                    }
                }
                if (card) {
                    f.cardRows++;
                }
                if ((pii || card) && f.piiRows++ == 0) {
                    f.firstLine = line;
                }
            });
            logins.endOfFile(name, problems);
            problems.endOfFile(name);
            List<Exports.ExportFile> withPii =
                    byType.values().stream().filter(f -> f.piiRows > 0).toList();
            exports.files.addAll(withPii);
            if (events[0] > 0 || setup[0] > 0 || setup[1] > 0 || !withPii.isEmpty()) {
                recognised();
            }
            String format = events[0] > 0
                    ? "salesforce-event-json" + (fromName == null ? "" : ":" + fromName)
                    : setup[0] > 0
                            ? OtherSalesforceFiles.SETUP_AUDIT_TRAIL.format()
                            : setup[1] > 0
                                    ? OtherSalesforceFiles.LOGIN_HISTORY.format()
                                    : read > 0 ? "data-export-json" : "json";
            analyzed.add(new AnalyzedInput(name, format));
        }
    }

    /** How {@link AnalyzedInput#format()} names an Event Log File CSV: with its first row's event type. */
    static String eventLogFormat(@Nullable Header peek, byte[] head) {
        String type = firstEventType(peek, head);
        return "salesforce-elf" + (type.isEmpty() ? "" : ":" + type);
    }

    private static String firstEventType(@Nullable Header peek, byte[] head) {
        if (peek == null) {
            return "";
        }
        int col = peek.find("EVENT_TYPE");
        try (var r = CsvTable.reader(new java.io.ByteArrayInputStream(head))) {
            var it = r.iterator();
            if (it.hasNext()) {
                it.next();
            }
            if (it.hasNext()) {
                var rec = it.next();
                return col < rec.getFieldCount() ? rec.getField(col) : "";
            }
        } catch (RuntimeException | IOException e) {
            return "";
        }
        return "";
    }

    /**
     * The object a data export file holds, from its name (Contact.csv, Contact_admin_export.csv); none
     * for a report export, which Salesforce names {@code report} and a millisecond time
     * (report1701388800000.csv).
     */
    static String objectOfExport(String name) {
        String base = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('!')) + 1);
        int dot = base.indexOf('.');
        base = dot > 0 ? base.substring(0, dot) : base;
        int sep = base.indexOf('_');
        base = sep > 0 ? base.substring(0, sep) : base;
        return base.matches("(?i)report[0-9]{10,}") ? "" : base;
    }

    static int firstNonSpace(byte[] b) {
        int i = 0;
        if (b.length >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF) {
            i = 3;
        }
        for (; i < b.length; i++) {
            if (!Character.isWhitespace(b[i])) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Text, not binary: no NUL bytes and few control characters in the first bytes. Bytes from 0x80
     * up (UTF-8 sequences such as a byte-order mark or Japanese names, Latin-1 letters) are text.
     */
    static boolean looksLikeText(byte[] head) {
        int control = 0;
        for (byte x : head) {
            if (x == 0) {
                return false;
            }
            // x is signed: a byte of 0x80 and up is negative, and no control character
            if (x >= 0 && x < 0x20 && x != '\n' && x != '\r' && x != '\t') {
                control++;
            }
        }
        return control * 100 < Math.max(1, head.length);
    }

    /** Counts bytes read from inputs. */
    static final class Counter {
        long count;

        InputStream wrap(InputStream in) {
            return new FilterInputStream(in) {
                @Override
                public int read() throws IOException {
                    int b = super.read();
                    if (b >= 0) {
                        count++;
                    }
                    return b;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = super.read(b, off, len);
                    if (n > 0) {
                        count += n;
                    }
                    return n;
                }
            };
        }
    }
}
