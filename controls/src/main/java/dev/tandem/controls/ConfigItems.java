package dev.tandem.controls;

import java.util.Collection;
import java.util.Locale;

/**
 * When a change's configuration item touches a tested one. Items are named {@code Type:Name},
 * optionally narrowed with {@code #part} ({@code PermissionSet:Integration_Sync#ViewAllData}, as
 * the leak analyzers' containment proposals name them). Two items touch when they are equal
 * (ignoring case), or when one is the whole of which the other is a part: a change to a permission
 * set's ViewAllData touches a test of the permission set, and a change to the whole permission set
 * touches a test of any of its parts. Different parts of one item do not touch.
 */
public final class ConfigItems {
    private ConfigItems() {}

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

    private static String base(String item) {
        int hash = item.indexOf('#');
        return hash < 0 ? item : item.substring(0, hash);
    }
}
