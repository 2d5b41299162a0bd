package dev.tandem.leak;

import dev.tandem.leak.Behaviour.SessionStats;
import dev.tandem.leak.Behaviour.UserStats;
import dev.tandem.leak.ContainmentAction.Action;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * ADMIN_SESSION_BULK_EXTRACTION: an administrator session reading far more customer rows than the
 * administrator usually does, or any other user's session (but an integration's, which the
 * integration rule judges) reading far more through an API than that user usually does, given the
 * User export to tell who the user is and days of history to tell the habit by. The pattern keeps its contract name (docs/contracts.md §4, "Additions"); the
 * title says "Administrator" or "User". An administrator's finding is CRITICAL with any sign of
 * takeover; another user's is CRITICAL with a new IP and one more, HIGH with one, MEDIUM with none
 * (docs/adr/130-bulk-extraction-by-any-users-session-and-grants-after-a-suspicious-login.md).
 */
final class AdminSessionRule extends LeakRule {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    AdminSessionRule(Observations o) {
        super(o);
    }

    @Override
    LeakPattern pattern() {
        return LeakPattern.ADMIN_SESSION_BULK_EXTRACTION;
    }

    @Override
    String summary() {
        return "an administrator's session, or any other user's but an integration's, reads bulk customer rows far"
                + " above the user's habit (another user's through an API, given the User export and days of"
                + " history); CRITICAL with signs of takeover";
    }

    @Override
    String claimsText() {
        return "skips claimed users and sessions; claims the session";
    }

    @Override
    List<Finding> apply(Claims claims) {
        List<Finding> out = new ArrayList<>();
        for (SessionStats s : sortedSessions()) {
            if (s.readRows < t.minBulkRecords() || claims.userClaimed(s.userKey) || claims.sessionClaimed(s.key)) {
                continue;
            }
            UserStats u = b.users.get(s.userKey);
            if (u == null) {
                continue;
            }
            Who w = who(u);
            boolean admin = isAdmin(w);
            if (!admin
                    && (w.user() == null
                            || isIntegration(w, u)
                            || u.historyDays(s.days) < t.minHistoryDays()
                            || s.apiRows < t.minBulkRecords())) {
                // another user's session is judged when the User export says who the user is (no administrator),
                // the user is no integration (the integration rule's), the logs hold days of habit, and the rows
                // came through an API: report runs and their exports are the report export rule's
                continue;
            }
            long usual = u.usualDailyRows(s.days);
            if ((admin ? s.readRows : s.apiRows) <= t.volumeFactor() * Math.max(usual, 1)) {
                continue; // this user moves this much as a matter of course
            }
            List<String> signals = new ArrayList<>();
            List<EvidenceRef> evidence = new ArrayList<>();
            Set<String> from = new TreeSet<>();
            String ip = s.ip();
            boolean newIp = false;
            if (!ip.isEmpty() && u.historyDays(s.days) >= t.minHistoryDays() && !u.knowsIp(ip, s.key, s.days)) {
                signals.add("from new IP " + ip);
                newIp = true;
            }
            Map<String, String> newApps = newApps(u, s);
            for (Map.Entry<String, String> a : newApps.entrySet()) {
                signals.add("through connected app " + appName(a) + " that none of the user's other sessions used");
            }
            long loginAt = s.loginMillis != Long.MIN_VALUE ? s.loginMillis : s.first;
            if (s.loginMillis != Long.MIN_VALUE && u.logins > t.minLoginsForHours()) {
                int hour = (int) Math.floorMod(s.loginMillis / 3_600_000L, 24L);
                int around = u.loginHours[(hour + 23) % 24] + u.loginHours[hour] + u.loginHours[(hour + 1) % 24];
                double share = (double) (around - 1) / (u.logins - 1);
                if (share < t.unusualHourShare()) {
                    signals.add("at an unusual hour (" + TIME.format(Instant.ofEpochMilli(s.loginMillis)) + ")");
                }
            }
            if (s.loginRef != null) {
                evidence.add(s.loginRef);
            }
            if (s.loginAsRef != null) {
                signals.add(
                        "in a session started by Login As" + (s.loginAsBy.isEmpty() ? "" : " (" + s.loginAsBy + ")"));
                evidence.add(s.loginAsRef);
            }
            evidence.addAll(s.top.refs());
            from.addAll(s.top.files);
            for (Behaviour.ExportRef x : s.exports) {
                evidence.add(x.ref());
            }
            List<Behaviour.Failed> failed = Behaviour.failedLoginsBefore(u, loginAt);
            if (failed.size() >= t.failedLoginsBefore()) {
                signals.add("after " + failed.size() + " failed logins");
                for (Behaviour.Failed f : failed) {
                    evidence.add(f.ref());
                }
            }
            claims.claimSession(s.key, pattern());
            StringBuilder objs = new StringBuilder();
            s.rowsByObject.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .forEach(e -> objs.append(objs.isEmpty() ? "" : ", ")
                            .append(count(e.getValue()))
                            .append(' ')
                            .append(e.getKey()));
            List<ContainmentAction> contain = new ArrayList<>();
            contain.add(new ContainmentAction(
                    Action.FREEZE_USER,
                    w.subject(),
                    "User:" + w.id(),
                    "Freeze " + w.id() + " until the owner is reached"));
            contain.add(new ContainmentAction(
                    Action.REVOKE_SESSIONS,
                    w.subject(),
                    "Session:" + s.key,
                    "End the session (LOGIN_KEY/SESSION_KEY " + s.key + ") and all other sessions of " + w.id()));
            for (Map.Entry<String, String> a : newApps.entrySet()) {
                contain.add(new ContainmentAction(
                        Action.REVOKE_CONNECTED_APP_TOKENS,
                        new Subject(SubjectKind.CONNECTED_APP, appName(a)),
                        "ConnectedApp:" + appName(a),
                        "Revoke the OAuth tokens " + appName(a) + " holds for " + w.id()
                                + " and block the app until it is known"));
            }
            contain.add(new ContainmentAction(
                    Action.RESET_CREDENTIALS,
                    w.subject(),
                    "User:" + w.id(),
                    "Reset the password of " + w.id() + " and require MFA"
                            + (admin ? " for the administrator profile" : "")));
            if (!w.profile().isEmpty()) {
                contain.add(new ContainmentAction(
                        Action.RESTRICT_LOGIN_IP_RANGES,
                        new Subject(SubjectKind.PROFILE, w.profile()),
                        "Profile:" + w.profile() + "#loginIpRanges",
                        "Restrict logins of profile " + w.profile() + " to the company's IP ranges"
                                + (ip.isEmpty() ? "" : " (and block " + ip + ")")));
            }
            String profile = w.profile().isEmpty() ? "unknown" : w.profile();
            String rationale = (admin
                            ? "administrator (profile " + profile + ")"
                            : "user (profile " + profile + ", not an administrator: a user session)")
                    + " read " + count(s.readRows) + " customer rows in one session against a usual "
                    + count(usual) + " a day (threshold: " + count(t.minBulkRecords()) + " rows and "
                    + t.volumeFactor() + "x usual" + (admin ? "" : ", " + t.minHistoryDays() + " days of history")
                    + ")" + (signals.isEmpty() ? "" : "; " + String.join(", ", signals));
            Severity severity;
            if (admin) {
                severity = signals.isEmpty() ? Severity.HIGH : Severity.CRITICAL;
            } else {
                // a user's session reads only what the user may: one sign (a laptop at home) makes it HIGH,
                // a new IP with another (a connected app never used, an odd hour) CRITICAL
                severity = signals.isEmpty()
                        ? Severity.MEDIUM
                        : newIp && signals.size() >= 2 ? Severity.CRITICAL : Severity.HIGH;
            }
            out.add(finding(
                    LeakPattern.ADMIN_SESSION_BULK_EXTRACTION,
                    severity,
                    (admin ? "Administrator " : "User ") + w.id() + " extracted " + objs + " records in one session"
                            + (signals.isEmpty() ? "" : " " + String.join(", ", signals)),
                    w.subject(),
                    evidence,
                    from,
                    s.readRows,
                    rationale,
                    contain));
        }
        return out;
    }

    /** A session's bulk read that no rule could judge, and why (docs/leak-patterns.md, "Problems"). */
    record NotJudged(SessionStats session, String user, String reason) {}

    /**
     * The sessions that read at least {@code minBulkRecords} customer rows through an API and that no rule claimed
     * because what judging them needs is missing: no User export names the user (neither this rule
     * nor the integration rule can tell an administrator, an integration or another user), or, for a
     * user it names who is neither an administrator nor an integration, fewer than
     * {@code minHistoryDays} days of the user's activity to tell the habit by. Run after every rule, so
     * that a session another rule explained is not listed.
     */
    List<NotJudged> notJudged(Claims claims) {
        List<NotJudged> out = new ArrayList<>();
        for (SessionStats s : sortedSessions()) {
            // report runs and their exports are the report export rule's, judged without the User export
            if (s.apiRows < t.minBulkRecords() || claims.userClaimed(s.userKey) || claims.sessionClaimed(s.key)) {
                continue;
            }
            UserStats u = b.users.get(s.userKey);
            if (u == null) {
                continue;
            }
            Who w = who(u);
            if (w.user() == null) {
                out.add(new NotJudged(
                        s,
                        w.id(),
                        "no User export names the user, so whether it is an administrator, an integration or"
                                + " another user is unknown (add the User export, with Profile.Name)"));
            } else if (!isAdmin(w) && !isIntegration(w, u) && u.historyDays(s.days) < t.minHistoryDays()) {
                int days = u.historyDays(s.days);
                out.add(new NotJudged(
                        s,
                        w.id(),
                        "the logs read hold " + days + " other day" + (days == 1 ? "" : "s")
                                + " of the user's activity, and its usual volume needs " + t.minHistoryDays()
                                + " (add the event logs of the days before)"));
            }
        }
        return out;
    }

    /**
     * The connected apps (CONNECTED_APP_ID to CLIENT_NAME) the session's reads came through that
     * none of the user's other sessions used, given days of history; empty without.
     */
    private Map<String, String> newApps(UserStats u, SessionStats s) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        if (s.apps.isEmpty() || u.historyDays(s.days) < t.minHistoryDays()) {
            return out;
        }
        Set<String> known = new java.util.HashSet<>();
        for (SessionStats other : sessionsOf(u)) {
            if (other != s) {
                known.addAll(other.apps.keySet());
            }
        }
        for (Map.Entry<String, String> a : s.apps.entrySet()) {
            if (!known.contains(a.getKey())) {
                out.put(a.getKey(), a.getValue());
            }
        }
        return out;
    }

    /** A connected app by its CLIENT_NAME, else its id. */
    private static String appName(Map.Entry<String, String> app) {
        return app.getValue().isEmpty() ? app.getKey() : app.getValue();
    }
}
