package dev.tandem.intake;

import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Parses metadata XML with StAX, DTDs and external entities disabled. A document that declares a
 * DOCTYPE at all is refused: Salesforce metadata never has one, and refusing it closes XXE and
 * entity-expansion ("billion laughs") attacks at the door (OWASP XML External Entity Prevention
 * Cheat Sheet, StAX section).
 */
public final class SafeXml {
    /** Elements accepted per document: metadata is small; a larger one is not metadata. */
    public static final int MAX_ELEMENTS = 2_000_000;

    public static final int MAX_DEPTH = 64;

    /**
     * Characters of text accepted in one element, and in a whole document: the tree is held in
     * memory, so a single huge text node (or millions of large ones) must be refused before it
     * exhausts the heap. Metadata values are short; a formula or description stays far below.
     */
    public static final int MAX_TEXT_PER_ELEMENT = 1 << 20;

    public static final long MAX_TEXT_PER_DOCUMENT = 64L << 20;

    private static final XMLInputFactory FACTORY = factory();

    private SafeXml() {}

    private static XMLInputFactory factory() {
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        return f;
    }

    /** Why a document was not read. */
    public static final class Refused extends Exception {
        private final long line;
        private final Problem.Kind kind;

        Refused(Problem.Kind kind, long line, String message) {
            super(message);
            this.kind = kind;
            this.line = line;
        }

        public long line() {
            return line;
        }

        public Problem.Kind kind() {
            return kind;
        }
    }

    /** Reads the whole document into a tree of elements; the stream is not closed. */
    public static XmlNode parse(InputStream in) throws Refused {
        XMLStreamReader r = null;
        try {
            r = FACTORY.createXMLStreamReader(in);
            Deque<XmlNode> stack = new ArrayDeque<>();
            XmlNode root = null;
            int elements = 0;
            long text = 0;
            while (r.hasNext()) {
                int ev = r.next();
                switch (ev) {
                    case XMLStreamConstants.DTD ->
                        throw new Refused(
                                Problem.Kind.XML_DOCTYPE_REFUSED,
                                r.getLocation().getLineNumber(),
                                "XML with a DOCTYPE is refused (DTDs and external entities are disabled;"
                                        + " Salesforce metadata never declares one)");
                    case XMLStreamConstants.ENTITY_REFERENCE ->
                        throw new Refused(
                                Problem.Kind.XML_DOCTYPE_REFUSED,
                                r.getLocation().getLineNumber(),
                                "XML entity reference &" + r.getLocalName() + "; refused");
                    case XMLStreamConstants.START_ELEMENT -> {
                        if (++elements > MAX_ELEMENTS || stack.size() >= MAX_DEPTH) {
                            throw new Refused(
                                    Problem.Kind.UNREADABLE,
                                    r.getLocation().getLineNumber(),
                                    "XML too large or too deep for metadata");
                        }
                        XmlNode n =
                                new XmlNode(r.getLocalName(), r.getLocation().getLineNumber());
                        if (stack.isEmpty()) {
                            root = n;
                        } else {
                            stack.peek().add(n);
                        }
                        stack.push(n);
                    }
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
                        if (!stack.isEmpty()) {
                            int length = r.getTextLength();
                            XmlNode current = stack.peek();
                            text += length;
                            if (current.textLength() + length > MAX_TEXT_PER_ELEMENT) {
                                throw new Refused(
                                        Problem.Kind.UNREADABLE,
                                        r.getLocation().getLineNumber(),
                                        "XML element <" + current.name() + "> has more than " + MAX_TEXT_PER_ELEMENT
                                                + " characters of text: too large for metadata");
                            }
                            if (text > MAX_TEXT_PER_DOCUMENT) {
                                throw new Refused(
                                        Problem.Kind.UNREADABLE,
                                        r.getLocation().getLineNumber(),
                                        "XML document has more than " + MAX_TEXT_PER_DOCUMENT
                                                + " characters of text: too large for metadata");
                            }
                            current.append(r.getText());
                        }
                    }
                    case XMLStreamConstants.END_ELEMENT -> stack.pop();
                    default -> {
                        // comments, processing instructions, whitespace: nothing to keep
                    }
                }
            }
            if (root == null) {
                throw new Refused(Problem.Kind.UNREADABLE, 1, "XML without a root element");
            }
            return root;
        } catch (XMLStreamException e) {
            long line = e.getLocation() == null ? 0 : e.getLocation().getLineNumber();
            String msg = e.getMessage() == null ? "malformed XML" : e.getMessage();
            // The JDK prefixes "ParseError at [row,col]:[..]\nMessage: "; keep the message part.
            int at = msg.indexOf("Message: ");
            throw new Refused(
                    Problem.Kind.UNREADABLE,
                    Math.max(line, 0),
                    "malformed XML: " + (at >= 0 ? msg.substring(at + 9) : msg));
        } finally {
            if (r != null) {
                try {
                    r.close();
                } catch (XMLStreamException ignored) {
                    // closing a failed reader: the failure is already reported
                }
            }
        }
    }
}
