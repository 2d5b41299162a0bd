package dev.tandem.salesforce;

import dev.tandem.intake.XmlNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The parts of an org's configuration that decide who can read customer data, read from metadata
 * retrieved with the Salesforce CLI (source format, {@code *-meta.xml}) or the Metadata API (zip):
 * profiles, permission sets and groups, sharing rules, object sharing models, connected apps,
 * external client app policies, and where data leaves the org: named credentials, remote site
 * settings, workflow outbound messages and external data sources with the external objects they
 * back (Metadata API Developer Guide: NamedCredential, RemoteSiteSetting, Workflow, ExternalDataSource,
 * CustomObject, CustomField).
 */
public final class OrgConfig {

    /** Profile or permission set. */
    public enum HolderKind {
        PROFILE,
        PERMISSION_SET
    }

    /** One permission granted, with where it is written. */
    /**
     * A permission a holder grants; {@code object} is the object an object permission is on ({@code
     * ViewAllRecords} on {@code Contact}), empty for a user permission.
     */
    public record Grant(String permission, String object, String file, long line) {}

    /** A profile or permission set and the data permissions it grants. */
    public record AccessHolder(
            HolderKind kind,
            String name,
            String label,
            Map<String, Grant> userPermissions,
            Map<String, Grant> viewAllRecords,
            Map<String, Grant> readable,
            String file,
            long line) {

        /** View All Data, Modify All Data, or View/Modify All Records on one of the given objects. */
        public List<Grant> broadDataGrants(Set<String> customerObjects) {
            List<Grant> out = new ArrayList<>();
            for (String p : List.of("ViewAllData", "ModifyAllData")) {
                Grant g = userPermissions.get(p);
                if (g != null) {
                    out.add(g);
                }
            }
            for (var e : viewAllRecords.entrySet()) {
                if (customerObjects.contains(e.getKey())) {
                    out.add(e.getValue());
                }
            }
            return out;
        }

        public boolean administers() {
            return userPermissions.containsKey("ModifyAllData")
                    || (userPermissions.containsKey("ManageUsers") && userPermissions.containsKey("ViewAllData"))
                    || (userPermissions.containsKey("CustomizeApplication")
                            && userPermissions.containsKey("ManageUsers"));
        }
    }

    /** A sharing rule; {@code sharedToKind} is the element under sharedTo (guestUser, role, ...). */
    public record SharingRule(
            String object,
            String name,
            String ruleType,
            String accessLevel,
            String sharedToKind,
            String sharedTo,
            String file,
            long line) {
        public String id() {
            return object + "." + name;
        }
    }

    /** An object's org-wide defaults (sharingModel, externalSharingModel). */
    public record ObjectSharing(String object, String internal, String external, String file, long line) {}

    /** A connected app or external client app: what it may do and for whom. */
    public record ClientApp(
            String name,
            String type,
            Set<String> scopes,
            String ipRelaxation,
            Set<String> profiles,
            Set<String> permissionSets,
            String runAsUser,
            String file,
            long line) {}

    /** A named credential: where callouts go. */
    public record NamedCredential(String name, String url, String file, long line) {}

    /** The kinds of configured destinations of outbound traffic. */
    public enum EndpointKind {
        NAMED_CREDENTIAL("named credential", "NamedCredential"),
        REMOTE_SITE_SETTING("remote site setting", "RemoteSiteSetting"),
        OUTBOUND_MESSAGE("outbound message", "WorkflowOutboundMessage"),
        EXTERNAL_DATA_SOURCE("external data source", "ExternalDataSource");

        public final String text;
        public final String metadataType;

        EndpointKind(String text, String metadataType) {
            this.text = text;
            this.metadataType = metadataType;
        }
    }

    /**
     * A configured destination: a named credential or remote site setting (Apex callouts), an
     * outbound message (sends the listed {@code fields} of {@code object} records when its workflow
     * rule fires), or an external data source (Salesforce Connect queries it for the external
     * objects it backs). {@code url} is as written; an external data source may name a named
     * credential ({@code callout:Name/path}), resolved by {@link OrgConfig#url(Endpoint)}.
     */
    public record Endpoint(
            EndpointKind kind,
            String name,
            String url,
            String object,
            List<String> fields,
            boolean active,
            String file,
            long line) {

        /** Metadata component id, as containment actions name configuration items. */
        public String item() {
            return kind.metadataType + ":" + (object.isEmpty() ? "" : object + ".") + name;
        }
    }

    private final Map<String, AccessHolder> profiles = new LinkedHashMap<>();
    private final Map<String, AccessHolder> permissionSets = new LinkedHashMap<>();
    private final Map<String, List<String>> permissionSetGroups = new LinkedHashMap<>();
    private final List<SharingRule> sharingRules = new ArrayList<>();
    private final Map<String, ObjectSharing> objects = new LinkedHashMap<>();
    private final Map<String, ClientApp> clientApps = new LinkedHashMap<>();
    private final List<NamedCredential> namedCredentials = new ArrayList<>();
    private final List<Endpoint> endpoints = new ArrayList<>();
    /** External object → its external data source (CustomObject {@code externalDataSource}). */
    private final Map<String, String> externalObjects = new LinkedHashMap<>();
    /** Object → fields whose names say they hold personal data (CustomObject fields, CustomField). */
    private final Map<String, Set<String>> personalFields = new LinkedHashMap<>();

    /** Standard profiles whose API (file) names differ from the names users see. */
    private static final Map<String, String> STANDARD_PROFILE_LABELS = Map.of(
            "admin", "system administrator",
            "standard", "standard user",
            "readonly", "read only",
            "contractmanager", "contract manager",
            "marketingprofile", "marketing user",
            "solutionmanager", "solution manager",
            "minimumaccess", "minimum access - salesforce");

    /** The metadata root elements read. */
    public static final Set<String> ROOTS = Set.of(
            "Profile",
            "PermissionSet",
            "PermissionSetGroup",
            "SharingRules",
            "CustomObject",
            "ConnectedApp",
            "ExtlClntAppOauthConfigurablePolicies",
            "ExtlClntAppOauthSettings",
            "NamedCredential",
            "RemoteSiteSetting",
            "Workflow",
            "ExternalDataSource",
            "CustomField");

    /** Reads one metadata document; returns false when its root is not a type read here. */
    public boolean add(String file, XmlNode root) {
        String name = dev.tandem.controls.ConfigItems.componentName(file);
        if (!root.text("fullName").isEmpty()) {
            name = root.text("fullName");
        }
        switch (root.name()) {
            case "Profile" -> profiles.put(norm(name), holder(HolderKind.PROFILE, name, file, root));
            case "PermissionSet" -> permissionSets.put(norm(name), holder(HolderKind.PERMISSION_SET, name, file, root));
            case "PermissionSetGroup" -> {
                List<String> sets = new ArrayList<>();
                for (XmlNode n : root.all("permissionSets")) {
                    sets.add(n.text());
                }
                permissionSetGroups.put(norm(name), sets);
            }
            case "SharingRules" -> sharing(name, file, root);
            case "CustomObject" -> {
                objects.put(
                        name,
                        new ObjectSharing(
                                name,
                                root.text("sharingModel"),
                                root.text("externalSharingModel"),
                                file,
                                lineOf(root, "sharingModel")));
                if (!root.text("externalDataSource").isEmpty()) {
                    externalObjects.put(name, root.text("externalDataSource"));
                }
                // Metadata API format: the fields are inside the object's file
                for (XmlNode f : root.all("fields")) {
                    field(name, f.text("fullName"));
                }
            }
            case "CustomField" ->
                field(objectOfField(file), name.contains(".") ? name.substring(name.indexOf('.') + 1) : name);
            case "RemoteSiteSetting" ->
                endpoints.add(new Endpoint(
                        EndpointKind.REMOTE_SITE_SETTING,
                        name,
                        root.text("url"),
                        "",
                        List.of(),
                        !root.text("isActive").equalsIgnoreCase("false"),
                        file,
                        lineOf(root, "url")));
            case "Workflow" -> {
                for (XmlNode m : root.all("outboundMessages")) {
                    List<String> fields = new ArrayList<>();
                    for (XmlNode f : m.all("fields")) {
                        fields.add(f.text());
                    }
                    XmlNode url = m.child("endpointUrl");
                    endpoints.add(new Endpoint(
                            EndpointKind.OUTBOUND_MESSAGE,
                            m.text("fullName"),
                            m.text("endpointUrl"),
                            name,
                            List.copyOf(fields),
                            true,
                            file,
                            url == null ? m.line() : url.line()));
                }
            }
            case "ExternalDataSource" ->
                endpoints.add(new Endpoint(
                        EndpointKind.EXTERNAL_DATA_SOURCE,
                        name,
                        root.text("endpoint"),
                        "",
                        List.of(),
                        true,
                        file,
                        lineOf(root, "endpoint")));
            case "ConnectedApp" -> connectedApp(name, file, root);
            case "ExtlClntAppOauthConfigurablePolicies" -> ecaPolicy(name, file, root);
            case "ExtlClntAppOauthSettings" -> ecaSettings(name, file, root);
            case "NamedCredential" -> namedCredential(name, file, root);
            default -> {
                return false;
            }
        }
        return true;
    }

    private void field(String object, String field) {
        if (object.isEmpty() || field.isEmpty()) {
            return;
        }
        String bare = field.endsWith("__c") ? field.substring(0, field.length() - 3) : field;
        if (dev.tandem.payload.PiiField.of(bare) != dev.tandem.payload.PiiField.NONE) {
            personalFields
                    .computeIfAbsent(object, k -> new java.util.TreeSet<>())
                    .add(field);
        }
    }

    /** {@code objects/Customer__x/fields/Email__c.field-meta.xml} → Customer__x. */
    private static String objectOfField(String file) {
        String f = file.replace('\\', '/');
        int fields = f.lastIndexOf("/fields/");
        if (fields < 0) {
            return "";
        }
        String dir = f.substring(0, fields);
        return dir.substring(Math.max(dir.lastIndexOf('/'), dir.lastIndexOf('!')) + 1);
    }

    private static long lineOf(XmlNode root, String child) {
        XmlNode c = root.child(child);
        return c == null ? root.line() : c.line();
    }

    private static String norm(String s) {
        return s.toLowerCase(Locale.ROOT).strip();
    }

    private static AccessHolder holder(HolderKind kind, String name, String file, XmlNode root) {
        Map<String, Grant> userPermissions = new LinkedHashMap<>();
        for (XmlNode p : root.all("userPermissions")) {
            if (p.flag("enabled")) {
                userPermissions.put(p.text("name"), new Grant(p.text("name"), "", file, p.line()));
            }
        }
        Map<String, Grant> viewAll = new LinkedHashMap<>();
        Map<String, Grant> readable = new LinkedHashMap<>();
        for (XmlNode o : root.all("objectPermissions")) {
            String object = o.text("object");
            if (o.flag("viewAllRecords") || o.flag("modifyAllRecords")) {
                viewAll.put(
                        object,
                        new Grant(
                                o.flag("modifyAllRecords") ? "ModifyAllRecords" : "ViewAllRecords",
                                object,
                                file,
                                o.line()));
            }
            if (o.flag("allowRead")) {
                readable.put(object, new Grant("Read", object, file, o.line()));
            }
        }
        String label = root.text("label");
        return new AccessHolder(
                kind, name, label.isEmpty() ? name : label, userPermissions, viewAll, readable, file, root.line());
    }

    private void sharing(String object, String file, XmlNode root) {
        for (XmlNode rule : root.children()) {
            String type = switch (rule.name()) {
                case "sharingCriteriaRules" -> "criteria";
                case "sharingOwnerRules" -> "owner";
                case "sharingGuestRules" -> "guest";
                case "sharingTerritoryRules" -> "territory";
                default -> "";
            };
            if (type.isEmpty()) {
                continue;
            }
            String kind = "";
            String to = "";
            XmlNode sharedTo = rule.child("sharedTo");
            if (sharedTo != null && !sharedTo.children().isEmpty()) {
                XmlNode target = sharedTo.children().getFirst();
                kind = target.name();
                to = target.text();
            }
            sharingRules.add(new SharingRule(
                    object, rule.text("fullName"), type, rule.text("accessLevel"), kind, to, file, rule.line()));
        }
    }

    private void connectedApp(String name, String file, XmlNode root) {
        Set<String> scopes = new LinkedHashSet<>();
        XmlNode oauth = root.child("oauthConfig");
        if (oauth != null) {
            for (XmlNode s : oauth.all("scopes")) {
                scopes.add(s.text());
            }
        }
        XmlNode policy = root.child("oauthPolicy");
        Set<String> profileNames = new LinkedHashSet<>();
        for (XmlNode p : root.all("profileName")) {
            profileNames.add(p.text());
        }
        Set<String> sets = new LinkedHashSet<>();
        for (XmlNode p : root.all("permissionSetName")) {
            sets.add(p.text());
        }
        clientApps.put(
                norm(name),
                new ClientApp(
                        name,
                        "ConnectedApp",
                        scopes,
                        policy == null ? "" : policy.text("ipRelaxation"),
                        profileNames,
                        sets,
                        "",
                        file,
                        root.line()));
    }

    private void ecaPolicy(String name, String file, XmlNode root) {
        String app = root.text("externalClientApplication").isEmpty() ? name : root.text("externalClientApplication");
        ClientApp prior = clientApps.get(norm(app));
        clientApps.put(
                norm(app),
                new ClientApp(
                        app,
                        "ExternalClientApp",
                        prior == null ? Set.of() : prior.scopes(),
                        root.text("ipRelaxationPolicyType"),
                        split(root.text("commaSeparatedProfile")),
                        split(root.text("commaSeparatedPermissionSet")),
                        root.text("clientCredentialsFlowUser"),
                        file,
                        root.line()));
    }

    private void ecaSettings(String name, String file, XmlNode root) {
        String app = root.text("externalClientApplication").isEmpty() ? name : root.text("externalClientApplication");
        ClientApp prior = clientApps.get(norm(app));
        Set<String> scopes = split(root.text("commaSeparatedOauthScopes"));
        clientApps.put(
                norm(app),
                prior == null
                        ? new ClientApp(app, "ExternalClientApp", scopes, "", Set.of(), Set.of(), "", file, root.line())
                        : new ClientApp(
                                app,
                                prior.type(),
                                scopes,
                                prior.ipRelaxation(),
                                prior.profiles(),
                                prior.permissionSets(),
                                prior.runAsUser(),
                                prior.file(),
                                prior.line()));
    }

    private static Set<String> split(String csv) {
        Set<String> out = new LinkedHashSet<>();
        for (String s : csv.split(",")) {
            if (!s.isBlank()) {
                out.add(s.strip());
            }
        }
        return out;
    }

    private void namedCredential(String name, String file, XmlNode root) {
        String url = root.text("endpoint");
        long line = lineOf(root, "endpoint");
        if (url.isEmpty()) {
            for (XmlNode p : root.all("namedCredentialParameters")) {
                if ("Url".equalsIgnoreCase(p.text("parameterType"))) {
                    url = p.text("parameterValue");
                    line = p.line();
                }
            }
        }
        namedCredentials.add(new NamedCredential(name, url, file, line));
        endpoints.add(new Endpoint(EndpointKind.NAMED_CREDENTIAL, name, url, "", List.of(), true, file, line));
    }

    public @Nullable AccessHolder profile(String name) {
        AccessHolder h = profiles.get(norm(name));
        if (h != null) {
            return h;
        }
        for (var e : STANDARD_PROFILE_LABELS.entrySet()) {
            if (e.getValue().equals(norm(name))) {
                return profiles.get(e.getKey());
            }
        }
        return null;
    }

    /** The permission sets a name stands for: itself, or a group's members. */
    public List<AccessHolder> permissionSets(String name) {
        AccessHolder h = permissionSets.get(norm(name));
        if (h != null) {
            return List.of(h);
        }
        List<AccessHolder> out = new ArrayList<>();
        for (String member : permissionSetGroups.getOrDefault(norm(name), List.of())) {
            AccessHolder m = permissionSets.get(norm(member));
            if (m != null) {
                out.add(m);
            }
        }
        return out;
    }

    public List<SharingRule> sharingRules() {
        return sharingRules;
    }

    public java.util.Collection<ObjectSharing> objects() {
        return objects.values();
    }

    public @Nullable ObjectSharing object(String name) {
        return objects.get(name);
    }

    public java.util.Collection<ClientApp> clientApps() {
        return clientApps.values();
    }

    public List<NamedCredential> namedCredentials() {
        return namedCredentials;
    }

    /** Every configured destination, in the order read. */
    public List<Endpoint> endpoints() {
        return endpoints;
    }

    /** The endpoint's URL, with a {@code callout:Name} reference resolved through that named credential. */
    public String url(Endpoint e) {
        String u = e.url().strip();
        if (!u.regionMatches(true, 0, "callout:", 0, 8)) {
            return u;
        }
        String rest = u.substring(8);
        int slash = rest.indexOf('/');
        String credential = slash < 0 ? rest : rest.substring(0, slash);
        for (NamedCredential c : namedCredentials) {
            if (c.name().equalsIgnoreCase(credential)) {
                return c.url() + (slash < 0 ? "" : rest.substring(slash));
            }
        }
        return u;
    }

    /** The external objects an external data source backs. */
    public List<String> externalObjectsOf(String dataSource) {
        List<String> out = new ArrayList<>();
        for (var e : externalObjects.entrySet()) {
            if (e.getValue().equalsIgnoreCase(dataSource)) {
                out.add(e.getKey());
            }
        }
        return out;
    }

    /** Fields of an object whose names say they hold personal data, as read from its metadata. */
    public Set<String> personalFields(String object) {
        return personalFields.getOrDefault(object, Set.of());
    }

    public boolean hasAccessModel() {
        return !profiles.isEmpty() || !permissionSets.isEmpty();
    }
}
