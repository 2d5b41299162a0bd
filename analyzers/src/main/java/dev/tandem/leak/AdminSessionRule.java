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

/** ADMIN_SESSION_BULK_EXTRACTION: an administrator session reading far more customer rows than the administrator usually does. */
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
        return "an administrator session reads bulk customer rows far above the administrator's habit";
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
            if (!isAdmin(w)) {
                continue;
            }
            long usual = u.usualDailyRows(s.days);
            if (s.readRows <= t.volumeFactor() * Math.max(usual, 1)) {
                continue; // this administrator moves this much as a matter of course
            }
            List<String> signals = new ArrayList<>();
            List<EvidenceRef> evidence = new ArrayList<>();
            Set<String> from = new TreeSet<>();
            String ip = s.ip();
            if (!ip.isEmpty() && u.historyDays(s.days) >= t.minHistoryDays() && !u.knowsIp(ip, s.key, s.days)) {
                signals.add("from new IP " + ip);
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
            contain.add(new ContainmentAction(
                    Action.RESET_CREDENTIALS,
                    w.subject(),
                    "User:" + w.id(),
                    "Reset the password of " + w.id() + " and require MFA for the administrator profile"));
            if (!w.profile().isEmpty()) {
                contain.add(new ContainmentAction(
                        Action.RESTRICT_LOGIN_IP_RANGES,
                        new Subject(SubjectKind.PROFILE, w.profile()),
                        "Profile:" + w.profile() + "#loginIpRanges",
                        "Restrict logins of profile " + w.profile() + " to the company's IP ranges"
                                + (ip.isEmpty() ? "" : " (and block " + ip + ")")));
            }
            String rationale = "administrator (profile " + (w.profile().isEmpty() ? "unknown" : w.profile())
                    + ") read " + count(s.readRows) + " customer rows in one session against a usual "
                    + count(usual) + " a day (threshold: " + count(t.minBulkRecords()) + " rows and "
                    + t.volumeFactor() + "x usual)" + (signals.isEmpty() ? "" : "; " + String.join(", ", signals));
            out.add(finding(
                    LeakPattern.ADMIN_SESSION_BULK_EXTRACTION,
                    signals.isEmpty() ? Severity.HIGH : Severity.CRITICAL,
                    "Administrator " + w.id() + " extracted " + objs + " records in one session"
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
}
