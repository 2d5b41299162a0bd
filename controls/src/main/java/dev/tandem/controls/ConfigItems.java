package dev.tandem.controls;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Locale;

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
