package dev.tandem.leak;

import dev.tandem.leak.Behaviour.UserStats;
import dev.tandem.leak.ContainmentAction.Action;
import dev.tandem.salesforce.OrgConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** SHARING_RULE_EXPOSURE: sharing rules and org-wide defaults that open customer records to external users, or undo a Private default. */
final class SharingExposureRule extends LeakRule {
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

    SharingExposureRule(Observations o) {
        super(o);
    }

    @Override
    LeakPattern pattern() {
        return LeakPattern.SHARING_RULE_EXPOSURE;
    }

    @Override
    String summary() {
        return "a sharing rule or external org-wide default opens customer records to external users, or undoes a Private default";
    }

    @Override
    List<Finding> apply(Claims claims) {
        List<Finding> out = new ArrayList<>();
        Map<String, long[]> externalRows = new HashMap<>();
        Map<String, List<EvidenceRef>> externalRefs = new HashMap<>();
        Map<String, Set<String>> externalFiles = new HashMap<>();
        for (UserStats u : sortedUsers()) {
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
}
