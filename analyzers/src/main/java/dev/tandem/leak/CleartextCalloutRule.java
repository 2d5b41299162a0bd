package dev.tandem.leak;

import dev.tandem.leak.Behaviour.UserStats;
import dev.tandem.leak.ContainmentAction.Action;
import dev.tandem.salesforce.OrgConfig.Endpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * UNENCRYPTED_EXPORT, traffic observed: Apex callouts over plain HTTP (ApexCallout Event Log
 * Files), or callouts to a host whose configured endpoint is {@code http://}, joined to what the
 * calling users read around them. A plain-HTTP endpoint that the configuration shows carrying
 * customer data is raised one severity above the same endpoint configured without traffic
 * ({@link ConfiguredCleartextEndpointRule}). Claims the host.
 */
final class CleartextCalloutRule extends LeakRule {
    CleartextCalloutRule(Observations o) {
        super(o);
    }

    @Override
    LeakPattern pattern() {
        return LeakPattern.UNENCRYPTED_EXPORT;
    }

    @Override
    String summary() {
        return "callouts over plain HTTP, or to a host configured with an `http://` endpoint, joined to what the callers read";
    }

    @Override
    String claimsText() {
        return "claims the host";
    }

    /** The plain-HTTP ports seen in the callouts and configured for the host. */
    private static Set<Integer> ports(Behaviour.HostCallouts h, CleartextEndpoints.@Nullable Host conf) {
        Set<Integer> ports = new TreeSet<>(h.insecurePorts);
        if (conf != null) ports.addAll(conf.cleartextPorts);
        return ports;
    }

    @Override
    List<Finding> apply(Claims claims) {
        List<Finding> out = new ArrayList<>();
        Map<String, CleartextEndpoints.Host> configured = CleartextEndpoints.byHost(config, t.customerObjects());
        for (Behaviour.HostCallouts h : sortedHosts()) {
            CleartextEndpoints.Host conf = configured.get(h.host);
            List<Endpoint> insecure = conf == null ? List.of() : conf.cleartext;
            if (h.insecureCalls == 0 && insecure.isEmpty()) {
                continue;
            }
            claims.claimHost(h.host, pattern());
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
            if (conf != null) {
                for (Endpoint c : conf.endpoints) {
                    evidence.add(new EvidenceRef(c.file(), c.line()));
                }
            }
            Subject subject = new Subject(SubjectKind.HOST, h.host);
            List<ContainmentAction> contain = new ArrayList<>();
            for (Endpoint c : insecure) {
                contain.add(ConfiguredCleartextEndpointRule.requireTls(c));
            }
            contain.add(new ContainmentAction(
                    Action.BLOCK_HOST_AT_EGRESS,
                    subject,
                    Hosts.egressItem(h.host, ports(h, conf)),
                    "Block plain-HTTP traffic to " + h.host + " (remote site setting, egress proxy)"));
            boolean personal = conf != null && !conf.personalFields.isEmpty();
            boolean large = records >= t.minExportRecords();
            Severity severity = large || personal ? Severity.CRITICAL : Severity.HIGH;
            if (h.insecureCalls == 0) {
                // the callouts seen went over TLS; only the configuration says http://
                severity = personal ? Severity.HIGH : Severity.MEDIUM;
            }
            out.add(finding(
                    pattern(),
                    severity,
                    (h.insecureCalls == 0
                                    ? "Plain-HTTP endpoint " + h.host + " configured; " + h.calls + " callout"
                                            + (h.calls == 1 ? "" : "s") + " to it observed"
                                    : "Customer data sent to " + h.host + " over plain HTTP: " + h.insecureCalls
                                            + " callout" + (h.insecureCalls == 1 ? "" : "s"))
                            + (callers.isEmpty() ? "" : " by " + String.join(", ", callers)),
                    subject,
                    evidence,
                    from,
                    h.userDays.isEmpty() ? null : records,
                    h.insecureCalls + " of " + h.calls + " callouts to " + h.host + " used http:// ("
                            + String.join(", ", h.urls) + ")"
                            + (insecure.isEmpty()
                                    ? ""
                                    : "; configured with http://: " + CleartextEndpoints.describe(insecure))
                            + (personal
                                    ? "; personal fields configured: " + String.join(", ", conf.personalFields)
                                    : "")
                            + "; records: the largest daily customer read of each calling user on callout days",
                    contain));
        }
        return out;
    }
}
