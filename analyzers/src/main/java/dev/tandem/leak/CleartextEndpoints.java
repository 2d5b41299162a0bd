package dev.tandem.leak;

import dev.tandem.payload.PiiField;
import dev.tandem.salesforce.OrgConfig;
import dev.tandem.salesforce.OrgConfig.Endpoint;
import dev.tandem.salesforce.OrgConfig.EndpointKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The configured destinations of an org grouped by host, with what the configuration alone says
 * they carry: an outbound message sends the listed fields of its object's records; an external
 * data source serves the external objects it backs; a named credential or remote site setting
 * only allows Apex callouts, whose content the metadata does not show.
 */
final class CleartextEndpoints {
    /** Objects whose standard {@code Name} field is a person's name (Contact, Lead, Individual). */
    private static final Set<String> PERSON_OBJECTS = Set.of("Contact", "Lead", "Individual");

    /** One host's configured endpoints. */
    static final class Host {
        final String host;
        final List<Endpoint> endpoints = new ArrayList<>();
        final List<Endpoint> cleartext = new ArrayList<>();
        /** The ports of the plain-HTTP endpoints (80 where the URL names none). */
        final Set<Integer> cleartextPorts = new java.util.TreeSet<>();
        /** Customer objects whose records the configuration sends or serves. */
        final Set<String> customerObjects = new LinkedHashSet<>();
        /** Personal fields among them, as {@code Object.Field}. */
        final Set<String> personalFields = new LinkedHashSet<>();

        Host(String host) {
            this.host = host;
        }

        boolean carriesCustomerData() {
            return !customerObjects.isEmpty() || !personalFields.isEmpty();
        }
    }

    private CleartextEndpoints() {}

    static Map<String, Host> byHost(OrgConfig config, Set<String> customerObjects) {
        Map<String, Host> out = new LinkedHashMap<>();
        for (Endpoint e : config.endpoints()) {
            if (!e.active()) {
                continue;
            }
            String url = config.url(e);
            String host = Hosts.host(url);
            if (host.isEmpty()) {
                continue;
            }
            Host h = out.computeIfAbsent(host, Host::new);
            h.endpoints.add(e);
            if (url.regionMatches(true, 0, "http:", 0, 5)) {
                h.cleartext.add(e);
                h.cleartextPorts.add(Hosts.httpPort(url));
            }
            if (e.kind() == EndpointKind.OUTBOUND_MESSAGE) {
                if (customerObjects.contains(e.object())) {
                    h.customerObjects.add(e.object());
                }
                for (String f : e.fields()) {
                    if (personal(e.object(), f)) {
                        h.personalFields.add(e.object() + "." + f);
                    }
                }
            } else if (e.kind() == EndpointKind.EXTERNAL_DATA_SOURCE) {
                for (String object : config.externalObjectsOf(e.name())) {
                    for (String f : config.personalFields(object)) {
                        h.personalFields.add(object + "." + f);
                    }
                }
            }
        }
        return out;
    }

    static boolean personal(String object, String field) {
        String bare = field.endsWith("__c") ? field.substring(0, field.length() - 3) : field;
        return PiiField.of(bare) != PiiField.NONE || (bare.equals("Name") && PERSON_OBJECTS.contains(object));
    }

    /** "outbound message Contact.Send_To_Loyalty, named credential Loyalty". */
    static String describe(List<Endpoint> endpoints) {
        List<String> parts = new ArrayList<>();
        for (Endpoint e : endpoints) {
            parts.add(e.kind().text + " " + (e.object().isEmpty() ? "" : e.object() + ".") + e.name());
        }
        return String.join(", ", parts);
    }
}
