package dev.tandem.leak;

import dev.tandem.leak.Behaviour.UserStats;
import dev.tandem.leak.ContainmentAction.Action;
import dev.tandem.salesforce.LoginHistory.Login;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * SUSPICIOUS_LOGIN: a successful login the Login History shows as a takeover's or a misused
 * integration's, where no extraction finding already cites it: failed logins just before, an
 * integration user at a browser, or a new IP from a country outside the user's usual ones or through
 * an OAuth application the user never logged in through.
 */
final class SuspiciousLoginRule extends LeakRule {
    private final AccessFacts facts;

    SuspiciousLoginRule(Observations o, AccessFacts facts) {
        super(o);
        this.facts = facts;
    }

    @Override
    LeakPattern pattern() {
        return LeakPattern.SUSPICIOUS_LOGIN;
    }

    @Override
    String summary() {
        return "a Login History login after a burst of failed logins, an integration user logging in"
                + " interactively, or a new IP from a country outside the user's usual ones or through an OAuth"
                + " application the user never logged in through";
    }

    @Override
    String claimsText() {
        return "skips users whose extraction finding cites the login";
    }

    @Override
    List<Finding> apply(Claims claims) {
        List<Finding> out = new ArrayList<>();
        java.util.Map<String, UserStats> byName = new java.util.HashMap<>();
        for (UserStats u : sortedUsers()) {
            if (!u.username.isEmpty()) {
                byName.putIfAbsent(u.username.toLowerCase(Locale.ROOT), u);
            }
        }
        for (String username : new TreeSet<>(o.logins.usernames())) {
            UserStats u = statsOf(byName, username);
            Who w = who(u);
            if (facts.explained.contains(w.id())) {
                continue;
            }
            boolean integration = isIntegration(w, u);
            AccessFacts.Walk walk = facts.new Walk();
            for (Login l : o.logins.of(username)) {
                if (!l.succeeded()) {
                    walk.add(l);
                    continue;
                }
                AccessFacts.LoginFacts lf = walk.judge(l, integration);
                walk.add(l);
                boolean burst = lf.facts().stream().anyMatch(x -> x.contains("failed logins"));
                boolean interactive = lf.facts().stream().anyMatch(x -> x.contains("interactively"));
                boolean country = lf.facts().stream().anyMatch(x -> x.contains("outside the user's usual"));
                if (!burst && !interactive && !(lf.newIp() && (country || lf.newApp()))) {
                    continue;
                }
                facts.suspectLogins.add(new AccessFacts.SuspectLogin(w, lf));
                boolean privileged = isAdmin(w) || integration || !broad(w).isEmpty();
                facts.timeline.add(new TimelineEntry(
                        Instant.ofEpochMilli(l.millis()),
                        "login",
                        w.id(),
                        l.ip(),
                        String.join("; ", lf.facts()),
                        new EvidenceRef(l.file(), l.line())));
                List<ContainmentAction> contain = List.of(
                        new ContainmentAction(
                                Action.REVOKE_SESSIONS,
                                w.subject(),
                                "User:" + w.id(),
                                "End every session of " + w.id() + " and revoke its OAuth tokens"),
                        new ContainmentAction(
                                Action.RESET_CREDENTIALS,
                                w.subject(),
                                "User:" + w.id(),
                                "Reset the password of " + w.id() + " and require MFA"),
                        new ContainmentAction(
                                Action.RESTRICT_LOGIN_IP_RANGES,
                                w.subject(),
                                w.profile().isEmpty() ? "User:" + w.id() : "Profile:" + w.profile() + "#loginIpRanges",
                                "Restrict logins of " + (w.profile().isEmpty() ? w.id() : "profile " + w.profile())
                                        + " to the company's IP ranges"
                                        + (l.ip().isEmpty() ? "" : " (and block " + l.ip() + ")")));
                out.add(finding(
                        pattern(),
                        privileged ? Severity.HIGH : Severity.MEDIUM,
                        (integration ? "Integration user " : isAdmin(w) ? "Administrator " : "User ") + w.id()
                                + " logged in at " + AccessFacts.time(l.millis())
                                + (l.ip().isEmpty() ? "" : " from " + l.ip())
                                + (burst ? " after " + (lf.refs().size() - 1) + " failed logins" : "")
                                + (interactive ? " interactively" : "")
                                + (country && !burst && !interactive ? " from country " + l.country() : "")
                                + (lf.newApp() && !country && !burst && !interactive
                                        ? " through " + l.application()
                                        : ""),
                        w.subject(),
                        lf.refs(),
                        null,
                        String.join("; ", lf.facts())
                                + "; no extraction by the user was found in the logs read"
                                + (privileged
                                        ? " (the user is an administrator, an integration, or holds View/Modify All Data)"
                                        : "")
                                + "; thresholds: " + t.failedLoginsBefore() + " failed logins within an hour, "
                                + t.minHistoryDays() + " days of earlier logins before an IP or country is new",
                        contain));
            }
        }
        return out;
    }

    /** The user's activity in the logs, or an empty record for a user only the Login History names. */
    private static UserStats statsOf(java.util.Map<String, UserStats> byName, String username) {
        UserStats known = byName.get(username.toLowerCase(Locale.ROOT));
        if (known != null) {
            return known;
        }
        UserStats u = new UserStats(username.toLowerCase(Locale.ROOT));
        u.username = username;
        return u;
    }

    private List<dev.tandem.salesforce.OrgConfig.Grant> broad(Who w) {
        List<dev.tandem.salesforce.OrgConfig.Grant> out = new ArrayList<>();
        for (Held h : w.holders()) {
            out.addAll(h.holder().broadDataGrants(t.customerObjects()));
        }
        return out;
    }
}
