package dev.tandem.cli.deadlines;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.cli.CliRun;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class DeadlinesCommandTest {
    private static CliRun run(String... args) {
        List<String> all = new ArrayList<>(List.of("deadlines"));
        all.addAll(List.of(args));
        return CliRun.run(all.toArray(String[]::new));
    }

    @Test
    void jsonStartsEachObligationWithTheContractFieldsInOrder() {
        CliRun r = run(
                "--aware", "2026-10-23T10:00:00+02:00",
                "--subjects", "DE=1200,US-TX=300",
                "--data", "CONTACT,GOVERNMENT_ID",
                "--established", "DE",
                "--now", "2026-10-23T12:00:00+02:00",
                "--format", "json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode root = JsonMapper.builder().build().readTree(r.out());
        assertThat(root.propertyNames().iterator().next()).isEqualTo("obligations");
        JsonNode gdpr = null;
        for (JsonNode o : root.get("obligations")) {
            assertThat(new ArrayList<>(o.propertyNames()).subList(0, 7))
                    .containsExactly("regime", "jurisdiction", "recipient", "due", "dueText", "citation", "confidence");
            if (o.get("citation").asString().startsWith("GDPR Art. 33(1)")) {
                gdpr = o;
            }
        }
        assertThat(gdpr).isNotNull();
        assertThat(gdpr.get("jurisdiction").asString()).isEqualTo("EU");
        assertThat(gdpr.get("recipient").asString()).isEqualTo("SUPERVISORY_AUTHORITY");
        assertThat(gdpr.get("due").asString()).isEqualTo("2026-10-26T08:00:00Z");
        assertThat(gdpr.get("dueLocal").asString()).isEqualTo("2026-10-26T10:00+02:00");
        assertThat(gdpr.get("confidence").asString()).isEqualTo("PRIMARY");
    }

    @Test
    void openEndedObligationHasNullDueAndSaysWhy() {
        CliRun r = run(
                "--aware",
                "2026-10-23T10:00:00+02:00",
                "--subjects",
                "DE=10",
                "--data",
                "CONTACT",
                "--established",
                "DE",
                "--processor",
                "--now",
                "2026-10-23T11:00:00+02:00",
                "--format",
                "json");
        JsonNode o = JsonMapper.builder()
                .build()
                .readTree(r.out())
                .get("obligations")
                .get(0);
        assertThat(o.get("recipient").asString()).isEqualTo("CONTROLLER");
        assertThat(o.get("due").isNull()).isTrue();
        assertThat(o.get("dueText").asString()).contains("without undue delay");
    }

    @Test
    void exitsOneWhenARequiredDeadlineHasPassed() {
        CliRun r = run(
                "--aware",
                "2026-10-23T10:00:00+02:00",
                "--subjects",
                "DE=10",
                "--data",
                "CONTACT",
                "--established",
                "DE",
                "--now",
                "2026-10-26T09:00:01Z");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("MISSED").contains("1 required deadline(s) missed");
    }

    @Test
    void textSaysItIsNotLegalAdvice() {
        CliRun r = run("--aware", "2026-10-23T10:00:00Z", "--subjects", "GB=5", "--now", "2026-10-23T10:00:00Z");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("NOT LEGAL ADVICE");
    }

    @Test
    void materialityDecisionStartsTheSecClock() {
        CliRun r = run(
                "--aware",
                "2026-11-05T09:00:00-05:00",
                "--subjects",
                "US-NY=10",
                "--sec-registrant",
                "--decide",
                "MATERIAL=YES@2026-11-09T16:00:00-05:00",
                "--now",
                "2026-11-10T00:00:00Z",
                "--format",
                "json");
        JsonNode sec = null;
        for (JsonNode o : JsonMapper.builder().build().readTree(r.out()).get("obligations")) {
            if (o.get("recipient").asString().equals("SEC")) {
                sec = o;
            }
        }
        assertThat(sec).isNotNull();
        assertThat(sec.get("due").asString()).isEqualTo("2026-11-17T04:59:59Z");
        assertThat(sec.get("question").get("answer").asString()).isEqualTo("YES");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "--subjects|XX=5|'XX'",
                "--subjects|US-ZZ=5|'US-ZZ'",
                "--subjects|UK=5|GB",
                "--subjects|DE=-3|negative",
                "--subjects|DE=many|'many'",
                "--data|EMAIL|'EMAIL'",
                "--aware|2026-10-23T10:00|no UTC offset",
                "--established|ZZ|'ZZ'",
                "--decide|MATERIAL=MAYBE@2026-11-09T16:00Z|'MAYBE'",
                "--decide|LUCK=YES@2026-11-09T16:00Z|'LUCK'",
                "--format|xml|'xml'",
            })
    void rejectsBadInputNamingTheValue(String option, String value, String named) {
        List<String> args = new ArrayList<>(
                List.of("--aware", "2026-10-23T10:00:00Z", "--subjects", "DE=5", "--now", "2026-10-23T10:00:00Z"));
        int i = args.indexOf(option);
        if (i >= 0) {
            args.set(i + 1, value);
        } else {
            args.add(option);
            args.add(value);
        }
        CliRun r = run(args.toArray(String[]::new));
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains(named).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void rejectsAnUnusableRuleFileNamingTheRule(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        var file = dir.resolve("rules.json");
        java.nio.file.Files.writeString(file, "{\"version\":\"x\"", java.nio.charset.StandardCharsets.UTF_8);
        CliRun r = run("--aware", "2026-10-23T10:00:00Z", "--subjects", "DE=5", "--rules", file.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains(file.toString()).contains("not valid JSON");
    }
}
