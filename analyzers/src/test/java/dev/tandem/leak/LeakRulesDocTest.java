package dev.tandem.leak;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/leak-patterns.md lists the rules in the order they run from the rule classes themselves;
 * run with {@code -Dtandem.docs.update=true} to rewrite the section after changing a rule.
 */
class LeakRulesDocTest {
    private static final String START = "<!-- generated: LeakRulesDocTest -->\n";
    private static final String END = "<!-- end generated -->";

    @Test
    void theDocumentListsEveryRuleInTheOrderTheyRun() throws IOException {
        Path doc = Path.of("..", "docs", "leak-patterns.md");
        String text = Files.readString(doc, StandardCharsets.UTF_8);
        int from = text.indexOf(START);
        int to = text.indexOf(END);
        assertThat(from).as("generated section markers in " + doc).isNotNegative();
        String generated = Rules.table();
        if (Boolean.getBoolean("tandem.docs.update")) {
            text = text.substring(0, from + START.length()) + generated + text.substring(to);
            Files.writeString(doc, text, StandardCharsets.UTF_8);
        }
        assertThat(text.substring(from + START.length(), text.indexOf(END)))
                .as("docs/leak-patterns.md is stale: run this test with -Dtandem.docs.update=true")
                .isEqualTo(generated);
    }
}
