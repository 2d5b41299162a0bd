package dev.tandem.controls;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Locale;

/**
 * When a change's configuration item touches a tested one. Items are named {@code Type:Name},
 * optionally narrowed with {@code #part} ({@code PermissionSet:Integration_Sync#ViewAllData}, as
 * the leak analyzers' containment proposals name them). Two items touch when they are equal
 * (ignoring case), or when one is the whole of which the other is a part: a change to a permission
 * set's ViewAllData touches a test of the permission set, and a change to the whole permission set
 * touches a test of any of its parts. Different parts of one item do not touch.
 *
 * <p>Whether an approval covers a change is one way ({@link #covers}): approving the whole item
 * covers each of its parts, but approving a part ({@code PermissionSet:X#ViewAllData}) covers that
 * part alone, neither the whole item nor its other parts.
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
        if (x.equals(y)) {
            return true;
        }
        boolean xWhole = x.indexOf('#') < 0;
        boolean yWhole = y.indexOf('#') < 0;
        return (xWhole || yWhole) && base(x).equals(base(y));
    }

    public static boolean touchesAny(String item, Collection<String> others) {
        return others.stream().anyMatch(o -> touches(item, o));
    }

    /** Whether approving {@code approved} covers a change to {@code item}: the same item, or its whole. */
    public static boolean covers(String approved, String item) {
        String a = approved.strip().toLowerCase(Locale.ROOT);
        String i = item.strip().toLowerCase(Locale.ROOT);
        return a.equals(i) || (a.indexOf('#') < 0 && a.equals(base(i)));
    }

    /** Whether any of {@code approved} covers {@code item} ({@link #covers}). */
    public static boolean coveredBy(String item, Collection<String> approved) {
        return approved.stream().anyMatch(a -> covers(a, item));
    }

    private static String base(String item) {
        int hash = item.indexOf('#');
        return hash < 0 ? item : item.substring(0, hash);
    }
}
