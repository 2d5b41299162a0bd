package dev.tandem.leak;

import dev.tandem.leak.Behaviour.SessionStats;
import dev.tandem.leak.Behaviour.UserStats;
import dev.tandem.leak.LeakRule.Held;
import dev.tandem.leak.LeakRule.Who;
import dev.tandem.salesforce.LoginHistory;
import dev.tandem.salesforce.LoginHistory.Login;
import dev.tandem.salesforce.SetupAuditTrail;
import dev.tandem.salesforce.SetupAuditTrail.Change;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * What the Login History and the Setup Audit Trail say about the extractions the rules found
 * (docs/leak-patterns.md, "Login History and Setup Audit Trail"): the login an extraction session
 * came through (an IP the user never logged in from, failed logins just before, an integration
 * user at a browser, a country outside the user's usual ones) and the setup changes that opened
 * data by or for the extracting user shortly before or during it. Run once the extraction rules
 * are done; their findings gain these facts in their rationale and lines, and the timeline gains
 * the dated facts.
 */
final class AccessFacts {
    static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    /** How far before a session's first event its login may be (a session lasts hours at most). */
    private static final long LOGIN_LOOKBACK = 24 * 3_600_000L;

    /** Logins a moment after a session's first logged event still started it (clocks, batching). */
    private static final long LOGIN_SLACK = 60_000L;

    /** An extraction session a finding reports, with the user it is by. */
    record Extraction(Who who, UserStats user, SessionStats session, LeakPattern pattern) {}

    /** The login a session came through and what is suspect about it. */
    record LoginFacts(Login login, List<String> facts, List<EvidenceRef> refs, boolean newIp, boolean newApp) {}

    /** A login a finding reports or cites as suspect, with the user it is by and what is suspect about it. */
    record SuspectLogin(Who who, LoginFacts facts) {}

    private final LeakRule.Observations o;
    private final LoginHistory logins;
    private final SetupAuditTrail trail;
    final List<Extraction> extractions = new ArrayList<>();
    /** The logins the findings cite or report as suspect (extractions' logins, then SUSPICIOUS_LOGIN's). */
    final List<SuspectLogin> suspectLogins = new ArrayList<>();

    final List<TimelineEntry> timeline = new ArrayList<>();
    /** The users (as findings name them) an extraction finding already cites logins for. */
    final Set<String> explained = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);

    private final java.util.function.Function<UserStats, Who> who;

    /** @param who how the rules join a user of the logs to the directory and metadata ({@link LeakRule#who}) */
    AccessFacts(LeakRule.Observations o, java.util.function.Function<UserStats, Who> who) {
        this.o = o;
        this.who = who;
        this.logins = o.logins;
        this.trail = o.trail;
    }

    static String time(long millis) {
        return TIME.format(Instant.ofEpochMilli(millis));
    }

    // ---------------------------------------------------------------- logins

    /** The user's login attempts as the Login History names them: by username. */
    List<Login> loginsOf(Who w, @Nullable UserStats u) {
        List<Login> l = logins.of(w.id());
        if (l.isEmpty() && u != null && !u.username.isEmpty()) {
            l = logins.of(u.username);
        }
        return l;
    }

    /**
     * The successful login at or before {@code at} (within a day) that a session from {@code ip}
     * came through: the latest from that IP, else the latest; null when the history has none.
     */
    static @Nullable Login loginBefore(List<Login> all, long at, String ip) {
        Login any = null;
        for (int i = all.size() - 1; i >= 0; i--) {
            Login l = all.get(i);
            if (l.millis() > at + LOGIN_SLACK || !l.succeeded()) {
                continue;
            }
            if (at - l.millis() > LOGIN_LOOKBACK) {
                break;
            }
            if (ip.isEmpty() || l.ip().equals(ip)) {
                return l;
            }
            if (any == null) {
                any = l;
            }
        }
        return any;
    }

    /** What is suspect about {@code login}, judged against the user's attempts before it. */
    LoginFacts facts(List<Login> all, Login login, boolean integration) {
        Walk walk = new Walk();
        for (Login l : all) {
            if (l == login) {
                break;
            }
            walk.add(l);
        }
        return walk.judge(login, integration);
    }

    /**
     * A user's login attempts read in time order once, keeping what a login is judged against: the
     * IPs, countries and days of the successful logins so far, and the failed logins since the last
     * success within the hour (a brute force of thousands of attempts keeps only the last hour's).
     */
    final class Walk {
        private final Set<String> ips = new java.util.HashSet<>();
        private final Set<String> apps = new java.util.HashSet<>();
        private final Set<String> countries = new TreeSet<>();
        private final Set<Long> days = new java.util.HashSet<>();
        private final Set<Long> countryDays = new java.util.HashSet<>();
        private final java.util.ArrayDeque<Login> failed = new java.util.ArrayDeque<>();
        private long earlier;

        /** Adds an attempt, after judging it if it succeeded. */
        void add(Login l) {
            if (!l.succeeded()) {
                failed.addLast(l);
                while (l.millis() - failed.getFirst().millis() > 3_600_000L) {
                    failed.removeFirst();
                }
                return;
            }
            // a success ends a burst: failures before it are not the next login's
            failed.clear();
            earlier++;
            if (ips.size() < 4096) {
                ips.add(l.ip());
            }
            if (apps.size() < 4096) {
                apps.add(application(l));
            }
            long day = Math.floorDiv(l.millis(), Behaviour.DAY);
            days.add(day);
            if (!l.country().isEmpty()) {
                countries.add(l.country());
                countryDays.add(day);
            }
        }

        /** What is suspect about a successful {@code login} after the attempts added so far. */
        LoginFacts judge(Login login, boolean integration) {
            List<String> facts = new ArrayList<>();
            List<EvidenceRef> refs = new ArrayList<>();
            refs.add(new EvidenceRef(login.file(), login.line()));
            boolean newIp = false;
            if (!login.ip().isEmpty()
                    && days.size() >= o.t.minHistoryDays()
                    && ips.size() < 4096
                    && !ips.contains(login.ip())) {
                newIp = true;
                facts.add("Login History: login at " + time(login.millis()) + " from IP " + login.ip()
                        + ", never used in the user's " + earlier + " earlier successful logins");
            }
            List<Login> burst = new ArrayList<>();
            for (Login f : failed) {
                if (login.millis() - f.millis() <= 3_600_000L) {
                    burst.add(f);
                }
            }
            if (burst.size() >= o.t.failedLoginsBefore()) {
                Set<String> statuses = new LinkedHashSet<>();
                for (Login f : burst) {
                    statuses.add(f.status());
                    refs.add(new EvidenceRef(f.file(), f.line()));
                }
                facts.add("Login History: " + burst.size() + " failed logins (" + String.join(", ", statuses)
                        + ") in the hour before the successful login at " + time(login.millis()));
            }
            if (integration && login.interactive()) {
                facts.add("Login History: the integration user logged in interactively at " + time(login.millis())
                        + " (Login Type " + login.loginType()
                        + (login.browser().isEmpty() ? "" : ", browser " + login.browser()) + ")");
            }
            // an OAuth or API login through an application the user never logged in through: a connected
            // app someone talked the user into authorising is one (docs/leak-patterns.md)
            boolean newApp = false;
            String app = application(login);
            if (!login.interactive()
                    && !login.loginType().isEmpty()
                    && !app.isEmpty()
                    && days.size() >= o.t.minHistoryDays()
                    && apps.size() < 4096
                    && !apps.contains(app)) {
                newApp = true;
                facts.add("Login History: login at " + time(login.millis()) + " through " + login.application()
                        + " (Login Type " + login.loginType() + "), an application none of the user's " + earlier
                        + " earlier successful logins came through");
            }
            if (!login.country().isEmpty()
                    && countryDays.size() >= o.t.minHistoryDays()
                    && !countries.contains(login.country())) {
                facts.add("Login History: login from country " + login.country() + ", outside the user's usual "
                        + String.join(", ", countries));
            }
            return new LoginFacts(login, facts, refs, newIp, newApp);
        }
    }

    /** The application a login came through, as the Login History names it; empty for none ("N/A"). */
    static String application(Login l) {
        String a = l.application().trim();
        return a.equalsIgnoreCase("N/A") ? "" : a.toLowerCase(Locale.ROOT);
    }

    // ---------------------------------------------------------------- setup changes

    /** Whether a change was made by {@code w}, for {@code w}, or to a profile or permission set {@code w} holds. */
    static boolean concerns(Change c, Who w) {
        String id = w.id();
        if (c.user().equalsIgnoreCase(id)
                || c.delegate().equalsIgnoreCase(id)
                || c.forUser().equalsIgnoreCase(id)) {
            return true;
        }
        if (c.opens().permission() != null && !c.holder().isEmpty()) {
            if (c.holderIsProfile() && c.holder().equalsIgnoreCase(w.profile())) {
                return true;
            }
            for (Held h : w.holders()) {
                if (h.holder().name().equalsIgnoreCase(c.holder())
                        || h.holder().label().equalsIgnoreCase(c.holder())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The changes that concern {@code w} made from a correlation window before {@code from} (the extraction's start) to {@code to}. */
    List<Change> changesAround(Who w, long from, long to) {
        long window = o.t.correlationWindow().toMillis();
        List<Change> out = new ArrayList<>();
        for (Change c : trail.changes()) {
            if (c.millis() >= from - window && c.millis() <= to && concerns(c, w)) {
                out.add(c);
            }
        }
        return out;
    }

    /** When a change was made, said against the extraction it preceded or fell in. */
    static String relative(Change c, SessionStats s) {
        long start = s.extractionStart();
        if (c.millis() >= start) {
            return "during the extraction";
        }
        long minutes = (start - c.millis()) / 60_000L;
        if (minutes < 1) {
            return "less than a minute before the extraction";
        }
        return (minutes < 120 ? minutes + " min" : (minutes / 60) + " h") + " before the extraction";
    }

    // ---------------------------------------------------------------- the findings

    /**
     * The findings with the logins and setup changes of their extractions added: rationale, lines,
     * and the severity their rule gives such a signal (an administrator's extraction with any sign
     * of takeover is CRITICAL; an integration's from a new IP is).
     */
    List<Finding> annotate(List<Finding> findings, Claims claims) {
        if (logins.isEmpty() && trail.changes().isEmpty()) {
            return findings;
        }
        Map<String, List<UserStats>> byId = new HashMap<>();
        Map<UserStats, Who> whos = new HashMap<>();
        for (UserStats u : o.users) {
            Who w = who.apply(u);
            whos.put(u, w);
            byId.computeIfAbsent(w.id().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(u);
        }
        List<Finding> out = new ArrayList<>();
        for (Finding f : findings) {
            if (f.subject().kind() != SubjectKind.USER) {
                out.add(f);
                continue;
            }
            List<UserStats> us = byId.getOrDefault(f.subject().id().toLowerCase(Locale.ROOT), List.of());
            List<String> facts = new ArrayList<>();
            List<EvidenceRef> refs = new ArrayList<>();
            boolean signal = false;
            boolean newIp = false;
            boolean admin = true;
            for (UserStats u : us) {
                Who w = whos.get(u);
                admin &= LeakRule.isAdmin(w);
                boolean integration = LeakRule.isIntegration(w, u);
                List<Login> history = loginsOf(w, u);
                for (SessionStats s : extractionSessions(u, f.pattern(), claims)) {
                    extractions.add(new Extraction(w, u, s, f.pattern()));
                    timeline.add(new TimelineEntry(
                            Instant.ofEpochMilli(s.extractionStart()),
                            "extraction",
                            w.id(),
                            s.ip(),
                            "first read of session " + s.key + " (" + LeakRule.count(s.readRows)
                                    + " customer rows" + (s.ip().isEmpty() ? "" : " from " + s.ip()) + "; "
                                    + f.pattern() + ")",
                            // the row logged at the entry's time, not the session's heaviest
                            Objects.requireNonNullElse(s.extractionStartRef(), new EvidenceRef("", 0))));
                    Login login =
                            loginBefore(history, s.loginMillis != Long.MIN_VALUE ? s.loginMillis : s.first, s.ip());
                    if (login != null) {
                        LoginFacts lf = facts(history, login, integration);
                        if (!lf.facts().isEmpty()) {
                            explained.add(w.id());
                            suspectLogins.add(new SuspectLogin(w, lf));
                            signal = true;
                            newIp |= lf.newIp();
                            for (String x : lf.facts()) {
                                if (!facts.contains(x)) facts.add(x);
                            }
                            refs.addAll(lf.refs());
                            timeline.add(new TimelineEntry(
                                    Instant.ofEpochMilli(login.millis()),
                                    "login",
                                    w.id(),
                                    login.ip(),
                                    String.join("; ", lf.facts()),
                                    new EvidenceRef(login.file(), login.line())));
                        }
                    }
                    for (Change c : changesAround(w, s.extractionStart(), s.last)) {
                        String x = "Setup Audit Trail: " + c.opens().text() + " (\"" + c.action() + "\") by " + c.by()
                                + " at " + time(c.millis()) + ", " + relative(c, s);
                        if (!facts.contains(x)) facts.add(x);
                        refs.add(new EvidenceRef(c.file(), c.line()));
                        signal = true;
                    }
                }
            }
            if (facts.isEmpty()) {
                out.add(f);
                continue;
            }
            Severity severity = f.severity();
            if ((f.pattern() == LeakPattern.ADMIN_SESSION_BULK_EXTRACTION && signal && admin)
                    || (f.pattern() == LeakPattern.OVERPERMISSIONED_INTEGRATION_SYNC && newIp)) {
                severity = Severity.CRITICAL;
            } else if (f.pattern() == LeakPattern.ADMIN_SESSION_BULK_EXTRACTION && signal) {
                // another user's session (AdminSessionRule): HIGH with one sign of takeover, CRITICAL with two
                severity = facts.size() >= 2 ? Severity.CRITICAL : min(severity, Severity.HIGH);
            }
            // the login and change lines right after the first line: the cap on evidence keeps the first few
            List<EvidenceRef> evidence = new ArrayList<>(f.evidence());
            evidence.addAll(Math.min(1, evidence.size()), new LinkedHashSet<>(refs));
            out.add(new Finding(
                    f.pattern(),
                    severity,
                    f.title(),
                    f.subject(),
                    evidence,
                    f.records(),
                    f.controls(),
                    f.rationale() + "; " + String.join("; ", facts),
                    f.containment(),
                    f.sources()));
        }
        return out;
    }

    /** The more urgent of two severities. */
    static Severity min(Severity a, Severity b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /**
     * The sessions a finding about {@code u} reports: those its rule claimed, else (rules that claim
     * none, such as report exports) the user's sessions that read bulk rows or exported reports;
     * at most a few, earliest first.
     */
    private List<SessionStats> extractionSessions(UserStats u, LeakPattern p, Claims claims) {
        List<SessionStats> all = o.sessionsByUser.getOrDefault(u.key, List.of());
        List<SessionStats> claimed = new ArrayList<>();
        List<SessionStats> bulk = new ArrayList<>();
        for (SessionStats s : all) {
            if (claims.sessionClaimedBy(s.key) == p) {
                claimed.add(s);
            } else if (s.readRows >= o.t.minBulkRecords() || !s.exports.isEmpty()) {
                bulk.add(s);
            }
        }
        List<SessionStats> chosen = claimed.isEmpty() ? bulk : claimed;
        chosen.sort(
                java.util.Comparator.comparingLong((SessionStats s) -> s.first).thenComparing(s -> s.key));
        return chosen.subList(0, Math.min(3, chosen.size()));
    }
}
