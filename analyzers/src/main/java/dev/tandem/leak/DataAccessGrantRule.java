package dev.tandem.leak;

import dev.tandem.leak.ContainmentAction.Action;
import dev.tandem.leak.LeakRule.Who;
import dev.tandem.salesforce.LoginHistory.Login;
import dev.tandem.salesforce.OrgConfig.AccessHolder;
import dev.tandem.salesforce.SetupAuditTrail.Change;
import dev.tandem.salesforce.SetupAuditTrail.Opens;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * DATA_ACCESS_GRANT: a Setup Audit Trail change that opens data: View All Data, Modify All Data or
 * API Enabled given to a profile or permission set; a permission set or profile granting them given
 * to a user; a connected app created or changed, its OAuth IP Relaxation relaxed or its Permitted
 * Users set to all users; a sharing rule created or changed, an org-wide default opened. CRITICAL
 * when made by or for a user whose extraction a finding reports, within the correlation window
 * before it or during it, or by a user within two hours after that user's suspicious login; HIGH
 * when made for the user after it (docs/adr/130-bulk-extraction-by-any-users-session-and-grants-after-a-suspicious-login.md).
 */
final class DataAccessGrantRule extends LeakRule {
    private final AccessFacts facts;

    DataAccessGrantRule(Observations o, AccessFacts facts) {
        super(o);
        this.facts = facts;
    }

    @Override
    LeakPattern pattern() {
        return LeakPattern.DATA_ACCESS_GRANT;
    }

    @Override
    String summary() {
        return "a Setup Audit Trail change that opens data (View All Data, Modify All Data, API Enabled, their"
                + " assignment, a connected app or its OAuth policy relaxed, sharing opened); CRITICAL shortly"
                + " before or during an extraction by or for the user, or by the user within 2 h after the user's"
                + " suspicious login (HIGH for the user)";
    }

    @Override
    List<Finding> apply(Claims claims) {
        List<Finding> out = new ArrayList<>();
        for (Change c : o.trail.changes()) {
            AccessFacts.Extraction tied = tiedTo(c);
            AccessFacts.SuspectLogin after = tied == null ? afterSuspectLogin(c) : null;
            String grants = grantsOfTarget(c);
            boolean assignment = c.opens() == Opens.PERMISSION_SET_ASSIGNED || c.opens() == Opens.PROFILE_ASSIGNED;
            if (assignment && grants == null && tied == null && after == null) {
                continue; // a permission set or profile not known to open data, given outside any extraction or
                // takeover
            }
            facts.timeline.add(new TimelineEntry(
                    Instant.ofEpochMilli(c.millis()),
                    "setup-change",
                    subject(c).id(),
                    "",
                    c.opens().text() + ": \"" + c.action() + "\" by " + c.by()
                            + (c.delegate().isEmpty() ? "" : " (delegate " + c.delegate() + ")"),
                    new EvidenceRef(c.file(), c.line())));
            Severity base = switch (c.opens()) {
                case VIEW_ALL_DATA, MODIFY_ALL_DATA, OAUTH_IP_RELAXED, OAUTH_ALL_USERS -> Severity.HIGH;
                case SHARING_OPENED ->
                    c.action().toLowerCase(Locale.ROOT).contains("public") ? Severity.HIGH : Severity.MEDIUM;
                case PERMISSION_SET_ASSIGNED, PROFILE_ASSIGNED ->
                    grants != null && (grants.contains("View All Data") || grants.contains("Modify All Data"))
                            ? Severity.HIGH
                            : Severity.MEDIUM;
                default -> Severity.MEDIUM;
            };
            Severity severity = tied != null
                    ? Severity.CRITICAL
                    : after != null
                            ? byTheUser(c, after.who()) ? Severity.CRITICAL : AccessFacts.min(base, Severity.HIGH)
                            : base;
            List<EvidenceRef> evidence = new ArrayList<>();
            evidence.add(new EvidenceRef(c.file(), c.line()));
            String why = "Setup Audit Trail, " + (c.section().isEmpty() ? "" : "section " + c.section() + ", ")
                    + AccessFacts.time(c.millis()) + ": \"" + c.action() + "\" by " + c.by()
                    + (c.delegate().isEmpty() ? "" : " (delegate " + c.delegate() + ")") + "; opens: "
                    + c.opens().text() + (grants == null ? "" : " (" + grants + ")");
            if (tied != null) {
                var s = tied.session();
                why += "; made " + AccessFacts.relative(c, s) + " by "
                        + tied.who().id() + " (session " + s.key
                        + ", " + count(s.readRows) + " customer rows from " + AccessFacts.time(s.extractionStart())
                        + " to "
                        + AccessFacts.time(s.lastRead != Long.MIN_VALUE ? s.lastRead : s.last) + ", " + tied.pattern()
                        + ")";
                evidence.addAll(s.top.refs().subList(0, Math.min(2, s.top.refs().size())));
            }
            if (after != null) {
                Login l = after.facts().login();
                why += "; made " + afterText(c, l) + " the suspicious login of "
                        + after.who().id() + " at "
                        + AccessFacts.time(l.millis()) + (l.ip().isEmpty() ? "" : " from " + l.ip())
                        + (byTheUser(c, after.who()) ? ", by that user" : ", for that user") + " ("
                        + String.join("; ", after.facts().facts()) + ")";
                evidence.addAll(after.facts().refs().subList(0, 1));
            }
            if (assignment && grants == null) {
                why += "; what it grants is not in the metadata read";
            }
            why += "; window: " + t.correlationWindow().toHours() + " h before an extraction to its end, "
                    + AFTER_SUSPECT_LOGIN.toHours() + " h after a suspicious login";
            out.add(finding(
                    pattern(), severity, title(c, tied, after), subject(c), evidence, null, why, containment(c)));
        }
        return out;
    }

    /**
     * How long after a suspicious login a change that opens data by or for its user is the
     * takeover's: Salesforce's default session timeout (Session Settings, 2 hours), the life of the
     * session the login opened unless it is used.
     */
    static final Duration AFTER_SUSPECT_LOGIN = Duration.ofHours(2);

    /**
     * The latest suspicious login (a SUSPICIOUS_LOGIN finding's, or one an extraction finding cites)
     * by the user a change was made by or for, at most {@link #AFTER_SUSPECT_LOGIN} before it; null
     * when none.
     */
    private AccessFacts.@Nullable SuspectLogin afterSuspectLogin(Change c) {
        AccessFacts.SuspectLogin found = null;
        for (AccessFacts.SuspectLogin l : facts.suspectLogins) {
            long at = l.facts().login().millis();
            if (c.millis() >= at
                    && c.millis() - at <= AFTER_SUSPECT_LOGIN.toMillis()
                    && AccessFacts.concerns(c, l.who())
                    && (found == null || at > found.facts().login().millis())) {
                found = l;
            }
        }
        return found;
    }

    /** Whether the change was made by the user (or by a delegate logged in as them). */
    private static boolean byTheUser(Change c, Who w) {
        return c.user().equalsIgnoreCase(w.id()) || c.delegate().equalsIgnoreCase(w.id());
    }

    /** "50 s after", "12 min after", "1 h after". */
    private static String afterText(Change c, Login l) {
        long seconds = (c.millis() - l.millis()) / 1000L;
        return (seconds < 60 ? seconds + " s" : seconds < 7200 ? (seconds / 60) + " min" : (seconds / 3600) + " h")
                + " after";
    }

    /** The extraction a change was made by or for the extracting user shortly before or during, or null. */
    private AccessFacts.@Nullable Extraction tiedTo(Change c) {
        long window = t.correlationWindow().toMillis();
        for (AccessFacts.Extraction x : facts.extractions) {
            var s = x.session();
            if (c.millis() >= s.extractionStart() - window
                    && c.millis() <= s.last
                    && AccessFacts.concerns(c, x.who())) {
                return x;
            }
        }
        return null;
    }

    /** What the assigned permission set or profile grants of the data permissions, as the metadata says; null if none or unknown. */
    private @Nullable String grantsOfTarget(Change c) {
        List<AccessHolder> holders = new ArrayList<>();
        if (c.opens() == Opens.PERMISSION_SET_ASSIGNED) {
            holders.addAll(config.permissionSets(c.holder()));
        } else if (c.opens() == Opens.PROFILE_ASSIGNED) {
            AccessHolder p = config.profile(c.holder());
            if (p != null) {
                holders.add(p);
            }
        } else {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (AccessHolder h : holders) {
            for (String[] p : new String[][] {
                {"ViewAllData", "View All Data"}, {"ModifyAllData", "Modify All Data"}, {"ApiEnabled", "API Enabled"}
            }) {
                if (h.userPermissions().containsKey(p[0]) && !out.contains(p[1])) {
                    out.add(p[1]);
                }
            }
        }
        return out.isEmpty() ? null : String.join(", ", out) + " by " + holderText(holders.getFirst());
    }

    private static Subject subject(Change c) {
        String holder = c.holder().isEmpty() ? "(unnamed in the Setup Audit Trail)" : c.holder();
        return switch (c.opens()) {
            case VIEW_ALL_DATA, MODIFY_ALL_DATA, API_ENABLED ->
                new Subject(c.holderIsProfile() ? SubjectKind.PROFILE : SubjectKind.PERMISSION_SET, holder);
            case PERMISSION_SET_ASSIGNED, PROFILE_ASSIGNED ->
                c.forUser().isEmpty()
                        ? new Subject(
                                c.opens() == Opens.PROFILE_ASSIGNED ? SubjectKind.PROFILE : SubjectKind.PERMISSION_SET,
                                holder)
                        : new Subject(SubjectKind.USER, c.forUser());
            case CONNECTED_APP, OAUTH_IP_RELAXED, OAUTH_ALL_USERS -> new Subject(SubjectKind.CONNECTED_APP, holder);
            case SHARING_OPENED ->
                new Subject(
                        c.action().toLowerCase(Locale.ROOT).contains("sharing rule")
                                        || c.section().toLowerCase(Locale.ROOT).contains("sharing rule")
                                ? SubjectKind.SHARING_RULE
                                : SubjectKind.OBJECT,
                        holder);
        };
    }

    private static String title(
            Change c, AccessFacts.@Nullable Extraction tied, AccessFacts.@Nullable SuspectLogin after) {
        String what = switch (c.opens()) {
            case VIEW_ALL_DATA, MODIFY_ALL_DATA, API_ENABLED ->
                c.opens().text() + " given to " + (c.holderIsProfile() ? "profile " : "permission set ") + c.holder();
            case PERMISSION_SET_ASSIGNED -> "Permission set " + c.holder() + " assigned to " + c.forUser();
            case PROFILE_ASSIGNED -> c.forUser() + " moved to profile " + c.holder();
            case CONNECTED_APP -> "Connected app " + c.holder() + " created or changed";
            case OAUTH_IP_RELAXED -> "Connected app " + c.holder() + " set to relax IP restrictions";
            case OAUTH_ALL_USERS -> "Connected app " + c.holder() + " opened to all users (self-authorize)";
            case SHARING_OPENED -> "Sharing opened: " + c.action();
        };
        return what + " by " + c.by() + " at " + AccessFacts.time(c.millis())
                + (tied == null
                        ? ""
                        : ", " + AccessFacts.relative(c, tied.session()) + " by "
                                + tied.who().id())
                + (after == null
                        ? ""
                        : ", " + afterText(c, after.facts().login()) + " the suspicious login of "
                                + after.who().id());
    }

    private static List<ContainmentAction> containment(Change c) {
        Subject s = subject(c);
        String holder = c.holder();
        return switch (c.opens()) {
            case VIEW_ALL_DATA, MODIFY_ALL_DATA, API_ENABLED ->
                List.of(new ContainmentAction(
                        Action.REVOKE_PERMISSION,
                        s,
                        (c.holderIsProfile() ? "Profile:" : "PermissionSet:") + holder + "#"
                                + c.opens().permission(),
                        "Revoke " + c.opens().text() + " from " + (c.holderIsProfile() ? "profile " : "permission set ")
                                + holder + " unless a change request approved it"));
            case PERMISSION_SET_ASSIGNED ->
                List.of(new ContainmentAction(
                        Action.REMOVE_PERMISSION_SET_ASSIGNMENT,
                        s,
                        "PermissionSetAssignment:" + holder + "@" + c.forUser(),
                        "Remove the assignment of permission set " + holder + " from " + c.forUser()));
            case PROFILE_ASSIGNED ->
                List.of(new ContainmentAction(
                        Action.FREEZE_USER,
                        s,
                        "User:" + c.forUser(),
                        "Freeze " + c.forUser() + " and move the user back to the profile held before"));
            case CONNECTED_APP, OAUTH_IP_RELAXED, OAUTH_ALL_USERS ->
                List.of(new ContainmentAction(
                        Action.REVOKE_CONNECTED_APP_TOKENS,
                        s,
                        "ConnectedApp:" + holder,
                        "Revoke the OAuth tokens of " + holder
                                + ", set Permitted Users to admin-approved users and enforce IP restrictions"));
            case SHARING_OPENED ->
                List.of(
                        s.kind() == SubjectKind.SHARING_RULE
                                ? new ContainmentAction(
                                        Action.DEACTIVATE_SHARING_RULE,
                                        s,
                                        "SharingRules:" + holder,
                                        "Delete or narrow sharing rule " + holder)
                                : new ContainmentAction(
                                        Action.TIGHTEN_ORG_WIDE_DEFAULT,
                                        s,
                                        "CustomObject:" + holder + "#sharingModel",
                                        "Set the org-wide default of " + holder + " back to Private"));
        };
    }
}
