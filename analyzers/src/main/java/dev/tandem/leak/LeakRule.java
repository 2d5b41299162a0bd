package dev.tandem.leak;

import dev.tandem.leak.Behaviour.SessionStats;
import dev.tandem.leak.Behaviour.UserStats;
import dev.tandem.salesforce.LoginHistory;
import dev.tandem.salesforce.OrgConfig;
import dev.tandem.salesforce.OrgConfig.AccessHolder;
import dev.tandem.salesforce.SetupAuditTrail;
import dev.tandem.salesforce.UserDirectory;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One leak rule (docs/leak-patterns.md), run once all inputs are read. Configuration is joined to
 * behaviour here: a user's profile and permission sets come from the User and
 * PermissionSetAssignment exports and the metadata, their behaviour from the logs. What earlier
 * rules already explained is in {@link Claims}.
 */
abstract class LeakRule {
    private static final Pattern INTEGRATION_PROFILE =
            Pattern.compile("(?i).*(integration|api[ -]?only|connector|service account).*");
    private static final Pattern INTEGRATION_USERNAME = Pattern.compile(
            "(?i)^(integration|int|api|svc|sync|etl|connector|mulesoft|boomi|informatica|dataloader)[._-].*|.*integration.*");
    private static final Set<String> EXTERNAL_USER_TYPES = Set.of(
            "guest",
            "powerpartner",
            "csplitportal",
            "cspliteportal",
            "customersuccess",
            "powercustomersuccess",
            "csnonly",
            "partner",
            "customer portal");

    /** What every rule reads. */
    static final class Observations {
        final Thresholds t;
        final Behaviour b;
        final Captures captures;
        final Exports exports;
        final OrgConfig config;
        final UserDirectory directory;
        final LoginHistory logins;
        final SetupAuditTrail trail;
        final Map<String, List<SessionStats>> sessionsByUser = new HashMap<>();
        final List<UserStats> users;
        final List<SessionStats> sessions;
        final List<Behaviour.HostCallouts> hosts;

        Observations(
                Thresholds t,
                Behaviour b,
                Captures captures,
                Exports exports,
                OrgConfig config,
                UserDirectory directory,
                LoginHistory logins,
                SetupAuditTrail trail) {
            this.t = t;
            this.logins = logins;
            this.trail = trail;
            this.b = b;
            this.captures = captures;
            this.exports = exports;
            this.config = config;
            this.directory = directory;
            for (SessionStats s : b.sessions.values()) {
                sessionsByUser
                        .computeIfAbsent(s.userKey, k -> new ArrayList<>())
                        .add(s);
            }
            List<UserStats> u = new ArrayList<>(b.users.values());
            u.sort(Comparator.comparing(x -> x.key));
            this.users = List.copyOf(u);
            List<SessionStats> s = new ArrayList<>(b.sessions.values());
            s.sort(Comparator.comparingLong((SessionStats x) -> x.first).thenComparing(x -> x.key));
            this.sessions = List.copyOf(s);
            List<Behaviour.HostCallouts> h = new ArrayList<>(b.callouts.values());
            h.sort(Comparator.comparing(x -> x.host));
            this.hosts = List.copyOf(h);
        }
    }

    final Observations o;
    final Thresholds t;
    final Behaviour b;
    final Captures captures;
    final Exports exports;
    final OrgConfig config;
    final UserDirectory directory;

    LeakRule(Observations o) {
        this.o = o;
        this.t = o.t;
        this.b = o.b;
        this.captures = o.captures;
        this.exports = o.exports;
        this.config = o.config;
        this.directory = o.directory;
    }

    /** The pattern this rule reports. */
    abstract LeakPattern pattern();

    /** What the rule reports, in a line (docs/leak-patterns.md, "The rules, in order"). */
    abstract String summary();

    /** What the rule claims from, or leaves to, the rules after it. */
    String claimsText() {
        return "";
    }

    /** The findings of this rule; what it explains, it claims. */
    abstract List<Finding> apply(Claims claims);

    // ---------------------------------------------------------------- who is who

    /** A permission holder as a user holds it: a profile, or a permission set by an assignment. */
    record Held(AccessHolder holder, UserDirectory.@Nullable Assignment via) {}

    /** A user joined across logs, directory and metadata. */
    record Who(String key, String id, UserDirectory.@Nullable User user, String profile, List<Held> holders) {

        Subject subject() {
            return new Subject(SubjectKind.USER, id);
        }
    }

    Who who(UserStats u) {
        UserDirectory.User user = directory.byId(u.userId);
        if (user == null) {
            user = directory.byUsername(u.username);
        }
        String id = user != null ? user.username() : !u.username.isEmpty() ? u.username : u.userId;
        if (id.isEmpty()) {
            id = u.key;
        }
        List<Held> holders = new ArrayList<>();
        String profile = "";
        if (user != null) {
            profile = user.profile();
            AccessHolder p = config.profile(profile);
            if (p != null) {
                holders.add(new Held(p, null));
            }
            for (UserDirectory.Assignment a : directory.assignmentsOf(user)) {
                for (AccessHolder ps : config.permissionSets(a.permissionSet())) {
                    holders.add(new Held(ps, a));
                }
            }
        }
        return new Who(u.key, id, user, profile, holders);
    }

    static boolean isIntegration(Who w, UserStats u) {
        if (INTEGRATION_PROFILE.matcher(w.profile()).matches()
                || INTEGRATION_USERNAME.matcher(w.id()).matches()) {
            return true;
        }
        for (Held h : w.holders()) {
            if (h.holder().userPermissions().containsKey("ApiUserOnly")) {
                return true;
            }
        }
        return u.logins > 0 && u.uiLogins == 0;
    }

    static boolean isAdmin(Who w) {
        String p = w.profile().toLowerCase(Locale.ROOT);
        if (p.equals("system administrator") || p.equals("admin")) {
            return true;
        }
        for (Held h : w.holders()) {
            if (h.holder().administers()) {
                return true;
            }
        }
        return false;
    }

    boolean isExternal(UserStats u, Who w) {
        String type = (w.user() != null && !w.user().userType().isEmpty()
                        ? w.user().userType()
                        : u.userType)
                .toLowerCase(Locale.ROOT);
        return EXTERNAL_USER_TYPES.contains(type);
    }

    static Subject holderSubject(AccessHolder h) {
        return new Subject(
                h.kind() == OrgConfig.HolderKind.PROFILE ? SubjectKind.PROFILE : SubjectKind.PERMISSION_SET, h.name());
    }

    static String holderItem(AccessHolder h) {
        return (h.kind() == OrgConfig.HolderKind.PROFILE ? "Profile:" : "PermissionSet:") + h.name();
    }

    static String holderText(AccessHolder h) {
        return (h.kind() == OrgConfig.HolderKind.PROFILE ? "profile " : "permission set ") + h.name();
    }

    // ---------------------------------------------------------------- findings

    Finding finding(
            LeakPattern p,
            Severity s,
            String title,
            Subject subject,
            List<EvidenceRef> evidence,
            @Nullable Long records,
            String rationale,
            List<ContainmentAction> contain) {
        return new Finding(p, s, title, subject, evidence, records, p.soc2(), rationale, contain);
    }

    /**
     * A finding that also rests on {@code sources}: the files whose lines were offered to the
     * aggregates it was built from ({@link Behaviour.Top#files}), not only those kept as its lines.
     */
    Finding finding(
            LeakPattern p,
            Severity s,
            String title,
            Subject subject,
            List<EvidenceRef> evidence,
            Set<String> sources,
            @Nullable Long records,
            String rationale,
            List<ContainmentAction> contain) {
        return new Finding(p, s, title, subject, evidence, records, p.soc2(), rationale, contain, sources);
    }

    List<UserStats> sortedUsers() {
        return o.users;
    }

    List<SessionStats> sortedSessions() {
        return o.sessions;
    }

    List<Behaviour.HostCallouts> sortedHosts() {
        return o.hosts;
    }

    List<SessionStats> sessionsOf(UserStats u) {
        return o.sessionsByUser.getOrDefault(u.key, List.of());
    }

    static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> u = new TreeSet<>(a);
        u.addAll(b);
        return u;
    }

    static String count(long n) {
        return NumberFormat.getIntegerInstance(Locale.ROOT).format(n);
    }
}
