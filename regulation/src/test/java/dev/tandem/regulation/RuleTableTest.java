package dev.tandem.regulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class RuleTableTest {
    @Test
    void checkedInTableMatchesTheRuleFile() throws Exception {
        // Surefire runs in the module directory; the table lives in the repository's docs/.
        Path table = Path.of("..", "docs", "regulation-rules.md");
        String expected = RuleTable.markdown(RuleBook.standard());
        assertThat(Files.readString(table, StandardCharsets.UTF_8))
                .as(
                        "docs/regulation-rules.md is stale: run ./tandem generate rules-table --output docs/regulation-rules.md")
                .isEqualTo(expected);
    }

    @Test
    void tableListsEveryRuleWithCitationAndConfidence() {
        RuleBook book = RuleBook.standard();
        String md = RuleTable.markdown(book);
        assertThat(md).contains("Not legal advice");
        for (Rule r : book.rules()) {
            assertThat(md).contains("| " + r.id() + " |");
        }
        assertThat(md).contains("| eu-gdpr-33-sa | EU GDPR | EU | SUPERVISORY_AUTHORITY | 72 h:");
    }
}
