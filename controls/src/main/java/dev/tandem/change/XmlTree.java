package dev.tandem.change;

import java.io.ByteArrayInputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A small XML tree for comparing metadata, read with StAX; a document with a DOCTYPE is refused
 * (no DTDs, no external entities: OWASP XML External Entity Prevention Cheat Sheet). Element names
 * are local names (Salesforce metadata has one namespace); text is trimmed.
 */
final class XmlTree {
    static final int MAX_ELEMENTS = 500_000;
    static final int MAX_DEPTH = 64;

    private static final XMLInputFactory FACTORY = factory();

    private XmlTree() {}

    record Node(String name, String namespace, List<Node> children, String text) {
        boolean leaf() {
            return children.isEmpty();
        }

        String childText(String child) {
            for (Node c : children) {
                if (c.name.equals(child) && c.leaf()) {
                    return c.text;
                }
            }
            return "";
        }
    }

    /** Why a document was not read. */
    static final class Unreadable extends Exception {
        Unreadable(String message) {
            super(message);
        }
    }

    private static XMLInputFactory factory() {
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        return f;
    }

    static Node parse(byte[] xml) throws Unreadable {
        record Open(String name, String ns, List<Node> children, StringBuilder text) {}
        Deque<Open> stack = new ArrayDeque<>();
        Node root = null;
        int elements = 0;
        try {
            XMLStreamReader r = FACTORY.createXMLStreamReader(new ByteArrayInputStream(xml));
            try {
                while (r.hasNext()) {
                    int e = r.next();
                    switch (e) {
                        case XMLStreamConstants.DTD ->
                            throw new Unreadable("line " + r.getLocation().getLineNumber()
                                    + ": a DOCTYPE is refused (configuration metadata has none)");
                        case XMLStreamConstants.START_ELEMENT -> {
                            if (++elements > MAX_ELEMENTS || stack.size() >= MAX_DEPTH) {
                                throw new Unreadable(
                                        "more than " + MAX_ELEMENTS + " elements or deeper than " + MAX_DEPTH);
                            }
                            String ns = r.getNamespaceURI() == null ? "" : r.getNamespaceURI();
                            stack.push(new Open(r.getLocalName(), ns, new ArrayList<>(), new StringBuilder()));
                        }
                        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
                            if (!stack.isEmpty()) {
                                stack.peek().text().append(r.getText());
                            }
                        }
                        case XMLStreamConstants.END_ELEMENT -> {
                            Open o = stack.pop();
                            Node n = new Node(
                                    o.name(),
                                    o.ns(),
                                    List.copyOf(o.children()),
                                    o.text().toString().strip());
                            if (stack.isEmpty()) {
                                root = n;
                            } else {
                                stack.peek().children().add(n);
                            }
                        }
                        default -> {
                            // comments, processing instructions, whitespace
                        }
                    }
                }
            } finally {
                r.close();
            }
        } catch (XMLStreamException e) {
            throw new Unreadable("not well-formed XML: " + e.getMessage());
        }
        if (root == null) {
            throw new Unreadable("no root element");
        }
        return root;
    }
}
