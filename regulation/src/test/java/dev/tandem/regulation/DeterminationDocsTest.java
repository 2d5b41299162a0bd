package dev.tandem.regulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The states docs/obligations-api.md names as counting from the determination are those whose rules
 * do: Florida's counts from awareness (Fla. Stat. 501.171(3): "determination of a breach or reason to
 * believe a breach occurred"), and the docs once said otherwise.
 */
class DeterminationDocsTest {
    private static final Map<String, String> STATES = Map.ofEntries(
            Map.entry("Alabama", "US-AL"),
            Map.entry("Arizona", "US-AZ"),
            Map.entry("Arkansas", "US-AR"),
            Map.entry("Singapore", "SG"),
            Map.entry("Colorado", "US-CO"),
            Map.entry("Delaware", "US-DE"),
            Map.entry("Florida", "US-FL"),
            Map.entry("Maine", "US-ME"),
            Map.entry("Rhode Island", "US-RI"),
            Map.entry("Texas", "US-TX"));

    @Test
    void theStatesTheApiDocsSayCountFromTheDeterminationDo() throws IOException {
        String doc =
                Files.readString(Path.of("..", "docs", "obligations-api.md")).replaceAll("\\s+", " ");
        Matcher m = Pattern.compile("\\(([^()]*)\\) run from it").matcher(doc);
        assertThat(m.find()).as("the list of states counting from determinedAt").isTrue();
        List<String> named = new ArrayList<>();
        for (String s : m.group(1).split(", ")) {
            if (!s.equals("...") && !s.startsWith("NYDFS")) {
                named.add(s);
            }
        }
        assertThat(named).isNotEmpty();
        RuleBook book = RuleBook.standard();
        for (String state : named) {
            assertThat(STATES).as("a state named in docs/obligations-api.md").containsKey(state);
            List<Rule> timed = book.rules().stream()
                    .filter(r -> r.jurisdiction().equals(STATES.get(state)))
                    .filter(r -> r.deadline().kind() != Rule.DeadlineKind.NONE)
                    .toList();
            assertThat(timed).as(state).isNotEmpty();
            assertThat(timed)
                    .as(state + " is said to count from determinedAt")
                    .allMatch(r -> r.deadline().from() == Rule.ClockStart.DETERMINATION);
        }
    }

    @Test
    void floridaCountsFromAwareness() throws IOException {
        assertThat(RuleBook.standard().rules())
                .filteredOn(r -> r.jurisdiction().equals("US-FL"))
                .isNotEmpty()
                .allMatch(r -> r.deadline().from() == Rule.ClockStart.AWARENESS);
        String doc =
                Files.readString(Path.of("..", "docs", "obligations-api.md")).replaceAll("\\s+", " ");
        assertThat(doc).contains("Florida's 30 days run from awareness");
    }
}
