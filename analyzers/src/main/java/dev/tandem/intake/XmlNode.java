package dev.tandem.intake;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An element of a small XML document (Salesforce metadata), with the line it starts on so that
 * findings can point at it. Namespaces are dropped: metadata uses one default namespace.
 */
public final class XmlNode {
    private final String name;
    private final long line;
    private final List<XmlNode> children = new ArrayList<>();
    private final StringBuilder text = new StringBuilder();

    XmlNode(String name, long line) {
        this.name = name;
        this.line = line;
    }

    public String name() {
        return name;
    }

    public long line() {
        return line;
    }

    public List<XmlNode> children() {
        return children;
    }

    int textLength() {
        return text.length();
    }

    void append(String s) {
        text.append(s);
    }

    void add(XmlNode child) {
        children.add(child);
    }

    public String text() {
        return text.toString().strip();
    }

    /** The first child element with this name, or null. */
    public @Nullable XmlNode child(String childName) {
        for (XmlNode c : children) {
            if (c.name.equals(childName)) {
                return c;
            }
        }
        return null;
    }

    /** All child elements with this name. */
    public List<XmlNode> all(String childName) {
        List<XmlNode> out = new ArrayList<>();
        for (XmlNode c : children) {
            if (c.name.equals(childName)) {
                out.add(c);
            }
        }
        return out;
    }

    /** The text of the first child with this name, or "" when absent. */
    public String text(String childName) {
        XmlNode c = child(childName);
        return c == null ? "" : c.text();
    }

    public boolean flag(String childName) {
        return "true".equalsIgnoreCase(text(childName));
    }
}
