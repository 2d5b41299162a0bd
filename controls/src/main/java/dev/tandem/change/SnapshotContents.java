package dev.tandem.change;

import dev.tandem.controls.ConfigItems;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.jspecify.annotations.Nullable;

/**
 * The Salesforce metadata components a configuration snapshot holds, named as configuration items
 * name them ({@code Type:Name}, docs/change-control.md "Change requests"): a pre-change snapshot
 * must hold the component of each metadata item the change names, and a diff pairs only snapshots
 * of the same type. Named as {@link ChangeScope} names what a diff touched:
 *
 * <ul>
 *   <li>a metadata document ({@code Admin.profile-meta.xml}): the type its root element says and the
 *       name its file name says; a document whose file name is no metadata file name ({@code
 *       after.xml}) is of a known type and an unknown name;
 *   <li>a zip (a retrieve): each entry whose file name is a metadata file of a known suffix ({@code
 *       permissionsets/Sync.permissionset-meta.xml}), a source-format field ({@code
 *       objects/Account/fields/Tier__c.field-meta.xml}) as {@code CustomField:Account.Tier__c};
 *   <li>anything else (JSON, text, an unreadable file): no component.
 * </ul>
 */
public final class SnapshotContents {
    static final int MAX_ENTRIES = 10_000;

    private SnapshotContents() {}

    public enum Kind {
        /** One metadata document. */
        DOCUMENT,
        /** A zip of metadata files. */
        ZIP,
        /** No metadata: another format, or unreadable. */
        OTHER
    }

    /**
     * @param name the snapshot's name ({@code metadata.zip})
     * @param components {@code Type:Name}, in the order met; a document's of unknown name is {@code Type:}
     * @param types the metadata types held
     */
    public record Held(String name, Kind kind, List<String> components, Set<String> types) {
        public Held {
            components = List.copyOf(components);
            types = Set.copyOf(types);
        }

        /**
         * Whether this holds the component of {@code item} ({@link ConfigItems#component}), names
         * compared ignoring case; a custom field also in its object's file.
         */
        public boolean holds(String item) {
            String wanted = ConfigItems.component(item).toLowerCase(Locale.ROOT);
            for (String c : components) {
                String have = c.toLowerCase(Locale.ROOT);
                if (have.equals(wanted)) {
                    return true;
                }
                if (wanted.startsWith("customfield:") && wanted.indexOf('.') > 0) {
                    String object = wanted.substring("customfield:".length(), wanted.indexOf('.'));
                    if (have.equals("customobject:" + object)) {
                        return true;
                    }
                }
            }
            return false;
        }

        /** What it holds, in words for a refusal: "Admin.profile-meta.xml holds Profile:Admin". */
        public String words() {
            if (kind == Kind.OTHER) {
                return name + " holds no Salesforce metadata";
            }
            if (components.isEmpty()) {
                return name + " holds no metadata component";
            }
            List<String> shown = components.stream()
                    .map(c -> c.endsWith(":")
                            ? "a " + c.substring(0, c.length() - 1) + " its file name does not name"
                            : c)
                    .limit(5)
                    .toList();
            return name + " holds " + String.join(", ", shown)
                    + (components.size() > shown.size() ? " and " + (components.size() - shown.size()) + " more" : "");
        }
    }

    /** What the snapshot {@code name} with content {@code bytes} holds; null bytes (too large to read) hold nothing. */
    public static Held of(String name, byte @Nullable [] bytes) {
        if (bytes == null) {
            return new Held(name, Kind.OTHER, List.of(), Set.of());
        }
        ConfigDiff.Format format = ConfigDiff.detect(name, bytes);
        if (format == ConfigDiff.Format.ZIP) {
            return zip(name, bytes);
        }
        if (format != ConfigDiff.Format.SALESFORCE_METADATA) {
            return new Held(name, Kind.OTHER, List.of(), Set.of());
        }
        String root;
        try {
            root = XmlTree.parse(bytes).name();
        } catch (XmlTree.Unreadable e) {
            return new Held(name, Kind.OTHER, List.of(), Set.of());
        }
        String component = ChangeScope.metadataFile(name) ? ConfigItems.componentName(name) : "";
        return new Held(name, Kind.DOCUMENT, List.of(root + ":" + component), Set.of(root));
    }

    private static Held zip(String name, byte[] bytes) {
        Set<String> components = new LinkedHashSet<>();
        Set<String> types = new LinkedHashSet<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            ZipEntry e;
            int n = 0;
            while ((e = in.getNextEntry()) != null && n++ < MAX_ENTRIES) {
                String entry = e.getName();
                String type = e.isDirectory() ? null : ChangeScope.typeOf(entry);
                if (type != null) {
                    components.add(type + ":" + componentName(type, entry));
                    types.add(type);
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            return new Held(name, Kind.OTHER, List.of(), Set.of());
        }
        return new Held(name, Kind.ZIP, new ArrayList<>(components), types);
    }

    /** A zip entry's component name; a source-format field is named with its object. */
    private static String componentName(String type, String entry) {
        String n = ConfigItems.componentName(entry);
        String[] parts = entry.split("/");
        if (type.equals("CustomField") && parts.length >= 3 && parts[parts.length - 2].equals("fields")) {
            return parts[parts.length - 3] + "." + n;
        }
        return n;
    }
}
