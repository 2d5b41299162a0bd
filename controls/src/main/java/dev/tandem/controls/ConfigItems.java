package dev.tandem.controls;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * When a change's configuration item touches a tested one. Items are named {@code Type:Name},
 * optionally narrowed with {@code #part} ({@code PermissionSet:Integration_Sync#ViewAllData}, as
 * the leak analyzers' containment proposals name them), and a part further with {@code /sub-part}:
 * an object permission's or a field permission's object or field ({@code
 * PermissionSet:Integration_Sync#ViewAllRecords/Contact}, {@code Profile:Admin#fieldPermissions/Contact.Email}).
 * Names are compared ignoring case. An item contains itself, its parts, and their sub-parts: {@code
 * Type:Name} contains {@code Type:Name#P} and {@code Type:Name#P/S}, and {@code Type:Name#P}
 * contains {@code Type:Name#P/S}. Two items touch when one contains the other: a change to a
 * permission set's ViewAllData touches a test of the permission set, a change to the whole
 * permission set touches a test of any of its parts, and a change to View All on Contact touches a
 * test of the permission set's View All records on any object. Different parts of one item, or
 * the same part on different objects, do not touch.
 *
 * <p>Whether an approval covers a change is one way ({@link #covers}): an approved item covers
 * what it contains. Approving the whole item covers each of its parts, but approving a part
 * ({@code PermissionSet:X#ViewAllRecords/Account}) covers that part alone, neither the whole item,
 * nor its other parts, nor the same access on another object ({@code #ViewAllRecords/Contact}).
 */
public final class ConfigItems {
    private ConfigItems() {}

    /** The form an item's name takes, in words for a refusal (docs/contracts.md §3 "Configuration items"). */
    public static final String FORM = "Type:Name, optionally narrowed with #detail, as the diffs and the control"
            + " register name items (Profile:Admin, PermissionSet:Integration_Sync#ViewAllData)";

    /**
     * Metadata API file suffixes and the Salesforce metadata types their documents are: the types of
     * the items a diff of metadata names ({@code dev.tandem.change.ChangeScope}) and a pre-change
     * snapshot must hold.
     */
    public static final Map<String, String> METADATA_SUFFIXES = Map.ofEntries(
            Map.entry("profile", "Profile"),
            Map.entry("permissionset", "PermissionSet"),
            Map.entry("permissionsetgroup", "PermissionSetGroup"),
            Map.entry("sharingrules", "SharingRules"),
            Map.entry("object", "CustomObject"),
            Map.entry("field", "CustomField"),
            Map.entry("remotesite", "RemoteSiteSetting"),
            Map.entry("namedcredential", "NamedCredential"),
            Map.entry("workflow", "Workflow"),
            Map.entry("datasource", "ExternalDataSource"),
            Map.entry("connectedapp", "ConnectedApp"));

    private static final Set<String> METADATA_TYPES = Set.copyOf(METADATA_SUFFIXES.values().stream()
            .map(t -> t.toLowerCase(Locale.ROOT))
            .toList());

    /**
     * The metadata types of {@link #METADATA_SUFFIXES} that hold a credential a rotation renews
     * without changing the metadata a retrieve returns: a connected app's consumer secret and OAuth
     * tokens, a named credential's or an external data source's password or token.
     */
    private static final Set<String> CREDENTIAL_TYPES = Set.of("connectedapp", "namedcredential", "externaldatasource");

    /**
     * The metadata types of {@link #METADATA_SUFFIXES} that say who may see or do what: a change to
     * one of them changes access (docs/adr/140-the-changes-as-csv.md).
     */
    private static final Set<String> ACCESS_TYPES =
            Set.of("profile", "permissionset", "permissionsetgroup", "sharingrules");

    private static final Pattern TYPE = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

    /**
     * The item in its one written form, {@code Type:Name} or {@code Type:Name#detail}, or empty when
     * it cannot be read so. Spacing around the type, after its colon and around the {@code #} is
     * dropped ({@code "Profile: Admin # ApiEnabled"} is {@code Profile:Admin#ApiEnabled}): no
     * metadata component's name starts or ends with a space, and the diffs and the register never
     * write one there, so the item named is the same. Unreadable: no colon, a type that is not a
     * word ({@code Admin profile}, {@code Salesforce production org}), an empty name or detail, or a
     * control character (a line break).
     */
    public static Optional<String> normalize(String raw) {
        int colon = raw.indexOf(':');
        if (colon < 0 || raw.chars().anyMatch(Character::isISOControl)) {
            return Optional.empty();
        }
        String type = raw.substring(0, colon).strip();
        String rest = raw.substring(colon + 1);
        int hash = rest.indexOf('#');
        String name = (hash < 0 ? rest : rest.substring(0, hash)).strip();
        String detail = hash < 0 ? null : rest.substring(hash + 1).strip();
        if (!TYPE.matcher(type).matches() || name.isEmpty() || (detail != null && detail.isEmpty())) {
            return Optional.empty();
        }
        return Optional.of(type + ":" + name + (detail == null ? "" : "#" + detail));
    }

    /**
     * Whether the item (in its {@link #normalize normal} form) is a Salesforce metadata component or a
     * part of one: its type is one of {@link #METADATA_SUFFIXES}' ({@code Profile:Admin#ApiEnabled}),
     * not a system or process the register tests ({@code SIEM:Alerts}, {@code Change:CAB}), nor
     * another kind of configuration ({@code User:…}, {@code Egress:…}).
     */
    public static boolean metadata(String item) {
        return ofType(item, METADATA_TYPES);
    }

    /**
     * Whether the item is of a metadata type that holds a credential ({@code ConnectedApp:…},
     * {@code NamedCredential:…}, {@code ExternalDataSource:…}): what a credential rotation renews. A
     * permission set, a profile or a sharing rule holds none, so a rotation does not change it.
     */
    public static boolean credential(String item) {
        return ofType(item, CREDENTIAL_TYPES);
    }

    /**
     * Whether the item is of a metadata type that says who may see or do what ({@code Profile:…},
     * {@code PermissionSet:…}, {@code PermissionSetGroup:…}, {@code SharingRules:…}): changing it
     * changes access, widening or narrowing it (the name does not say which).
     */
    public static boolean access(String item) {
        return ofType(item, ACCESS_TYPES);
    }

    private static boolean ofType(String item, Set<String> types) {
        int colon = item.indexOf(':');
        return colon > 0 && types.contains(item.substring(0, colon).strip().toLowerCase(Locale.ROOT));
    }

    /**
     * The metadata component a {@link #metadata} item is of, as {@code Type:Name}: the item without
     * its {@code #detail}, and for a sharing rule ({@code SharingRules:Account.Share_All}) the
     * object's sharing rules file, {@code SharingRules:Account}.
     */
    public static String component(String item) {
        int hash = item.indexOf('#');
        String whole = hash < 0 ? item : item.substring(0, hash);
        if (whole.regionMatches(true, 0, "SharingRules:", 0, "SharingRules:".length())) {
            int dot = whole.indexOf('.', "SharingRules:".length());
            return dot < 0 ? whole : whole.substring(0, dot);
        }
        return whole;
    }

    /**
     * The component name a metadata file stands for, the {@code Name} of {@code Type:Name}: {@code profiles/Custom%3A Sales.profile-meta.xml} →
     * "Custom: Sales", {@code org.zip!/unpackaged/permissionsets/Ops.permissionset} → "Ops".
     */
    public static String componentName(String file) {
        String base = file.substring(Math.max(file.lastIndexOf('/'), file.lastIndexOf('!')) + 1);
        if (base.endsWith("-meta.xml")) {
            base = base.substring(0, base.length() - "-meta.xml".length());
        }
        int dot = base.lastIndexOf('.');
        if (dot > 0) {
            base = base.substring(0, dot);
        }
        try {
            return URLDecoder.decode(base.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return base;
        }
    }

    /**
     * The items of {@code items} that touch none of {@code tested} (the control test register's items):
     * a change to them undoes no audited test, or they are misspelt; the change page and the answer
     * say so before anyone approves.
     */
    public static java.util.List<String> unmatched(Collection<String> items, Collection<String> tested) {
        return items.stream().filter(i -> !touchesAny(i, tested)).distinct().toList();
    }

    /**
     * The item as two items are compared for being the same one: its {@link #normalize normal} form
     * (as written when it cannot be read so), lower-cased, since names are compared ignoring case.
     */
    public static String key(String item) {
        return normalize(item).orElse(item.strip()).toLowerCase(Locale.ROOT);
    }

    public static boolean touches(String a, String b) {
        String x = a.strip().toLowerCase(Locale.ROOT);
        String y = b.strip().toLowerCase(Locale.ROOT);
        return contains(x, y) || contains(y, x);
    }

    public static boolean touchesAny(String item, Collection<String> others) {
        return others.stream().anyMatch(o -> touches(item, o));
    }

    /** Whether approving {@code approved} covers a change to {@code item}: the same item, or one that contains it. */
    public static boolean covers(String approved, String item) {
        return contains(approved.strip().toLowerCase(Locale.ROOT), item.strip().toLowerCase(Locale.ROOT));
    }

    /** Whether any of {@code approved} covers {@code item} ({@link #covers}). */
    public static boolean coveredBy(String item, Collection<String> approved) {
        return approved.stream().anyMatch(a -> covers(a, item));
    }

    /**
     * Whether {@code outer} is {@code inner} or contains it (both stripped and lower-cased): a whole
     * item contains its {@code #parts}, a part its {@code /sub-parts}.
     */
    private static boolean contains(String outer, String inner) {
        if (inner.equals(outer)) {
            return true;
        }
        if (!inner.startsWith(outer) || outer.isEmpty()) {
            return false;
        }
        char next = inner.charAt(outer.length());
        if (outer.indexOf('#') >= 0) {
            return next == '/';
        }
        // a sharing rules file's rules are named object and rule, as the analyzers name them
        return next == '#' || (next == '.' && outer.startsWith("sharingrules:"));
    }
}
