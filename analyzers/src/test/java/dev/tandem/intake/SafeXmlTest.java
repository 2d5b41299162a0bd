package dev.tandem.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SafeXmlTest {
    private static ByteArrayInputStream xml(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsMetadataWithLineNumbers() throws Exception {
        XmlNode root = SafeXml.parse(xml("""
                <?xml version="1.0" encoding="UTF-8"?>
                <PermissionSet xmlns="http://soap.sforce.com/2006/04/metadata">
                    <label>Ops</label>
                    <userPermissions>
                        <enabled>true</enabled>
                        <name>ViewAllData</name>
                    </userPermissions>
                </PermissionSet>
                """));
        assertThat(root.name()).isEqualTo("PermissionSet");
        assertThat(root.text("label")).isEqualTo("Ops");
        assertThat(root.child("userPermissions").line()).isEqualTo(4);
        assertThat(root.child("userPermissions").flag("enabled")).isTrue();
    }

    @Test
    void refusesExternalEntityAttack() {
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE Profile [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
                <Profile><description>&xxe;</description></Profile>
                """;
        assertThatThrownBy(() -> SafeXml.parse(xml(xxe)))
                .isInstanceOf(SafeXml.Refused.class)
                .hasMessageContaining("DOCTYPE is refused")
                .satisfies(e -> {
                    assertThat(((SafeXml.Refused) e).kind()).isEqualTo(Problem.Kind.XML_DOCTYPE_REFUSED);
                    assertThat(((SafeXml.Refused) e).line()).isEqualTo(2);
                });
    }

    @Test
    void refusesBillionLaughs() {
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n");
        for (int i = 1; i < 10; i++) {
            b.append(" <!ENTITY lol").append(i).append(" \"");
            for (int k = 0; k < 10; k++) {
                b.append("&lol").append(i == 1 ? "" : i - 1).append(';');
            }
            b.append("\">\n");
        }
        b.append("]>\n<lolz>&lol9;</lolz>\n");
        assertThatThrownBy(() -> SafeXml.parse(xml(b.toString())))
                .isInstanceOf(SafeXml.Refused.class)
                .hasMessageContaining("DOCTYPE is refused");
    }

    @Test
    void reportsMalformedXmlWithItsLine() {
        assertThatThrownBy(() -> SafeXml.parse(xml("<Profile>\n<a>\n</Profile>\n")))
                .isInstanceOf(SafeXml.Refused.class)
                .hasMessageStartingWith("malformed XML")
                .satisfies(e -> assertThat(((SafeXml.Refused) e).line()).isEqualTo(3));
    }

    /** A text node of megabytes streamed in, never held: refused at the limit, naming the element. */
    @Test
    void refusesAnElementWithTooMuchText() {
        java.io.InputStream huge = new java.io.SequenceInputStream(java.util.Collections.enumeration(java.util.List.of(
                xml("<Profile><description>"),
                new java.io.InputStream() {
                    private long left = 4L * SafeXml.MAX_TEXT_PER_ELEMENT;

                    @Override
                    public int read() {
                        return left-- > 0 ? 'x' : -1;
                    }
                },
                xml("</description></Profile>"))));
        assertThatThrownBy(() -> SafeXml.parse(huge))
                .isInstanceOf(SafeXml.Refused.class)
                .hasMessageContaining("<description>")
                .hasMessageContaining("too large for metadata");
    }

    @Test
    void refusesADocumentWhoseTextAddsUpPastTheLimit() {
        StringBuilder b = new StringBuilder("<Profile>");
        String value = "y".repeat(SafeXml.MAX_TEXT_PER_ELEMENT / 2);
        long elements = SafeXml.MAX_TEXT_PER_DOCUMENT / value.length() + 1;
        for (long i = 0; i < elements; i++) {
            b.append("<v>").append(value).append("</v>");
        }
        b.append("</Profile>");
        assertThatThrownBy(() -> SafeXml.parse(xml(b.toString())))
                .isInstanceOf(SafeXml.Refused.class)
                .hasMessageContaining("XML document has more than");
    }
}
