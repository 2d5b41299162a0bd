package dev.tandem.leak;

import dev.tandem.leak.Behaviour.Ingest;
import dev.tandem.leak.Behaviour.SessionStats;
import dev.tandem.leak.Behaviour.UserStats;
import dev.tandem.leak.ContainmentAction.Action;
import dev.tandem.salesforce.OrgConfig;
import dev.tandem.salesforce.OrgConfig.Grant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** OVERPERMISSIONED_INTEGRATION_SYNC: an integration user with a broad data permission moving customer data (docs/leak-patterns.md). */
final class IntegrationSyncRule extends LeakRule {

    IntegrationSyncRule(Observations o) {
        super(o);
    }

    @Override
    LeakPattern pattern() {
        return LeakPattern.OVERPERMISSIONED_INTEGRATION_SYNC;
    }

    @Override
    String summary() {
        return "an integration user with a broad data permission reads bulk customer data and copies it to another org, reads far above its habit, or from a new IP";
    }

    @Override
    String claimsText() {
        return "claims the user and its extraction sessions";
    }

    @Override
    List<Finding> apply(Claims claims) {
        List<Finding> out = new ArrayList<>();
        for (UserStats u : sortedUsers()) {
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
            List<SessionStats> sessions = sessionsOf(u);
            // extraction days well above the user's own usual volume, and above that of the same
            // weekday in other weeks (a weekly full sync is routine, not an extraction)
            List<Long> unusualDays = new ArrayList<>();
            for (Long d : new TreeSet<>(u.activeDays)) {
                long rows = u.rowsOn(d);
                long usual = u.usualDailyRows(Set.of(d));
                if (rows >= t.minBulkRecords() && rows > t.volumeFactor() * Math.max(usual, 1)) {
                    long weekly = u.usualOnWeekday(d);
                    if (weekly < 0 || rows > t.volumeFactor() * Math.max(weekly, 1)) {
                        unusualDays.add(d);
                    }
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
            claims.claimUser(u.key, pattern());
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
                        grantItem(h.holder(), g),
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
            int appsAt = contain.size();
            List<OrgConfig.ClientApp> configured = appsOf(w);
            for (OrgConfig.ClientApp app : configured) {
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
                // the largest day's read: days of a sync re-read the same customers, so their sum
                // counts people several times
                records = 0;
                for (Long d : unusualDays) {
                    records = Math.max(records, u.rowsOn(d));
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
            Map<String, String> logged = new LinkedHashMap<>();
            long firstRead = Long.MAX_VALUE;
            long lastRead = Long.MIN_VALUE;
            Set<String> extractionSessions = new LinkedHashSet<>();
            for (SessionStats s : sessions) {
                if (s.readRows > 0 && !java.util.Collections.disjoint(extractionDays, s.days)) {
                    // the reads' times, not the session's login or other events
                    firstRead = Math.min(firstRead, s.firstRead);
                    lastRead = Math.max(lastRead, s.lastRead);
                    if (extractionSessions.size() < 3) {
                        extractionSessions.add(s.key);
                    }
                    extraction.addAll(s.top.refs());
                    from.addAll(s.top.files);
                    claims.claimSession(s.key, pattern());
                    s.apps.forEach((id, name) -> logged.merge(id, name, (a, c) -> a.isEmpty() ? c : a));
                }
            }
            String through = loggedApps(logged);
            contain.addAll(appsAt, loggedAppActions(logged, configured, w.id()));
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
                    + (through.isEmpty() ? "" : "; its reads came through " + through)
                    + (firstRead <= lastRead
                            ? "; extraction sessions " + String.join(", ", extractionSessions) + " from "
                                    + java.time.Instant.ofEpochMilli(firstRead) + " to "
                                    + java.time.Instant.ofEpochMilli(lastRead)
                            : "")
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

    /**
     * The configuration item a grant is: {@code PermissionSet:X#ViewAllData}, and an object
     * permission on its object, {@code PermissionSet:X#ViewAllRecords/Contact}, so that a change
     * approved for it does not also approve the same access on another object
     * (docs/change-control.md, "What the diffs touched").
     */
    static String grantItem(OrgConfig.AccessHolder holder, Grant g) {
        return holderItem(holder) + "#" + g.permission() + (g.object().isEmpty() ? "" : "/" + g.object());
    }

    /** The grant as an administrator names it, with the object of an object permission. */
    static String permissionText(Grant g) {
        String on = g.object().isEmpty() ? "" : " on " + g.object();
        return switch (g.permission()) {
            case "ViewAllData" -> "View All Data";
            case "ModifyAllData" -> "Modify All Data";
            case "ViewAllRecords" -> "View All records" + on;
            case "ModifyAllRecords" -> "Modify All records" + on;
            default -> g.permission() + on;
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

    /** The apps the logs name, as an administrator reads them: "connected app My Ticket Portal (0H4…)". */
    static String loggedApps(Map<String, String> logged) {
        List<String> out = new ArrayList<>();
        for (var e : logged.entrySet()) {
            out.add(appText(e.getKey(), e.getValue()));
        }
        return String.join(", ", out);
    }

    private static String appText(String key, String name) {
        boolean id = key.startsWith("0H4");
        if (!id) {
            return "client " + key;
        }
        return "connected app " + (name.isEmpty() ? key : name + " (" + key + ")");
    }

    /**
     * Revocations for the connected apps the extraction's calls came through (CONNECTED_APP_ID,
     * CLIENT_NAME) that no configured app of the user already stands for: the app actually used, also
     * when the metadata read defines another or none.
     */
    private static List<ContainmentAction> loggedAppActions(
            Map<String, String> logged, List<OrgConfig.ClientApp> configured, String user) {
        Set<String> known = new HashSet<>();
        for (OrgConfig.ClientApp app : configured) {
            known.add(comparable(app.name()));
        }
        List<ContainmentAction> out = new ArrayList<>();
        for (var e : logged.entrySet()) {
            String id = e.getKey();
            String name = e.getValue();
            // a client name without an app id (Workbench, a library), an app configured for the user,
            // or an id without a name beside configured apps (it may well be one of them): not added
            if (!id.startsWith("0H4") || known.contains(comparable(name)) || (name.isEmpty() && !known.isEmpty())) {
                continue;
            }
            String shown = name.isEmpty() ? id : name;
            out.add(new ContainmentAction(
                    Action.REVOKE_CONNECTED_APP_TOKENS,
                    new Subject(SubjectKind.CONNECTED_APP, shown),
                    "ConnectedApp:" + shown,
                    "Revoke the OAuth tokens " + appText(id, name) + " holds for " + user
                            + " (the extraction's API calls came through it) and block it until it is explained"));
        }
        return out;
    }

    /** An app name compared as administrators write it: MuleSoft_Sync is "MuleSoft Sync". */
    private static String comparable(String name) {
        return dev.tandem.payload.PiiField.normalize(name);
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
}
