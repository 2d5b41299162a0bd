package dev.tandem.leak;

import dev.tandem.salesforce.ActivityEvent;
import dev.tandem.salesforce.ActivityKind;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Everything the rules need from activity events, aggregated as the events stream by: per user
 * (daily volumes, IPs, login hours, failed logins, rows per object), per session (login, IPs, rows
 * read, top evidence lines, report exports), per callout host and per write into an org. State
 * grows with users, sessions, hosts and days, never with rows.
 */
final class Behaviour {
    static final long DAY = 86_400_000L;
    private static final int TOP = 6;
    private static final int MAX_IPS = 256;

    private final Set<String> customerObjects;
    final Map<String, UserStats> users = new HashMap<>();
    final Map<String, SessionStats> sessions = new HashMap<>();
    final Map<String, HostCallouts> callouts = new HashMap<>();
    final Map<String, Ingest> ingests = new HashMap<>();
    long events;
    private @Nullable UserStats lastUser;

    /**
     * Operations Salesforce logs in several events (a Bulk API 2.0 job, one event per state change; a
     * report execution in chunks; {@link ActivityEvent#operationId()}): the rows already counted for
     * each, the largest count one of its events gave. An operation's events come close together, so past {@link #MAX_OPERATIONS}
     * the one seen longest ago is forgotten: state grows with operations, within a bound.
     */
    private final Map<String, long[]> operations = new java.util.LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, long[]> eldest) {
            return size() > MAX_OPERATIONS;
        }
    };

    static final int MAX_OPERATIONS = 1 << 16;

    /** The position of the analysis input being read: events are attributed to it. */
    int input;

    Behaviour(Set<String> customerObjects) {
        this.customerObjects = customerObjects;
    }

    /** A line with a weight, kept while it is among the heaviest few. */
    record Weighted(long weight, EvidenceRef ref) {}

    /** A failed login. */
    record Failed(long millis, EvidenceRef ref) {}

    /** A report exported to a file, joined later to the report run that gives its row count. */
    record ExportRef(String reportId, long millis, EvidenceRef ref) {}

    /** Keeps the {@link #TOP} heaviest evidence lines. */
    static final class Top {
        final List<Weighted> items = new ArrayList<>(TOP + 1);

        /** Every file whose lines were offered, kept or not: what contributed, beyond the top lines. */
        final Set<String> files = new LinkedHashSet<>(2);

        void offer(long weight, String file, long line) {
            files.add(file);
            int n = items.size();
            if (n == TOP && items.get(n - 1).weight() >= weight) {
                return;
            }
            // insertion into a list of at most TOP items, heaviest first; ties keep arrival order
            int at = n;
            while (at > 0 && items.get(at - 1).weight() < weight) {
                at--;
            }
            items.add(at, new Weighted(weight, new EvidenceRef(file, line)));
            if (items.size() > TOP) {
                items.removeLast();
            }
        }

        List<EvidenceRef> refs() {
            return items.stream().map(Weighted::ref).toList();
        }
    }

    static final class IpStats {
        long events;
        final Set<String> sessions = new HashSet<>(4);
        final Set<Long> days = new HashSet<>(4);
    }

    /** Reports per user or session whose runs are kept, and runs kept per report (the latest). */
    private static final int MAX_REPORTS = 1000;

    private static final int MAX_RUNS = 200;

    /** Records a run of {@code reportId}; beyond {@link #MAX_RUNS} the earliest run is dropped. */
    static void run(Map<String, java.util.TreeMap<Long, Long>> runs, String reportId, long millis, long rows) {
        java.util.TreeMap<Long, Long> r = runs.get(reportId);
        if (r == null) {
            if (runs.size() >= MAX_REPORTS) return;
            r = new java.util.TreeMap<>();
            runs.put(reportId, r);
        }
        r.merge(millis, rows, Math::max);
        if (r.size() > MAX_RUNS) r.pollFirstEntry();
    }

    /**
     * How far apart an export and the run it wrote are logged, either way: nothing promises the
     * Report row comes before the ReportExport row.
     */
    static final long EXPORT_RUN_WINDOW = 10 * 60_000L;

    /**
     * The run of {@code reportId} an export at {@code millis} wrote (its time and rows), or null: the
     * latest run within {@link #EXPORT_RUN_WINDOW} before it, else the earliest within that window
     * after it, else the latest run before it at any time.
     */
    static Map.@Nullable Entry<Long, Long> runOf(
            Map<String, java.util.TreeMap<Long, Long>> runs, String reportId, long millis) {
        java.util.TreeMap<Long, Long> r = runs.get(reportId);
        if (r == null) {
            return null;
        }
        Map.Entry<Long, Long> before = r.floorEntry(millis);
        if (before != null && millis - before.getKey() <= EXPORT_RUN_WINDOW) {
            return before;
        }
        Map.Entry<Long, Long> after = r.higherEntry(millis);
        if (after != null && after.getKey() - millis <= EXPORT_RUN_WINDOW) {
            return after;
        }
        return before;
    }

    /** The run an export wrote: the session's (see {@link #runOf}), else the user's; null when neither ran it. */
    static Map.@Nullable Entry<Long, Long> runOf(SessionStats s, @Nullable UserStats u, ExportRef x) {
        Map.Entry<Long, Long> run = runOf(s.reportRuns, x.reportId(), x.millis());
        return run != null || u == null ? run : runOf(u.reportRuns, x.reportId(), x.millis());
    }

    /**
     * A report id as runs and exports are matched on: its 15 case-sensitive characters (an
     * 18-character id adds a case checksum; the Report log's {@code REPORT_ID} has 15, ReportExport's
     * {@code REPORT_ID_DERIVED} 18).
     */
    static String reportKey(String id) {
        return id.length() == 18 ? id.substring(0, 15) : id;
    }

    /** A Report event log ORIGIN (or ReportEvent Operation) that says the run was an export. */
    static boolean exportOrigin(String origin) {
        return origin.startsWith("ReportExported");
    }

    static final class UserStats {
        final String key;
        String userId = "";
        String username = "";
        String userType = "";
        final int[] loginHours = new int[24];
        int logins;
        int apiLogins;
        int uiLogins;
        final Map<Long, long[]> dayRows = new HashMap<>();
        final Set<Long> activeDays = new HashSet<>();
        final Map<String, IpStats> ips = new HashMap<>();
        boolean roaming;
        final List<Failed> failedLogins = new ArrayList<>();
        final Map<String, long[]> rowsByObject = new HashMap<>();
        final Top top = new Top();
        /** Per report, the user's runs: epoch millis to rows (at most {@link #MAX_REPORTS} reports and {@link #MAX_RUNS} runs each). */
        final Map<String, java.util.TreeMap<Long, Long>> reportRuns = new HashMap<>();

        final Set<String> orgs = new HashSet<>(2);
        /** The analysis inputs (by position) whose events concern this user. */
        final BitSet inputs = new BitSet();
        // the last day, session and address seen: consecutive events of a user mostly share them,
        // and skipping the set and map updates for those is most of the cost per row
        long lastDay = Long.MIN_VALUE;

        @Nullable
        SessionStats lastSession;

        long @Nullable [] lastDayRows;
        long lastDayRowsDay = Long.MIN_VALUE;
        String lastIp = "";
        String lastIpSession = "";
        long lastIpDay = Long.MIN_VALUE;

        UserStats(String key) {
            this.key = key;
        }

        long rowsOn(long day) {
            long[] r = dayRows.get(day);
            return r == null ? 0 : r[0];
        }

        /** Median of the user's daily customer rows over active days other than those given. */
        long usualDailyRows(Set<Long> except) {
            List<Long> values = new ArrayList<>();
            for (Long d : activeDays) {
                if (!except.contains(d)) {
                    values.add(rowsOn(d));
                }
            }
            if (values.isEmpty()) {
                return 0;
            }
            values.sort(Long::compare);
            return values.get(values.size() / 2);
        }

        /**
         * Median of the user's daily customer rows on the same weekday as {@code day} in other weeks,
         * or -1 with fewer than two such days: a weekly full sync is that weekday's habit.
         */
        long usualOnWeekday(long day) {
            List<Long> values = new ArrayList<>();
            for (Long d : activeDays) {
                if (d != day && Math.floorMod(d - day, 7) == 0) {
                    values.add(rowsOn(d));
                }
            }
            if (values.size() < 2) {
                return -1;
            }
            values.sort(Long::compare);
            return values.get(values.size() / 2);
        }

        int historyDays(Set<Long> except) {
            int n = 0;
            for (Long d : activeDays) {
                if (!except.contains(d)) {
                    n++;
                }
            }
            return n;
        }

        /** True when the IP was used by this user in another session or on another day. */
        boolean knowsIp(String ip, String exceptSession, Set<Long> exceptDays) {
            IpStats s = ips.get(ip);
            if (s == null) {
                return roaming;
            }
            for (String session : s.sessions) {
                if (!session.equals(exceptSession)) {
                    return true;
                }
            }
            for (Long d : s.days) {
                if (!exceptDays.contains(d)) {
                    return true;
                }
            }
            return roaming;
        }

        /** Share of this user's logins within an hour either side of {@code hour}. */
        double loginShareAround(int hour) {
            if (logins == 0) {
                return 1;
            }
            int n = loginHours[(hour + 23) % 24] + loginHours[hour] + loginHours[(hour + 1) % 24];
            return (double) n / logins;
        }
    }

    static final class SessionStats {
        final String key;
        final String userKey;
        /** The analysis inputs (by position) whose events belong to this session. */
        final BitSet inputs = new BitSet();

        String orgId = "";
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        /** The row logged at {@link #first}: a timeline entry cites the row whose time it shows. */
        @Nullable
        EvidenceRef firstRef;

        @Nullable
        EvidenceRef loginRef;

        long loginMillis = Long.MIN_VALUE;
        String loginIp = "";

        @Nullable
        EvidenceRef loginAsRef;

        String loginAsBy = "";
        final Set<String> ips = new LinkedHashSet<>(4);
        long readRows;
        /** The customer rows of {@link #readRows} read through an API (Bulk, REST, SOAP), not by reports. */
        long apiRows;
        /** The time of the session's first read of customer rows; Long.MAX_VALUE before one. */
        long firstRead = Long.MAX_VALUE;
        /** The row of that first read (of rows logged at the same time, the first in file and line order). */
        @Nullable
        EvidenceRef firstReadRef;
        /** The time of the session's last read of customer rows; Long.MIN_VALUE before one. */
        long lastRead = Long.MIN_VALUE;

        long writeRows;
        boolean bulk;
        final Map<String, Long> rowsByObject = new HashMap<>();
        final Top top = new Top();
        /** Per report, this session's runs: epoch millis to rows (bounded as the user's are). */
        final Map<String, java.util.TreeMap<Long, Long>> reportRuns = new HashMap<>();

        final List<ExportRef> exports = new ArrayList<>();
        /**
         * The connected apps (or API clients) the session's reads came through, as the logs name them:
         * CONNECTED_APP_ID to CLIENT_NAME (key the name when no id is logged); at most a few.
         */
        final Map<String, String> apps = new java.util.LinkedHashMap<>(2);

        String lastApp = "";
        final Set<Long> days = new HashSet<>(2);
        long lastDay = Long.MIN_VALUE;

        SessionStats(String key, String userKey) {
            this.key = key;
            this.userKey = userKey;
        }

        /** When the extraction began: the first read of customer rows, else the session's first event. */
        long extractionStart() {
            return firstRead != Long.MAX_VALUE ? firstRead : first;
        }

        /**
         * The row logged at {@link #extractionStart()}: the first read's, else the first event's; a
         * timeline entry showing that time cites this row (docs/analysis-api.md, "The timeline").
         */
        @Nullable
        EvidenceRef extractionStartRef() {
            return firstRead != Long.MAX_VALUE ? firstReadRef : firstRef;
        }

        String ip() {
            return !loginIp.isEmpty()
                    ? loginIp
                    : ips.isEmpty() ? "" : ips.iterator().next();
        }
    }

    static final class HostCallouts {
        final String host;
        final Set<String> schemes = new HashSet<>();
        final Set<String> urls = new LinkedHashSet<>();
        /** The ports plain-HTTP callouts went to (80 where the URL names none). */
        final Set<Integer> insecurePorts = new java.util.TreeSet<>();

        long calls;
        long insecureCalls;
        long requestBytes;
        final Map<String, Set<Long>> userDays = new HashMap<>();
        final Top top = new Top();

        HostCallouts(String host) {
            this.host = host;
        }
    }

    static final class Ingest {
        final String orgId;
        final String userKey;
        final String object;
        long rows;
        long first = Long.MAX_VALUE;
        final Set<String> ips = new HashSet<>(4);
        final Top top = new Top();

        Ingest(String orgId, String userKey, String object) {
            this.orgId = orgId;
            this.userKey = userKey;
            this.object = object;
        }
    }

    static String userKey(ActivityEvent e) {
        if (!e.userId().isEmpty()) {
            return e.userId().length() > 15 ? e.userId().substring(0, 15) : e.userId();
        }
        return e.username().toLowerCase(Locale.ROOT);
    }

    /** The first customer object among ENTITY_NAME's values, or "". */
    String customerObject(String entity) {
        if (entity.isEmpty()) {
            return "";
        }
        if (entity.indexOf(',') < 0) {
            return customerObjects.contains(entity.strip()) ? entity.strip() : "";
        }
        for (String e : entity.split(",")) {
            if (customerObjects.contains(e.strip())) {
                return e.strip();
            }
        }
        return "";
    }

    void accept(ActivityEvent e) {
        events++;
        String uk = userKey(e);
        if (uk.isEmpty()) {
            return;
        }
        UserStats u = lastUser;
        if (u == null || !u.key.equals(uk)) {
            u = users.get(uk);
            if (u == null) {
                u = new UserStats(uk);
                users.put(uk, u);
            }
            lastUser = u;
        }
        u.inputs.set(input);
        if (!e.userId().isEmpty()) {
            u.userId = e.userId();
        }
        if (!e.username().isEmpty()) {
            u.username = e.username();
        }
        if (!e.userType().isEmpty()) {
            u.userType = e.userType();
        }
        long day = Math.floorDiv(e.epochMillis(), DAY);
        if (day != u.lastDay) {
            u.activeDays.add(day);
            u.lastDay = day;
        }
        if (!e.orgId().isEmpty() && u.orgs.size() < 4 && !u.orgs.contains(e.orgId())) {
            u.orgs.add(e.orgId());
        }

        String sid = e.sessionId();
        if (sid.isEmpty()) {
            // no session key (real-time events without one, some callouts): one synthetic session
            // per user, IP and hour, so that baselines still see separate occasions
            sid = uk + "|" + e.ip() + "|" + Math.floorDiv(e.epochMillis(), 3_600_000L);
        }
        // a failed login is no sign that the user works from that address
        boolean failedLogin = e.kind() == ActivityKind.LOGIN && !e.loginSucceeded();
        if (!e.ip().isEmpty() && !failedLogin) {
            if (day != u.lastIpDay || !e.ip().equals(u.lastIp) || !sid.equals(u.lastIpSession)) {
                noteIp(u, e.ip(), sid, day);
                u.lastIp = e.ip();
                u.lastIpSession = sid;
                u.lastIpDay = day;
            }
        }
        switch (e.kind()) {
            case LOGIN -> login(u, e, sid);
            case LOGIN_AS -> {
                SessionStats s = session(sid, u, e);
                s.loginAsRef = new EvidenceRef(e.file(), e.line());
                s.loginAsBy = e.delegatedUser();
            }
            case CALLOUT -> callout(u, e, day);
            case API, BULK, REPORT, REPORT_EXPORT, DOWNLOAD -> data(u, e, sid, day);
            case PAGE, LOGOUT -> session(sid, u, e);
        }
    }

    private void noteIp(UserStats u, String ip, String sid, long day) {
        IpStats s = u.ips.get(ip);
        if (s == null) {
            if (u.ips.size() >= MAX_IPS) {
                u.roaming = true; // too many addresses to call any of them new
                return;
            }
            s = new IpStats();
            u.ips.put(ip, s);
        }
        s.events++;
        if (s.sessions.size() < 4) {
            s.sessions.add(sid);
        }
        if (s.days.size() < 4) {
            s.days.add(day);
        }
    }

    private SessionStats session(String sid, UserStats u, ActivityEvent e) {
        SessionStats s = u.lastSession;
        if (s == null || !s.key.equals(sid)) {
            s = sessions.get(sid);
            if (s == null) {
                s = new SessionStats(sid, u.key);
                sessions.put(sid, s);
            }
            u.lastSession = s;
        }
        s.inputs.set(input);
        long t = e.epochMillis();
        if (t <= s.first) {
            s.firstRef = earlier(t, s.first, s.firstRef, e);
            s.first = t;
        }
        if (t > s.last) {
            s.last = t;
        }
        if (!e.orgId().isEmpty()) {
            s.orgId = e.orgId();
        }
        if (!e.ip().isEmpty() && s.ips.size() < 4 && !s.ips.contains(e.ip())) {
            s.ips.add(e.ip());
        }
        long day = Math.floorDiv(t, DAY);
        if (day != s.lastDay) {
            s.days.add(day);
            s.lastDay = day;
        }
        return s;
    }

    private void login(UserStats u, ActivityEvent e, String sid) {
        if (!e.loginSucceeded()) {
            if (u.failedLogins.size() >= 64) {
                u.failedLogins.removeFirst();
            }
            u.failedLogins.add(new Failed(e.epochMillis(), new EvidenceRef(e.file(), e.line())));
            return;
        }
        int hour = (int) Math.floorMod(e.epochMillis() / 3_600_000L, 24L);
        u.loginHours[hour]++;
        u.logins++;
        String type = e.loginType().toLowerCase(Locale.ROOT);
        if (type.contains("remote access")
                || type.contains("oauth")
                || type.contains("api")
                || type.contains("soap")
                || type.contains("partner")
                || type.contains("jwt")) {
            u.apiLogins++;
        } else {
            u.uiLogins++;
        }
        SessionStats s = session(sid, u, e);
        if (s.loginRef == null) {
            s.loginRef = new EvidenceRef(e.file(), e.line());
            s.loginMillis = e.epochMillis();
            s.loginIp = e.ip();
        }
    }

    /**
     * The count kept for the operation of {@code e}: the largest count of its events so far, -1
     * before its first; null for an event that stands alone.
     */
    private long @Nullable [] operation(ActivityEvent e) {
        if (e.operationId().isEmpty()) {
            return null;
        }
        String key = e.eventType() + '|' + e.orgId() + '|' + e.operationId();
        long[] counted = operations.get(key);
        if (counted == null) {
            counted = new long[] {-1};
            operations.put(key, counted);
        }
        return counted;
    }

    /**
     * The rows of {@code e} not counted yet: all of them, or for an event of an operation logged in
     * several events, what its count adds to the largest count of the operation's events before it
     * (a job counts its JobComplete records once, whatever state changes were logged around it).
     */
    static long uncounted(ActivityEvent e, long @Nullable [] operation) {
        long rows = Math.max(0, e.rows());
        if (operation == null) {
            return rows;
        }
        long more = Math.max(0, rows - Math.max(0, operation[0]));
        operation[0] = Math.max(operation[0], rows);
        return more;
    }

    private void data(UserStats u, ActivityEvent e, String sid, long day) {
        SessionStats s = session(sid, u, e);
        String object = customerObject(e.entity());
        long[] operation = operation(e);
        // a later chunk of a report execution already seen: its rows, run and export are that one's
        boolean again = operation != null && operation[0] >= 0;
        long rows = uncounted(e, operation);
        if (e.kind() == ActivityKind.BULK) {
            s.bulk = true;
        }
        // a run, or a real-time export event that carries its rows (ReportEvent RowsProcessed): what a
        // later export of the report wrote; runs that read nothing out (dashboard refreshes, charts)
        // are no such thing
        boolean run = e.kind() == ActivityKind.REPORT || (e.kind() == ActivityKind.REPORT_EXPORT && e.rows() > 0);
        String report = run || e.kind() == ActivityKind.REPORT_EXPORT ? reportKey(e.reportId()) : "";
        if (run && !again && !report.isEmpty() && e.reads()) {
            long runRows = Math.max(0, e.rows());
            run(s.reportRuns, report, e.epochMillis(), runRows);
            run(u.reportRuns, report, e.epochMillis(), runRows);
        }
        // a ReportExport row, or a Report row whose ORIGIN says it was exported (a Formatted Report or
        // XLSX Details export, which the ReportExport log does not capture)
        boolean export = e.kind() == ActivityKind.REPORT_EXPORT
                || (e.kind() == ActivityKind.REPORT && exportOrigin(e.operation()));
        if (export && !again) {
            if (s.exports.size() < 100) {
                s.exports.add(new ExportRef(report, e.epochMillis(), new EvidenceRef(e.file(), e.line())));
            }
        }
        if (object.isEmpty() || rows == 0) {
            return;
        }
        // evidence is weighed by the row's own count: a job's JobComplete row comes before its
        // processing updates, though it adds only what they had not counted
        long weight = Math.max(rows, e.rows());
        if (e.writes()) {
            s.writeRows += rows;
            if (!e.orgId().isEmpty()) {
                Ingest in = ingests.computeIfAbsent(
                        e.orgId() + "|" + u.key + "|" + object, k -> new Ingest(e.orgId(), u.key, object));
                in.rows += rows;
                in.first = Math.min(in.first, e.epochMillis());
                if (!e.ip().isEmpty() && in.ips.size() < 4) {
                    in.ips.add(e.ip());
                }
                in.top.offer(weight, e.file(), e.line());
            }
            return;
        }
        if (!e.reads()) {
            return;
        }
        String app = e.connectedAppId().isEmpty() ? e.clientName() : e.connectedAppId();
        // consecutive reads of a session come through one app: compared before a map is touched
        if (!app.isEmpty() && !app.equals(s.lastApp) && e.kind() != ActivityKind.REPORT) {
            s.lastApp = app;
            if (s.apps.size() < 4 || s.apps.containsKey(app)) {
                s.apps.merge(app, e.clientName(), (a, b) -> a.isEmpty() ? b : a);
            }
        }
        s.readRows += rows;
        if (e.kind() == ActivityKind.API || e.kind() == ActivityKind.BULK) {
            s.apiRows += rows;
        }
        if (e.epochMillis() <= s.firstRead) {
            s.firstReadRef = earlier(e.epochMillis(), s.firstRead, s.firstReadRef, e);
            s.firstRead = e.epochMillis();
        }
        if (e.epochMillis() > s.lastRead) {
            s.lastRead = e.epochMillis();
        }
        s.rowsByObject.merge(object, rows, Long::sum);
        s.top.offer(weight, e.file(), e.line());
        if (u.lastDayRows == null || u.lastDayRowsDay != day) {
            u.lastDayRows = u.dayRows.computeIfAbsent(day, d -> new long[1]);
            u.lastDayRowsDay = day;
        }
        u.lastDayRows[0] += rows;
        long[] perObject = u.rowsByObject.get(object);
        if (perObject == null) {
            perObject = new long[1];
            u.rowsByObject.put(object, perObject);
        }
        perObject[0] += rows;
        u.top.offer(weight, e.file(), e.line());
    }

    /**
     * The row to cite for the earliest time once {@code e}, logged at {@code t}, is seen beside the
     * earliest so far ({@code earliest}, at {@code kept}; {@code t <= earliest}): {@code e}'s row
     * when it is earlier, else of rows logged at the same time the first in file and line order, so
     * that the order the files are read in does not change the row cited.
     */
    static EvidenceRef earlier(long t, long earliest, @Nullable EvidenceRef kept, ActivityEvent e) {
        if (kept != null && t == earliest) {
            if (!kept.file().equals(e.file())) {
                return kept.file().compareTo(e.file()) <= 0 ? kept : new EvidenceRef(e.file(), e.line());
            }
            if (kept.line() <= e.line()) {
                return kept;
            }
        }
        return new EvidenceRef(e.file(), e.line());
    }

    private void callout(UserStats u, ActivityEvent e, long day) {
        String url = e.uri();
        int schemeEnd = url.indexOf("://");
        if (schemeEnd <= 0) {
            return;
        }
        String scheme = url.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
        String host = Hosts.host(url);
        if (host.isEmpty()) {
            return;
        }
        HostCallouts h = callouts.computeIfAbsent(host, HostCallouts::new);
        h.schemes.add(scheme);
        h.calls++;
        if (scheme.equals("http")) {
            h.insecureCalls++;
            if (h.insecurePorts.size() < 8) h.insecurePorts.add(Hosts.httpPort(url));
            h.top.offer(Math.max(1, e.requestBytes()), e.file(), e.line());
            h.userDays.computeIfAbsent(u.key, k -> new HashSet<>()).add(day);
        }
        if (h.urls.size() < 5) {
            h.urls.add(Hosts.withoutQuery(url));
        }
        h.requestBytes += Math.max(0, e.requestBytes());
    }

    /** The user's failed logins in the hour before {@code millis}. */
    static List<Failed> failedLoginsBefore(UserStats u, long millis) {
        List<Failed> out = new ArrayList<>();
        for (Failed f : u.failedLogins) {
            if (f.millis() <= millis && millis - f.millis() <= 3_600_000L) {
                out.add(f);
            }
        }
        return out;
    }
}
