package dev.tandem.server.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.server.DomainException;
import org.junit.jupiter.api.Test;
import org.springframework.http.ContentDisposition;

/** An item's name: what {@link Intake#name} refuses, and the download header built for any stored name. */
class EvidenceNamesTest {

    @Test
    void refusesLineBreaksAndOtherControlCharactersNamingTheFirst() {
        for (String name : new String[] {
            "a\r\nb",
            "a\nb",
            "tab\there",
            "nul\0",
            "del\u007F",
            "nel\u0085",
            "ls\u2028",
            "ps\u2029",
            "rlo\u202Efdp.exe",
            "isolate\u2066x"
        }) {
            assertThatThrownBy(() -> Intake.name(name, 500))
                    .as(name)
                    .isInstanceOfSatisfying(DomainException.class, e -> {
                        assertThat(e.code()).isEqualTo("bad-name");
                        assertThat(e.kind()).isEqualTo(DomainException.Kind.UNPROCESSABLE_CONTENT);
                        assertThat(e.getMessage())
                                .startsWith("name must not contain line breaks or other control characters: U+");
                    });
        }
        // the position counts characters (code points) from 1, after a character outside the BMP too
        assertThatThrownBy(() -> Intake.name("😀x\ty", 500)).hasMessageEndingWith("U+0009 at character 3");
    }

    @Test
    void keepsTheEarlierChecksAndAcceptsAnyPrintableName() {
        assertThatThrownBy(() -> Intake.name(" ", 500)).hasMessage("name is required, at most 500 characters");
        assertThatThrownBy(() -> Intake.name(null, 500)).hasMessage("name is required, at most 500 characters");
        assertThatThrownBy(() -> Intake.name("x".repeat(256), 255))
                .hasMessage("name is required, at most 255 characters");
        assertThatThrownBy(() -> Intake.name("a.zip!/b.csv", 500)).hasMessageContaining("!/");
        for (String name :
                new String[] {"\"Q3\"; review.pdf", "Übersicht 報告 100%.pdf", "back\\slash", "emoji 😀.png"}) {
            assertThat(Intake.name(name, 500)).isEqualTo(name);
        }
    }

    @Test
    void theDownloadHeaderCarriesAnyStoredNameAsValidRfc6266() {
        String name = "a\"; filename=evil.html\r\nX-Injected: 1 \\ Übersicht 報告 😀 100%.pdf";
        String header = EvidenceController.attachment(name);
        assertThat(header.chars()).allMatch(c -> c >= 0x20 && c < 0x7F);
        assertThat(header)
                .isEqualTo("attachment; filename=\"a_; filename=evil.html__X-Injected: 1 _ _bersicht __ _ 100_.pdf\";"
                        + " filename*=UTF-8''a%22%3B%20filename%3Devil.html%0D%0AX-Injected%3A%201%20%5C%20"
                        + "%C3%9Cbersicht%20%E5%A0%B1%E5%91%8A%20%F0%9F%98%80%20100%25.pdf");
        ContentDisposition parsed = ContentDisposition.parse(header);
        assertThat(parsed.isAttachment()).isTrue();
        assertThat(parsed.getFilename()).isEqualTo(name);
        assertThat(EvidenceController.attachment("report.pdf"))
                .isEqualTo("attachment; filename=\"report.pdf\"; filename*=UTF-8''report.pdf");
    }
}
