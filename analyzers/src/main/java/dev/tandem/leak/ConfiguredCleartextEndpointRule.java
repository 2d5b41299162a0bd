package dev.tandem.leak;

import dev.tandem.leak.ContainmentAction.Action;
import dev.tandem.salesforce.OrgConfig.Endpoint;
import dev.tandem.salesforce.OrgConfig.EndpointKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * UNENCRYPTED_EXPORT, configured, traffic not observed: a named credential, remote site setting,
 * outbound message or external data source with a plain {@code http://} endpoint. Many orgs do not
 * license Event Monitoring, so no callout logs exist; the configuration is then the only evidence.
 * Severity: HIGH when the configuration shows personal fields going through it (an outbound
 * message's fields, an external object's fields), MEDIUM when it shows customer records without
 * naming personal fields, LOW when it only allows callouts whose content the metadata does not
 * show. Hosts with observed traffic were claimed by {@link CleartextCalloutRule}.
 */
final class ConfiguredCleartextEndpointRule extends LeakRule {
    ConfiguredCleartextEndpointRule(Observations o) {
        super(o);
    }

    @Override
    LeakPattern pattern() {
        return LeakPattern.UNENCRYPTED_EXPORT;
    }

    @Override
    String summary() {
        return "a named credential, remote site setting, outbound message or external data source with an `http://` endpoint: configured, traffic not observed";
    }

    @Override
    String claimsText() {
        return "skips claimed hosts; claims the host";
    }

    static ContainmentAction requireTls(Endpoint e) {
        return new ContainmentAction(
                Action.REQUIRE_TLS,
                new Subject(SubjectKind.ENDPOINT, e.url()),
                e.item() + (e.kind() == EndpointKind.OUTBOUND_MESSAGE ? "#endpointUrl" : "#url"),
                "Change " + e.kind().text + " " + (e.object().isEmpty() ? "" : e.object() + ".") + e.name()
                        + " to an https:// endpoint"
                        + (e.kind() == EndpointKind.REMOTE_SITE_SETTING ? " and keep protocol security on" : ""));
    }

    @Override
    List<Finding> apply(Claims claims) {
        List<Finding> out = new ArrayList<>();
        for (CleartextEndpoints.Host h :
                CleartextEndpoints.byHost(config, t.customerObjects()).values()) {
            if (h.cleartext.isEmpty() || claims.hostClaimed(h.host)) {
                continue;
            }
            claims.claimHost(h.host, pattern());
            Severity severity = !h.personalFields.isEmpty()
                    ? Severity.HIGH
                    : h.carriesCustomerData() ? Severity.MEDIUM : Severity.LOW;
            List<EvidenceRef> evidence = new ArrayList<>();
            Set<String> from = new TreeSet<>();
            List<ContainmentAction> contain = new ArrayList<>();
            for (Endpoint e : h.cleartext) {
                evidence.add(new EvidenceRef(e.file(), e.line()));
                from.add(e.file());
                contain.add(requireTls(e));
            }
            for (Endpoint e : h.endpoints) {
                evidence.add(new EvidenceRef(e.file(), e.line()));
                from.add(e.file());
            }
            Subject subject = new Subject(SubjectKind.HOST, h.host);
            contain.add(new ContainmentAction(
                    Action.BLOCK_HOST_AT_EGRESS,
                    subject,
                    Hosts.egressItem(h.host, h.cleartextPorts),
                    "Block plain-HTTP traffic to " + h.host + " at the egress proxy until the endpoint uses TLS"));
            String what = !h.personalFields.isEmpty()
                    ? "sends " + String.join(", ", h.personalFields)
                    : h.carriesCustomerData()
                            ? "sends " + String.join(", ", h.customerObjects) + " records"
                            : "allows Apex callouts (what they carry is not in the metadata)";
            out.add(finding(
                    pattern(),
                    severity,
                    "Plain-HTTP endpoint " + h.host + " configured (" + CleartextEndpoints.describe(h.cleartext)
                            + "); traffic not observed",
                    subject,
                    evidence,
                    from,
                    null,
                    "configured, traffic not observed: " + CleartextEndpoints.describe(h.cleartext) + " use http://"
                            + " and " + what + "; no ApexCallout log names " + h.host
                            + " (Event Monitoring may not be licensed); the severity rises when logs show traffic",
                    contain));
        }
        return out;
    }
}
