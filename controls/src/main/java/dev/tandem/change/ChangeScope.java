package dev.tandem.change;

import dev.tandem.controls.ConfigItems;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What a change touched, read from its diffs, and what of that its approval did not cover
 * (docs/change-control.md "Execution"). The change was made in the org whatever its request said: the
 * record names every configuration item the diffs show changed, so that an item changed beyond the
 * approval is told (a CC8.1 exception) and retested.
 *
 * <p>Items are named as the leak analyzers' containment proposals and the control register name
 * them ({@code Type:Name}, optionally {@code #part}), from Salesforce metadata only: the type is the
 * document's root element ({@code Profile}, {@code PermissionSet}, …; for a whole file added to or
 * removed from a zip, its suffix: {@code .profile-meta.xml}), the name the component's file name
 * ({@code profiles/Custom%3A Sales.profile-meta.xml} is {@code Custom: Sales}), and the part a user
 * permission's name ({@code #ViewAllData}), an object permission's {@code #ViewAllRecords}, {@code
 * #ModifyAllRecords} or {@code #Read} on its object ({@code #ViewAllRecords/Contact}; an object
 * permission added or removed whole: each of these it grants, and {@code #objectPermissions/Contact}
 * for any other access it grants, or when it grants none of them), or else the element's name,
 * on the value of its key when it is repeated with one key ({@code #fieldPermissions/Contact.Email},
 * {@code #objectPermissions/Account} for {@code allowEdit}, {@code #classAccesses/Billing}; {@code
 * #loginIpRanges}, {@code #sharingModel}). A sharing rule is named
 * as the analyzers name it, object and rule: {@code SharingRules:Account.Share_All}. Only a root
 * element changed, or a whole file added or removed, names the whole item. Other formats (JSON,
 * YAML, text), and a document whose file name is no metadata file name ({@code after.xml}: its
 * component is unknown), name no item.
 *
 * <p>An approved item covers a touched one only when it is the same item or the whole of which the
 * touched one is a part ({@link ConfigItems#covers}): approving {@code PermissionSet:X#ViewAllData}
 * does not approve a grant of Modify All in {@code PermissionSet:X}, and approving {@code
 * #ViewAllRecords/Account} does not approve View All on Contact.
 */
public final class ChangeScope {
    private ChangeScope() {}

    /** Metadata API file suffixes and the types their documents are. */
    private static final Map<String, String> SUFFIXES = ConfigItems.METADATA_SUFFIXES;

    /** Object permission flags and the part the analyzers name for them. */
    private static final Map<String, String> OBJECT_FLAGS = Map.of(
            "viewAllRecords", "ViewAllRecords",
            "modifyAllRecords", "ModifyAllRecords",
            "allowRead", "Read");

    /**
     * The configuration items one diff's differences touched, in the order first met.
     *
     * @param format the diff's format ({@link ConfigDiff.Format} by name, or {@code NOT_COMPARED})
     * @param postName the post-change snapshot's name: the file a plain metadata document stands for
     */
    public static List<String> touched(String format, String postName, List<Difference> differences) {
        Set<String> out = new LinkedHashSet<>();
        for (Difference d : differences) {
            out.addAll(items(format, postName, d));
        }
        return List.copyOf(out);
    }

    /** The items of {@code touched} that no item of {@code approved} covers ({@link ConfigItems#covers}). */
    public static List<String> beyond(Collection<String> approved, Collection<String> touched) {
        List<String> out = new ArrayList<>();
        for (String t : touched) {
            if (!ConfigItems.coveredBy(t, approved) && !out.contains(t)) {
                out.add(t);
            }
        }
        return List.copyOf(out);
    }

    /**
     * Whether a diff tells every item it changed: it was compared in full (a pre-change snapshot to
     * compare with, not cut short), and each of its differences names an item ({@link #touched}). A
     * difference in JSON, YAML, text, a document named {@code after.xml} or a zip's data file names
     * none, so what it changed is unknown; a diff with no difference changed nothing.
     *
     * @param format the diff's format ({@link ConfigDiff.Format} by name, or {@code NOT_COMPARED})
     * @param compared whether a pre-change snapshot was compared with the post-change one
     */
    public static boolean namesEveryItem(
            String format, String postName, List<Difference> differences, boolean compared, boolean truncated) {
        if (!compared || truncated || format.equals("NOT_COMPARED")) {
            return false;
        }
        return differences.stream().noneMatch(d -> items(format, postName, d).isEmpty());
    }

    /**
     * The approved items that no touched item touches ({@link ConfigItems#touches}): approved, yet the
     * diffs show no change to them (not carried out, or carried out outside what the
     * snapshots hold). Only meaningful where every diff {@link #namesEveryItem names every item}.
     */
    public static List<String> unchanged(Collection<String> approved, Collection<String> touched) {
        List<String> out = new ArrayList<>();
        for (String a : approved) {
            if (!ConfigItems.touchesAny(a, touched) && !out.contains(a)) {
                out.add(a);
            }
        }
        return List.copyOf(out);
    }

    /** The items one difference names: none, one, or each access an object permission added or removed grants. */
    static List<String> items(String format, String postName, Difference d) {
        String path = d.path();
        int bang = path.lastIndexOf("!/");
        if (bang >= 0) {
            // inside a zip entry: the entry is the file, the rest the path in its document
            int start = bang == 0 ? -1 : path.lastIndexOf("!/", bang - 1);
            String entry = path.substring(start < 0 ? 0 : start + 2, bang);
            return metadataFile(entry) ? inDocument(entry, path.substring(bang + 2), d) : List.of();
        }
        if (format.equals(ConfigDiff.Format.ZIP.name())) {
            // a whole file added to or removed from the zip
            String type = typeOf(path);
            return type == null ? List.of() : List.of(type + ":" + ConfigItems.componentName(path));
        }
        if (format.equals(ConfigDiff.Format.SALESFORCE_METADATA.name()) && metadataFile(postName)) {
            // a document whose name does not say its component (after.xml) names none: a guess would be false
            return inDocument(postName, path, d);
        }
        return List.of();
    }

    private static List<String> inDocument(String file, String path, Difference d) {
        String[] segments = path.split("/", -1);
        String root = segments[0];
        if (!root.matches("[A-Za-z][A-Za-z0-9_]*")) {
            return List.of(); // "(content)": the document could not be read
        }
        String item = root + ":" + ConfigItems.componentName(file);
        if (segments.length < 2) {
            return List.of(item);
        }
        String child = segments[1];
        int key = child.indexOf('[');
        String element = key < 0 ? child : child.substring(0, key);
        if (root.equals("SharingRules") && child.startsWith(element + "[fullName=")) {
            // sharingCriteriaRules, sharingOwnerRules, sharingGuestRules: object and rule, as the analyzers
            return List.of(item + "." + keyValue(child, (element + "[fullName=").length()));
        }
        if (element.equals("userPermissions") && child.startsWith("userPermissions[name=")) {
            return List.of(item + "#" + keyValue(child, "userPermissions[name=".length()));
        }
        // a repeated element with one key: the part on that key's value (the object, the field)
        String on = singleKey(child, element);
        String sub = on == null ? "" : "/" + on;
        if (element.equals("objectPermissions")) {
            if (segments.length > 2) {
                return List.of(item + "#" + OBJECT_FLAGS.getOrDefault(segments[2], element) + sub);
            }
            return grants(item, sub, d.kind() == Difference.Kind.REMOVED ? d.before() : d.after());
        }
        return List.of(item + "#" + element + sub);
    }

    /**
     * The value of the one key a repeated element is matched by ({@code Contact} of {@code
     * objectPermissions[object=Contact]}, {@code Contact.Email} of {@code
     * fieldPermissions[field=Contact.Email]}); null for an element without a key or with several
     * ({@code loginIpRanges[startAddress=…,endAddress=…]}).
     */
    private static @Nullable String singleKey(String child, String element) {
        if (child.length() <= element.length() || child.charAt(element.length()) != '[') {
            return null;
        }
        int eq = child.indexOf('=', element.length());
        if (eq < 0) {
            return null;
        }
        String value = keyValue(child, eq + 1);
        String key = child.substring(element.length() + 1, eq);
        return value.isEmpty() || value.contains(",") || value.contains("=") || !key.matches("[A-Za-z]+")
                ? null
                : value;
    }

    /**
     * The parts an object permission added or removed whole names: each of ViewAllRecords,
     * ModifyAllRecords and Read it grants, and {@code #objectPermissions} for any other access it
     * grants or when it grants none of those, each on its object ({@code on}: {@code /Contact}, or
     * empty when the diff did not say). {@code content} is the block in short ({@code
     * allowRead=true; modifyAllRecords=true; object=Contact; …}).
     */
    private static List<String> grants(String item, String on, @Nullable String content) {
        List<String> out = new ArrayList<>();
        boolean other = false;
        for (String field : (content == null ? "" : content).split("; ")) {
            int eq = field.indexOf('=');
            if (eq > 0 && field.substring(eq + 1).equals("true")) {
                String part = OBJECT_FLAGS.get(field.substring(0, eq));
                if (part != null) {
                    out.add(item + "#" + part + on);
                } else {
                    other = true;
                }
            }
        }
        if (other || out.isEmpty()) {
            out.add(item + "#objectPermissions" + on);
        }
        return List.copyOf(out);
    }

    /** The key's value in {@code userPermissions[name=X]} (a repeated key's {@code '} marks dropped). */
    private static String keyValue(String child, int from) {
        int end = child.lastIndexOf(']');
        return child.substring(from, end < from ? child.length() : end);
    }

    /** Whether a zip entry is a metadata document: source format ({@code -meta.xml}) or a known suffix. */
    static boolean metadataFile(String entry) {
        return entry.endsWith("-meta.xml") || typeOf(entry) != null;
    }

    static @Nullable String typeOf(String file) {
        String base = baseName(file);
        int dot = base.lastIndexOf('.');
        return dot < 0 ? null : SUFFIXES.get(base.substring(dot + 1).toLowerCase(java.util.Locale.ROOT));
    }

    /** A file's last segment without {@code -meta.xml}. */
    private static String baseName(String file) {
        String base = file.substring(file.lastIndexOf('/') + 1);
        return base.endsWith("-meta.xml") ? base.substring(0, base.length() - "-meta.xml".length()) : base;
    }
}
