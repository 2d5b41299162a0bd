package dev.tandem.leak;

import dev.tandem.leak.Behaviour.Ingest;
import dev.tandem.leak.Behaviour.SessionStats;
import dev.tandem.leak.Behaviour.UserStats;
import dev.tandem.leak.ContainmentAction.Action;
import dev.tandem.salesforce.OrgConfig;
import dev.tandem.salesforce.OrgConfig.AccessHolder;
import dev.tandem.salesforce.OrgConfig.Grant;
import dev.tandem.salesforce.UserDirectory;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The six rules (docs/leak-patterns.md), run once all inputs are read. Configuration is joined to
 * behaviour: a user's profile and permission sets come from the User and PermissionSetAssignment
 * exports and the metadata, their behaviour from the logs. A user or session explained by one
 * finding is claimed by it, so that one leak is one finding, not several.
 */
final class Rules {
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
    private static final Set<String> EXTERNAL_SHARED_TO = Set.of(
            "guestUser",
            "allPartnerUsers",
            "allCustomerPortalUsers",
            "portalRole",
            "portalRoleAndSubordinates",
            "channelProgramGroup",
            "allPortalUsers");
    private static final Set<String> OPEN_EXTERNAL_MODELS =
            Set.of("Read", "ReadWrite", "ReadWriteTransfer", "PublicRead", "PublicReadWrite", "FullAccess");
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final Thresholds t;
    private final Behaviour b;
    private final Captures captures;
    private final Exports exports;
    private final OrgConfig config;
    private final UserDirectory directory;
    private final Set<String> claimedUsers = new HashSet<>();
    private final Set<String> claimedSessions = new HashSet<>();
    private final Map<String, List<SessionStats>> sessionsByUser = new HashMap<>();

    Rules(Thresholds t, Behaviour b, Captures captures, Exports exports, OrgConfig config, UserDirectory directory) {
        this.t = t;
        this.b = b;
        this.captures = captures;
        this.exports = exports;
        this.config = config;
        this.directory = directory;
        for (SessionStats s : b.sessions.values()) {
            sessionsByUser.computeIfAbsent(s.userKey, k -> new ArrayList<>()).add(s);
        }
    }

    List<Finding> run() {
        List<Finding> out = new ArrayList<>();
        out.addAll(integrationSync());
        out.addAll(adminSessions());
        out.addAll(sharing());
        out.addAll(unencryptedExports());
        out.addAll(checkout());
        out.addAll(productApis());
        return merge(out);
    }

    // ---------------------------------------------------------------- who is who

    /** A permission holder as a user holds it: a profile, or a permission set by an assignment. */
    record Held(AccessHolder holder, UserDirectory.@Nullable Assignment via) {}

    /** A user joined across logs, directory and metadata. */
    record Who(String key, String id, UserDirectory.@Nullable User user, String profile, List<Held> holders) {

        Subject subject() {
            return new Subject(SubjectKind.USER, id);
        }
    }

    private Who who(UserStats u) {
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

    private static boolean isIntegration(Who w, UserStats u) {
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

    private static boolean isAdmin(Who w) {
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

    private boolean isExternal(UserStats u, Who w) {
        String type = (w.user() != null && !w.user().userType().isEmpty()
                        ? w.user().userType()
                        : u.userType)
                .toLowerCase(Locale.ROOT);
        return EXTERNAL_USER_TYPES.contains(type);
    }

    private static Subject holderSubject(AccessHolder h) {
        return new Subject(
                h.kind() == OrgConfig.HolderKind.PROFILE ? SubjectKind.PROFILE : SubjectKind.PERMISSION_SET, h.name());
    }

    private static String holderItem(AccessHolder h) {
        return (h.kind() == OrgConfig.HolderKind.PROFILE ? "Profile:" : "PermissionSet:") + h.name();
    }

    private static String holderText(AccessHolder h) {
        return (h.kind() == OrgConfig.HolderKind.PROFILE ? "profile " : "permission set ") + h.name();
    }

    // ---------------------------------------------------------------- 1. integration sync

    private List<Finding> integrationSync() {
        List<Finding> out = new ArrayList<>();
        for (UserStats u : sorted(b.users.values())) {
            Who w = who(u);
            if (!isIntegration(w, u)) {
                continue;
            }
            Map<Grant, Held> broad = new LinkedHashMap<>();
            for (Held h : w.holders()) {
                for (Grant g : h.holder().broadDataGrants(t.customerObjects())) {
                    broad.put(g, h);
                }
            }
            long total = 0;
            for (long[] r : u.rowsByObject.values()) {
                total += r[0];
            }
            if (broad.isEmpty() || total < t.minBulkRecords()) {
                continue;
            }
            List<SessionStats> sessions = sessionsByUser.getOrDefault(u.key, List.of());
            // extraction days well above the user's own usual volume
            List<Long> unusualDays = new ArrayList<>();
            for (Long d : new TreeSet<>(u.activeDays)) {
                long rows = u.rowsOn(d);
                long usual = u.usualDailyRows(Set.of(d));
                if (rows >= t.minBulkRecords() && rows > t.volumeFactor() * Math.max(usual, 1)) {
                    unusualDays.add(d);
                }
            }
            List<Ingest> copies = copiesElsewhere(u, w, sessions);
            String newIp = "";
            for (SessionStats s : sessions) {
                if (s.readRows >= t.minBulkRecords()
                        && !s.ip().isEmpty()
                        && u.historyDays(s.days) >= t.minHistoryDays()
                        && !u.knowsIp(s.ip(), s.key, s.days)) {
                    newIp = s.ip();
                }
            }
            if (copies.isEmpty() && unusualDays.isEmpty() && newIp.isEmpty()) {
                continue;
            }
            claimedUsers.add(u.key);
            List<EvidenceRef> configRefs = new ArrayList<>();
            List<EvidenceRef> contextRefs = new ArrayList<>();
            List<EvidenceRef> ingestRefs = new ArrayList<>();
            Set<String> from = new TreeSet<>();
            List<ContainmentAction> contain = new ArrayList<>();
            Set<String> grantTexts = new LinkedHashSet<>();
            for (var e : broad.entrySet()) {
                Grant g = e.getKey();
                Held h = e.getValue();
                configRefs.add(new EvidenceRef(g.file(), g.line()));
                grantTexts.add(permissionText(g) + " via " + holderText(h.holder()));
                contain.add(new ContainmentAction(
                        Action.REVOKE_PERMISSION,
                        holderSubject(h.holder()),
                        holderItem(h.holder()) + "#" + g.permission(),
                        "Revoke " + permissionText(g) + " from " + holderText(h.holder())
                                + " (grant only the objects and fields the integration syncs)"));
                if (h.via() != null) {
                    configRefs.add(new EvidenceRef(h.via().file(), h.via().line()));
                    contain.add(new ContainmentAction(
                            Action.REMOVE_PERMISSION_SET_ASSIGNMENT,
                            w.subject(),
                            "PermissionSetAssignment:" + h.holder().name() + "@" + w.id(),
                            "Remove the assignment of permission set "
                                    + h.holder().name() + " from " + w.id()));
                }
            }
            if (w.user() != null) {
                contextRefs.add(new EvidenceRef(w.user().file(), w.user().line()));
            }
            for (OrgConfig.ClientApp app : appsOf(w)) {
                contextRefs.add(new EvidenceRef(app.file(), app.line()));
                contain.add(new ContainmentAction(
                        Action.REVOKE_CONNECTED_APP_TOKENS,
                        new Subject(SubjectKind.CONNECTED_APP, app.name()),
                        app.type() + ":" + app.name(),
                        "Revoke the OAuth tokens " + app.name() + " holds for " + w.id()
                                + (app.ipRelaxation().toLowerCase(Locale.ROOT).contains("bypass")
                                        ? " and enforce IP restrictions (now " + app.ipRelaxation() + ")"
                                        : "")));
            }
            long records;
            String what;
            if (!copies.isEmpty()) {
                Map<String, Long> copied = new LinkedHashMap<>();
                for (Ingest in : copies) {
                    copied.merge(in.object, in.rows, Long::sum);
                    ingestRefs.addAll(in.top.refs());
                    from.addAll(in.top.files);
                }
                records = 0;
                StringBuilder objs = new StringBuilder();
                for (var e : copied.entrySet()) {
                    long read = u.rowsByObject.getOrDefault(e.getKey(), new long[] {0})[0];
                    long n = Math.min(read, e.getValue());
                    records += n;
                    objs.append(objs.isEmpty() ? "" : ", ")
                            .append(count(n))
                            .append(' ')
                            .append(e.getKey());
                }
                Ingest first = copies.getFirst();
                String target = first.orgId;
                UserStats targetUser = b.users.get(first.userKey);
                String targetName = targetUser == null || targetUser.username.isEmpty() ? "" : targetUser.username;
                boolean sandbox = !targetName.isEmpty() && looksLikeSandboxUser(targetName, w.id());
                what = "copied " + objs + " records into " + (sandbox ? "sandbox org " : "another org ") + target
                        + (targetName.isEmpty() ? "" : " (as " + targetName + ")");
                contain.add(new ContainmentAction(
                        Action.PURGE_COPIED_DATA,
                        new Subject(SubjectKind.OBJECT, first.object),
                        "Org:" + target + "#" + first.object,
                        "Delete or mask the customer records copied into org " + target
                                + (sandbox ? " (sandbox: refresh it, or mask data with Data Mask)" : "")));
            } else {
                records = 0;
                for (Long d : unusualDays) {
                    records += u.rowsOn(d);
                }
                if (records == 0) {
                    records = total;
                }
                what = "read " + count(records) + " customer rows" + (newIp.isEmpty() ? "" : " from new IP " + newIp);
            }
            Set<Long> extractionDays = new HashSet<>(unusualDays);
            for (SessionStats s : sessions) {
                if (s.readRows >= t.minBulkRecords()) {
                    extractionDays.addAll(s.days);
                }
            }
            List<EvidenceRef> extraction = new ArrayList<>();
            for (SessionStats s : sessions) {
                if (s.readRows > 0 && !java.util.Collections.disjoint(extractionDays, s.days)) {
                    extraction.addAll(s.top.refs());
                    from.addAll(s.top.files);
                    claimedSessions.add(s.key);
                }
            }
            // most telling first (the rule's merge keeps the first few): the grant, the extraction,
            // the copy, then the rest of the configuration
            List<EvidenceRef> evidence = new ArrayList<>(configRefs.subList(0, Math.min(2, configRefs.size())));
            evidence.addAll(extraction.subList(0, Math.min(4, extraction.size())));
            evidence.addAll(ingestRefs.subList(0, Math.min(3, ingestRefs.size())));
            evidence.addAll(contextRefs);
            evidence.addAll(configRefs);
            evidence.addAll(extraction);
            evidence.addAll(ingestRefs);
            contain.add(new ContainmentAction(
                    Action.RESET_CREDENTIALS,
                    w.subject(),
                    "User:" + w.id(),
                    "Rotate the integration's credentials (password, certificate or consumer secret) for " + w.id()));
            long usual = u.usualDailyRows(extractionDays);
            String rationale = "integration user (profile " + (w.profile().isEmpty() ? "unknown" : w.profile())
                    + ") holding " + String.join("; ", grantTexts) + "; " + what
                    + "; usual daily volume " + count(usual) + " rows; thresholds: at least "
                    + count(t.minBulkRecords()) + " rows, more than " + t.volumeFactor() + "x usual"
                    + (copies.isEmpty()
                            ? ""
                            : ", copy into another org within "
                                    + t.correlationWindow().toHours() + " h by the same integration (username or IP)");
            out.add(finding(
                    LeakPattern.OVERPERMISSIONED_INTEGRATION_SYNC,
                    !copies.isEmpty() || !newIp.isEmpty() ? Severity.CRITICAL : Severity.HIGH,
                    "Integration user " + w.id() + " with "
                            + grantTexts.iterator().next() + " " + what,
                    w.subject(),
                    evidence,
                    from,
                    records,
                    rationale,
                    contain));
        }
        return out;
    }

    private static String permissionText(Grant g) {
        return switch (g.permission()) {
            case "ViewAllData" -> "View All Data";
            case "ModifyAllData" -> "Modify All Data";
            case "ViewAllRecords" -> "View All records";
            case "ModifyAllRecords" -> "Modify All records";
            default -> g.permission();
        };
    }

    /** Salesforce names sandbox users after production ones: jane@acme.com → jane@acme.com.uat. */
    private static boolean looksLikeSandboxUser(String candidate, String productionUsername) {
        String c = candidate.toLowerCase(Locale.ROOT);
        String p = productionUsername.toLowerCase(Locale.ROOT);
        return c.length() > p.length() + 1 && c.startsWith(p + ".");
    }

    /** Writes of the objects this user read, into another org, by the same integration, in time. */
    private List<Ingest> copiesElsewhere(UserStats u, Who w, List<SessionStats> sessions) {
        Set<String> ips = new HashSet<>();
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (SessionStats s : sessions) {
            if (s.readRows > 0) {
                ips.addAll(s.ips);
                first = Math.min(first, s.first);
                last = Math.max(last, s.last);
            }
        }
        long window = t.correlationWindow().toMillis();
        List<Ingest> out = new ArrayList<>();
        for (Ingest in : b.ingests.values()) {
            if (u.orgs.contains(in.orgId) || in.userKey.equals(u.key) || !u.rowsByObject.containsKey(in.object)) {
                continue;
            }
            if (in.first < first - window || in.first > last + window) {
                continue;
            }
            UserStats writer = b.users.get(in.userKey);
            boolean sameName = writer != null && looksLikeSandboxUser(writer.username, w.id());
            boolean sameIp = !java.util.Collections.disjoint(in.ips, ips);
            if (sameName || sameIp) {
                out.add(in);
            }
        }
        out.sort(Comparator.comparingLong((Ingest i) -> -i.rows).thenComparing(i -> i.orgId + i.object));
        return out;
    }

    private List<OrgConfig.ClientApp> appsOf(Who w) {
        Set<String> sets = new HashSet<>();
        for (Held h : w.holders()) {
            sets.add(h.holder().name().toLowerCase(Locale.ROOT));
        }
        List<OrgConfig.ClientApp> out = new ArrayList<>();
        for (OrgConfig.ClientApp app : config.clientApps()) {
            boolean runsAs = app.runAsUser().equalsIgnoreCase(w.id());
            boolean byProfile =
                    !w.profile().isEmpty() && app.profiles().stream().anyMatch(p -> p.equalsIgnoreCase(w.profile()));
            boolean bySet = app.permissionSets().stream().anyMatch(p -> sets.contains(p.toLowerCase(Locale.ROOT)));
            if (runsAs || byProfile || bySet) {
                out.add(app);
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- 4. admin sessions

    private List<Finding> adminSessions() {
        List<Finding> out = new ArrayList<>();
        for (SessionStats s : sortedSessions()) {
            if (s.readRows < t.minBulkRecords()
                    || claimedUsers.contains(s.userKey)
                    || claimedSessions.contains(s.key)) {
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
            claimedSessions.add(s.key);
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

    // ---------------------------------------------------------------- 2. sharing

    private List<Finding> sharing() {
        List<Finding> out = new ArrayList<>();
        Map<String, long[]> externalRows = new HashMap<>();
        Map<String, List<EvidenceRef>> externalRefs = new HashMap<>();
        Map<String, Set<String>> externalFiles = new HashMap<>();
        for (UserStats u : sorted(b.users.values())) {
            Who w = who(u);
            if (!isExternal(u, w)) {
                continue;
            }
            for (var e : u.rowsByObject.entrySet()) {
                externalRows.computeIfAbsent(e.getKey(), k -> new long[1])[0] += e.getValue()[0];
                externalRefs.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).addAll(u.top.refs());
                externalFiles.computeIfAbsent(e.getKey(), k -> new TreeSet<>()).addAll(u.top.files);
            }
        }
        for (OrgConfig.SharingRule r : config.sharingRules()) {
            if (!t.customerObjects().contains(r.object())) {
                continue;
            }
            boolean external = r.ruleType().equals("guest") || EXTERNAL_SHARED_TO.contains(r.sharedToKind());
            OrgConfig.ObjectSharing owd = config.object(r.object());
            boolean undoesPrivate = r.sharedToKind().equals("allInternalUsers")
                    && owd != null
                    && owd.internal().equalsIgnoreCase("Private");
            if (!external && !undoesPrivate) {
                continue;
            }
            long rows = external ? externalRows.getOrDefault(r.object(), new long[1])[0] : 0;
            List<EvidenceRef> evidence = new ArrayList<>();
            Set<String> from = new TreeSet<>();
            evidence.add(new EvidenceRef(r.file(), r.line()));
            if (owd != null) {
                evidence.add(new EvidenceRef(owd.file(), owd.line()));
            }
            if (external) {
                evidence.addAll(externalRefs.getOrDefault(r.object(), List.of()));
                from.addAll(externalFiles.getOrDefault(r.object(), Set.of()));
            }
            String audience = switch (r.sharedToKind()) {
                case "guestUser" -> "unauthenticated site guest users";
                case "allPartnerUsers" -> "all partner portal users";
                case "allCustomerPortalUsers", "allPortalUsers" -> "all customer portal users";
                case "allInternalUsers" -> "all internal users";
                default -> external ? "external users" : r.sharedToKind();
            };
            Subject subject = new Subject(SubjectKind.SHARING_RULE, r.id());
            List<ContainmentAction> contain = List.of(new ContainmentAction(
                    Action.DEACTIVATE_SHARING_RULE,
                    subject,
                    "SharingRules:" + r.id(),
                    "Delete sharing rule " + r.id() + " (or narrow it to the group that needs it)"));
            out.add(finding(
                    LeakPattern.SHARING_RULE_EXPOSURE,
                    external ? (rows > 0 ? Severity.CRITICAL : Severity.HIGH) : Severity.MEDIUM,
                    "Sharing rule " + r.id() + " gives " + (r.accessLevel().isEmpty() ? "access" : r.accessLevel())
                            + " on " + r.object() + " records to " + audience
                            + (rows > 0 ? "; external users read " + count(rows) + " " + r.object() + " rows" : ""),
                    subject,
                    evidence,
                    from,
                    external && rows > 0 ? rows : null,
                    r.ruleType() + " sharing rule shared to " + r.sharedToKind()
                            + (r.sharedTo().isEmpty() ? "" : " " + r.sharedTo())
                            + (undoesPrivate ? "; the object's org-wide default is Private" : "")
                            + (external
                                    ? "; rows read by external (guest/portal) users per the logs: " + count(rows)
                                    : ""),
                    contain));
        }
        for (OrgConfig.ObjectSharing o : config.objects()) {
            if (!t.customerObjects().contains(o.object()) || !OPEN_EXTERNAL_MODELS.contains(o.external())) {
                continue;
            }
            long rows = externalRows.getOrDefault(o.object(), new long[1])[0];
            Subject subject = new Subject(SubjectKind.OBJECT, o.object());
            List<EvidenceRef> evidence = new ArrayList<>();
            Set<String> from = new TreeSet<>();
            evidence.add(new EvidenceRef(o.file(), o.line()));
            evidence.addAll(externalRefs.getOrDefault(o.object(), List.of()));
            from.addAll(externalFiles.getOrDefault(o.object(), Set.of()));
            out.add(finding(
                    LeakPattern.SHARING_RULE_EXPOSURE,
                    rows > 0 ? Severity.CRITICAL : Severity.HIGH,
                    "Org-wide default for " + o.object() + " gives external users " + o.external() + " access"
                            + (rows > 0 ? "; external users read " + count(rows) + " rows" : ""),
                    subject,
                    evidence,
                    from,
                    rows > 0 ? rows : null,
                    "externalSharingModel " + o.external() + " on a customer object",
                    List.of(new ContainmentAction(
                            Action.TIGHTEN_ORG_WIDE_DEFAULT,
                            subject,
                            "CustomObject:" + o.object() + "#externalSharingModel",
                            "Set the external org-wide default of " + o.object() + " to Private"))));
        }
        return out;
    }

    // ---------------------------------------------------------------- 3. unencrypted export

    private List<Finding> unencryptedExports() {
        List<Finding> out = new ArrayList<>();
        // (a) callouts in clear text, joined to what the calling users read around them
        for (Behaviour.HostCallouts h : sortedHosts()) {
            List<OrgConfig.NamedCredential> creds = config.namedCredentials().stream()
                    .filter(c -> Hosts.host(c.url()).equals(h.host))
                    .toList();
            boolean credInsecure = creds.stream()
                    .anyMatch(c -> c.url().toLowerCase(Locale.ROOT).startsWith("http:"));
            if (h.insecureCalls == 0 && !credInsecure) {
                continue;
            }
            long records = 0;
            Set<String> callers = new TreeSet<>();
            List<EvidenceRef> evidence = new ArrayList<>();
            Set<String> from = new TreeSet<>();
            for (var e : h.userDays.entrySet()) {
                UserStats u = b.users.get(e.getKey());
                if (u == null) {
                    continue;
                }
                callers.add(who(u).id());
                long max = 0;
                for (Long d : e.getValue()) {
                    max = Math.max(max, u.rowsOn(d));
                }
                records += max;
                evidence.addAll(u.top.refs());
                from.addAll(u.top.files);
            }
            evidence.addAll(0, h.top.refs());
            from.addAll(h.top.files);
            for (OrgConfig.NamedCredential c : creds) {
                evidence.add(new EvidenceRef(c.file(), c.line()));
            }
            Subject subject = new Subject(SubjectKind.HOST, h.host);
            List<ContainmentAction> contain = new ArrayList<>();
            for (OrgConfig.NamedCredential c : creds) {
                contain.add(new ContainmentAction(
                        Action.REQUIRE_TLS,
                        new Subject(SubjectKind.ENDPOINT, c.url()),
                        "NamedCredential:" + c.name() + "#url",
                        "Change named credential " + c.name() + " to an https:// endpoint"));
            }
            contain.add(new ContainmentAction(
                    Action.BLOCK_HOST_AT_EGRESS,
                    subject,
                    "Egress:" + h.host + ":80",
                    "Block plain-HTTP traffic to " + h.host + " (remote site setting, egress proxy)"));
            out.add(finding(
                    LeakPattern.UNENCRYPTED_EXPORT,
                    records >= t.minExportRecords() ? Severity.HIGH : Severity.MEDIUM,
                    "Customer data sent to " + h.host + " over plain HTTP: " + h.insecureCalls + " callout"
                            + (h.insecureCalls == 1 ? "" : "s")
                            + (callers.isEmpty() ? "" : " by " + String.join(", ", callers)),
                    subject,
                    evidence,
                    from,
                    h.userDays.isEmpty() ? null : records,
                    h.insecureCalls + " of " + h.calls + " callouts to " + h.host + " used http:// ("
                            + String.join(", ", h.urls) + ")"
                            + (credInsecure ? "; named credential endpoint is http://" : "")
                            + "; records: the largest daily customer read of each calling user on callout days",
                    contain));
        }
        // (b) report exports well above the user's usual volume
        for (SessionStats s : sortedSessions()) {
            if (s.exports.isEmpty() || claimedSessions.contains(s.key) || claimedUsers.contains(s.userKey)) {
                continue;
            }
            UserStats u = b.users.get(s.userKey);
            if (u == null) {
                continue;
            }
            long rows = 0;
            List<EvidenceRef> evidence = new ArrayList<>();
            Set<String> from = new TreeSet<>();
            for (Behaviour.ExportRef x : s.exports) {
                long r = Math.max(
                        s.reportRows.getOrDefault(x.reportId(), 0L), u.reportRows.getOrDefault(x.reportId(), 0L));
                rows += r;
                evidence.add(x.ref());
            }
            long usual = u.usualDailyRows(s.days);
            if (rows < t.minExportRecords() || rows <= t.volumeFactor() * Math.max(usual, 1)) {
                continue;
            }
            evidence.addAll(s.top.refs());
            from.addAll(s.top.files);
            Who w = who(u);
            List<ContainmentAction> contain = new ArrayList<>();
            for (Held h : w.holders()) {
                if (h.holder().userPermissions().containsKey("ExportReport")) {
                    contain.add(new ContainmentAction(
                            Action.REVOKE_PERMISSION,
                            holderSubject(h.holder()),
                            holderItem(h.holder()) + "#ExportReport",
                            "Revoke Export Reports from " + holderText(h.holder())));
                }
            }
            contain.add(new ContainmentAction(
                    Action.QUARANTINE_FILE,
                    w.subject(),
                    "Device:" + w.id(),
                    "Find and delete the exported report files on the devices of " + w.id()));
            out.add(finding(
                    LeakPattern.UNENCRYPTED_EXPORT,
                    Severity.HIGH,
                    w.id() + " exported reports with " + count(rows) + " customer rows to unencrypted files",
                    w.subject(),
                    evidence,
                    from,
                    rows,
                    s.exports.size() + " report export(s) in one session totalling " + count(rows)
                            + " rows (report run row counts), against a usual " + count(usual) + " rows a day",
                    contain));
        }
        // (c) data export files holding personal data in clear text
        for (Exports.ExportFile f : exports.files) {
            if (f.piiRows < t.minExportRecords()) {
                continue;
            }
            Subject subject = new Subject(SubjectKind.FILE, f.file);
            out.add(finding(
                    LeakPattern.UNENCRYPTED_EXPORT,
                    Severity.HIGH,
                    "Export file " + f.file + " holds " + count(f.piiRows) + " "
                            + (f.object.isEmpty() ? "" : f.object + " ") + "records with personal data in clear text",
                    subject,
                    List.of(new EvidenceRef(f.file, f.firstLine)),
                    f.piiRows,
                    "columns with personal data: " + String.join(", ", f.piiColumns) + "; " + count(f.rows)
                            + " rows, threshold " + count(t.minExportRecords()),
                    List.of(new ContainmentAction(
                            Action.QUARANTINE_FILE,
                            subject,
                            "File:" + f.file,
                            "Remove " + f.file + " from where it was found and from its copies; keep the evidence"
                                    + " copy in the vault"))));
        }
        return out;
    }

    // ---------------------------------------------------------------- 5 and 6. HTTP captures

    private List<Finding> checkout() {
        List<Finding> out = new ArrayList<>();
        for (Captures.Flow f : captures.checkout.values()) {
            Subject subject = new Subject(SubjectKind.HOST, f.host);
            out.add(finding(
                    LeakPattern.CHECKOUT_PII_TO_THIRD_PARTY,
                    f.pii.cards() > 0 || f.cleartext ? Severity.CRITICAL : Severity.HIGH,
                    "Checkout sends " + f.pii.kinds() + " to third-party host " + f.host + " (" + f.entries + " request"
                            + (f.entries == 1 ? "" : "s") + ")",
                    subject,
                    f.top.refs(),
                    f.top.files,
                    (long) f.pii.records(),
                    "checkout pages " + String.join(", ", f.pages) + " sent personal data in clear text ("
                            + f.pii.emails() + " emails, " + f.pii.phones() + " phones, " + f.pii.names() + " names, "
                            + f.pii.addresses() + " addresses, " + f.pii.cards() + " card numbers) to a host outside"
                            + " the page's domain, the configured first parties and approved processors",
                    List.of(
                            new ContainmentAction(
                                    Action.REMOVE_THIRD_PARTY_TAG,
                                    subject,
                                    "Web:checkout#" + f.host,
                                    "Remove the script or tag that calls " + f.host + " from the checkout pages"),
                            new ContainmentAction(
                                    Action.BLOCK_HOST_AT_EGRESS,
                                    subject,
                                    "CSP:checkout#connect-src",
                                    "Leave " + f.host + " out of the checkout Content-Security-Policy connect-src"))));
        }
        return out;
    }

    private List<Finding> productApis() {
        List<Finding> out = new ArrayList<>();
        for (Captures.Flow f : captures.productApis.values()) {
            Subject subject = new Subject(SubjectKind.ENDPOINT, f.id);
            out.add(finding(
                    LeakPattern.EXCESSIVE_API_RESPONSE_DATA,
                    f.pii.cards() > 0 ? Severity.CRITICAL : Severity.HIGH,
                    "Product API " + f.id + " returns customer data (" + f.pii.kinds() + ") of "
                            + count(f.pii.records()) + " people",
                    subject,
                    f.top.refs(),
                    f.top.files,
                    (long) f.pii.records(),
                    f.entries + " response(s) of a product/discovery endpoint carried personal data ("
                            + f.pii.emails() + " emails, " + f.pii.phones() + " phones, " + f.pii.names() + " names, "
                            + f.pii.addresses() + " addresses); such endpoints need product data only",
                    List.of(new ContainmentAction(
                            Action.RESTRICT_API_RESPONSE_FIELDS,
                            subject,
                            "API:" + f.id,
                            "Remove customer fields from the response of " + f.id
                                    + " (return aggregates, not buyers)"))));
        }
        return out;
    }

    // ---------------------------------------------------------------- plumbing

    private Finding finding(
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
    private Finding finding(
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

    /** One finding per pattern and subject; evidence sorted, distinct and capped. */
    private List<Finding> merge(List<Finding> all) {
        Map<String, Finding> by = new LinkedHashMap<>();
        for (Finding f : all) {
            String key = f.pattern() + "|" + f.subject();
            Finding prior = by.get(key);
            if (prior == null) {
                by.put(key, f);
                continue;
            }
            Finding first = prior.severity().compareTo(f.severity()) <= 0 ? prior : f;
            List<EvidenceRef> ev = new ArrayList<>(prior.evidence());
            ev.addAll(f.evidence());
            Long records = prior.records() == null
                    ? f.records()
                    : f.records() == null ? prior.records() : prior.records() + f.records();
            List<ContainmentAction> contain = new ArrayList<>(new LinkedHashSet<>(prior.containment()));
            for (ContainmentAction a : f.containment()) {
                if (!contain.contains(a)) {
                    contain.add(a);
                }
            }
            by.put(
                    key,
                    new Finding(
                            f.pattern(),
                            first.severity(),
                            first.title(),
                            f.subject(),
                            ev,
                            records,
                            f.controls(),
                            prior.rationale() + " | " + f.rationale(),
                            contain,
                            union(prior.sources(), f.sources())));
        }
        List<Finding> out = new ArrayList<>();
        for (Finding f : by.values()) {
            // rules list evidence most telling first: keep the first few, then show them in file order
            List<EvidenceRef> ev = new ArrayList<>(new LinkedHashSet<>(f.evidence()));
            if (ev.size() > t.maxEvidence()) {
                ev = ev.subList(0, t.maxEvidence());
            }
            ev = new ArrayList<>(new TreeSet<>(ev));
            out.add(new Finding(
                    f.pattern(),
                    f.severity(),
                    f.title(),
                    f.subject(),
                    ev,
                    f.records(),
                    f.controls(),
                    f.rationale(),
                    f.containment(),
                    // the lines left out by the cap still contributed: privilege follows every source
                    f.sources()));
        }
        out.sort(Comparator.comparing(Finding::severity)
                .thenComparing(Finding::pattern)
                .thenComparing(f -> f.subject().id()));
        return out;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> u = new TreeSet<>(a);
        u.addAll(b);
        return u;
    }

    private static List<UserStats> sorted(java.util.Collection<UserStats> users) {
        List<UserStats> l = new ArrayList<>(users);
        l.sort(Comparator.comparing(u -> u.key));
        return l;
    }

    private @Nullable List<SessionStats> sortedSessions;

    private List<SessionStats> sortedSessions() {
        if (sortedSessions == null) {
            List<SessionStats> l = new ArrayList<>(b.sessions.values());
            l.sort(Comparator.comparingLong((SessionStats s) -> s.first).thenComparing(s -> s.key));
            sortedSessions = l;
        }
        return sortedSessions;
    }

    private List<Behaviour.HostCallouts> sortedHosts() {
        List<Behaviour.HostCallouts> l = new ArrayList<>(b.callouts.values());
        l.sort(Comparator.comparing(h -> h.host));
        return l;
    }

    static String count(long n) {
        return NumberFormat.getIntegerInstance(Locale.ROOT).format(n);
    }
}
