package dev.tandem.regulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RuleBookTest {
    private static final String HEAD = """
            {"version":"t","disclaimer":"Not legal advice.","regions":{"EEA":["DE"]},"zones":{"DE":"Europe/Berlin"},
             "calendars":{"BR":{"jollyday":"br","description":"Brazil"}},
             "questions":{"RISK":{"text":"Risk?","citation":"Art. 33"}},
             "rules":[""";

    private static String rule(String id, String extra) {
        return """
                {"id":"%s","regime":"R","jurisdiction":"DE","recipient":"REGULATOR",
                 "trigger":{"scope":["DE"]},"deadline":{"kind":"HOURS","amount":72,"from":"AWARENESS","text":"72 h"},
                 "content":["x"],"citation":"c","confidence":"SECONDARY","source":"s","inForce":{"from":"2020-01-01"%s}}""".formatted(id, extra);
    }

    private static RuleBook load(String json) {
        return RuleBook.load(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test.json");
    }

    @Test
    void standardRulesLoadAndCoverEveryStateDcAndPuertoRico() {
        RuleBook book = RuleBook.standard();
        var states = book.rules().stream()
                .filter(r -> r.jurisdiction().startsWith("US-") && r.recipient() == Recipient.INDIVIDUALS)
                .map(Rule::jurisdiction)
                .distinct()
                .count();
        assertThat(states).isEqualTo(52);
        assertThat(book.rules()).allSatisfy(r -> assertThat(r.citation()).isNotBlank());
    }

    @Test
    void theShippedCalendarsOpenAndAnswerThoughOpenedOnlyOnFirstUse() {
        HolidayCalendars calendars = RuleBook.standard().calendars();
        // every calendar the shipped file names opens (the shipped book opens them lazily)
        calendars.openAll();
        // 2026-11-26 is Thanksgiving (5 U.S.C. 6103), 2026-11-27 an ordinary Friday
        assertThat(calendars.isBusinessDay("US-FEDERAL", java.time.LocalDate.of(2026, 11, 26)))
                .isFalse();
        assertThat(calendars.isBusinessDay("US-FEDERAL", java.time.LocalDate.of(2026, 11, 27)))
                .isTrue();
    }

    @Test
    void aLazyCalendarWithABadSpecFailsNamingItWhenFirstUsed() {
        HolidayCalendars calendars = HolidayCalendars.lazy(java.util.Map.of("X", "atlantis"));
        assertThat(calendars.contains("X")).isTrue();
        assertThatThrownBy(() -> calendars.isBusinessDay("X", java.time.LocalDate.of(2026, 11, 25)))
                .isInstanceOf(RuleBookException.class)
                .hasMessageContaining("calendar X")
                .hasMessageContaining("atlantis");
    }

    @Test
    void readsTheTreeAMapperReads() throws Exception {
        var mapper = tools.jackson.databind.json.JsonMapper.builder().build();
        byte[] shipped;
        try (var in = RuleBook.class.getResourceAsStream("rules.json")) {
            shipped = in.readAllBytes();
        }
        String odd = """
                {"a":1,"b":-2,"c":12345678901,"d":123456789012345678901234567890,"e":1.5,"f":-1e-3,
                 "g":true,"h":false,"i":null,"j":[],"k":{},"l":[1,"x",[{"m":"\\u00e9"}]],"a":"again"}""";
        for (byte[] doc : java.util.List.of(shipped, odd.getBytes(StandardCharsets.UTF_8))) {
            assertThat(RuleBook.tree(new ByteArrayInputStream(doc), "t.json")).isEqualTo(mapper.readTree(doc));
        }
        assertThat(RuleBook.tree(new ByteArrayInputStream(new byte[0]), "t.json")
                        .isMissingNode())
                .isTrue();
    }

    @Test
    void rejectsMoreAfterTheDocument() {
        assertThatThrownBy(() -> load("{\"version\":\"t\"}\n{}"))
                .isInstanceOf(RuleBookException.class)
                .hasMessageContaining("test.json: not valid JSON")
                .hasMessageContaining("line 2");
    }

    @Test
    void acceptsAMinimalFile() {
        assertThat(load(HEAD + rule("a", "") + "]}").rules()).hasSize(1);
    }

    @Test
    void rejectsUnknownFieldNamingTheRule() {
        assertThatThrownBy(() -> load(HEAD + rule("a", ",\"untill\":\"2021-01-01\"") + "]}"))
                .isInstanceOf(RuleBookException.class)
                .hasMessageContaining("test.json")
                .hasMessageContaining("rule a")
                .hasMessageContaining("untill");
    }

    @Test
    void rejectsOverlappingVersionsOfOneRule() {
        assertThatThrownBy(() -> load(HEAD + rule("a@1", ",\"to\":\"2022-01-01\"") + ","
                        + rule("a@2", "").replace("2020-01-01", "2021-06-01") + "]}"))
                .isInstanceOf(RuleBookException.class)
                .hasMessageContaining("a@1")
                .hasMessageContaining("overlap");
    }

    private static String withTranspositions(String states, String reference) {
        return HEAD.replace(
                        "\"rules\":[",
                        "\"transpositions\":{\"NIS2\":{\"directive\":\"2022/2555\",\"checked\":\"2026-12-05\","
                                + "\"states\":{" + states + "}}},\"rules\":[")
                + rule("a", "").replace("\"source\":\"s\"", "\"source\":\"s\",\"transposition\":\"" + reference + "\"")
                + "]}";
    }

    @Test
    void readsTranspositionsDatedOrNotConfirmedAndSharesThemWithTheRulesThatNameThem() {
        RuleBook book = load(withTranspositions(
                "\"DE\":{\"from\":\"2025-12-06\",\"law\":\"BSIG\",\"source\":\"gazette\"},"
                        + "\"FR\":{\"status\":\"NOT_CONFIRMED\",\"law\":\"bill\",\"source\":\"vie-publique\"}",
                "NIS2"));
        var states = book.transpositions().get("NIS2");
        assertThat(states.get("DE").from()).isEqualTo(java.time.LocalDate.of(2025, 12, 6));
        assertThat(states.get("DE").checked()).isEqualTo(java.time.LocalDate.of(2026, 12, 5));
        assertThat(states.get("FR").dated()).isFalse();
        assertThat(book.rules().getFirst().transposition()).isSameAs(states);
    }

    @Test
    void rejectsATranspositionWithBothADateAndAStatusOrAnUnknownReference() {
        assertThatThrownBy(() -> load(withTranspositions(
                        "\"DE\":{\"from\":\"2025-12-06\",\"status\":\"NOT_CONFIRMED\",\"law\":\"l\",\"source\":\"s\"}",
                        "NIS2")))
                .hasMessageContaining("transpositions.NIS2.states.DE")
                .hasMessageContaining("either 'from'");
        assertThatThrownBy(() -> load(
                        withTranspositions("\"DE\":{\"status\":\"PENDING\",\"law\":\"l\",\"source\":\"s\"}", "NIS2")))
                .hasMessageContaining("status must be NOT_CONFIRMED");
        assertThatThrownBy(() -> load(
                        withTranspositions("\"DE\":{\"from\":\"2025-12-06\",\"law\":\"l\",\"source\":\"s\"}", "NIS3")))
                .hasMessageContaining("rule a")
                .hasMessageContaining("'NIS3'")
                .hasMessageContaining("known: NIS2");
    }

    @Test
    void rejectsDuplicateIds() {
        assertThatThrownBy(() -> load(HEAD + rule("a", "") + "," + rule("a", "") + "]}"))
                .hasMessageContaining("rule a is defined twice");
    }

    @Test
    void rejectsUnknownCountryInScope() {
        assertThatThrownBy(() -> load(HEAD + rule("a", "").replace("\"scope\":[\"DE\"]", "\"scope\":[\"XX\"]") + "]}"))
                .hasMessageContaining("rule a: trigger: scope")
                .hasMessageContaining("'XX'");
    }

    @Test
    void rejectsBusinessDaysWithoutAKnownCalendar() {
        String r = rule("a", "")
                .replace(
                        "\"kind\":\"HOURS\",\"amount\":72",
                        "\"kind\":\"BUSINESS_DAYS\",\"amount\":3,\"calendar\":\"XX\"");
        assertThatThrownBy(() -> load(HEAD + r + "]}")).hasMessageContaining("unknown calendar 'XX'");
    }

    @Test
    void readsTheFirstDayCountedOnlyForCalendarDays() {
        String days = rule("a", "")
                .replace(
                        "\"kind\":\"HOURS\",\"amount\":72",
                        "\"kind\":\"CALENDAR_DAYS\",\"amount\":30,\"startDayCounts\":true");
        assertThat(load(HEAD + days + "]}").rules().getFirst().deadline().startDayCounts())
                .isTrue();
        String hours = rule("a", "").replace("\"amount\":72", "\"amount\":72,\"startDayCounts\":true");
        assertThatThrownBy(() -> load(HEAD + hours + "]}"))
                .isInstanceOf(RuleBookException.class)
                .hasMessageContaining("rule a")
                .hasMessageContaining("only deadlines counted in calendar days take 'startDayCounts'");
    }

    @Test
    void rejectsUnknownQuestion() {
        String r = rule("a", "")
                .replace(
                        "\"content\"",
                        "\"question\":{\"key\":\"LUCK\",\"requiredIf\":\"YES\",\"presumed\":false},\"content\"");
        assertThatThrownBy(() -> load(HEAD + r + "]}")).hasMessageContaining("unknown question 'LUCK'");
    }

    @Test
    void rejectsDecisionClockWithoutQuestion() {
        String r = rule("a", "").replace("\"from\":\"AWARENESS\"", "\"from\":\"DECISION\"");
        assertThatThrownBy(() -> load(HEAD + r + "]}")).hasMessageContaining("has no question");
    }

    @Test
    void rejectsInForceEndBeforeStart() {
        assertThatThrownBy(() -> load(HEAD + rule("a", ",\"to\":\"2019-01-01\"") + "]}"))
                .hasMessageContaining("before inForce.from");
    }

    @Test
    void rejectsBrokenJsonNamingTheLine() {
        assertThatThrownBy(() -> load("{\n\"version\": \n}"))
                .hasMessageContaining("test.json: not valid JSON")
                .hasMessageContaining("line");
    }

    @Test
    void rejectsUnknownJollydayCalendar() {
        assertThatThrownBy(() ->
                        load(HEAD.replace("\"jollyday\":\"br\"", "\"jollyday\":\"atlantis\"") + rule("a", "") + "]}"))
                .hasMessageContaining("calendar BR")
                .hasMessageContaining("atlantis");
    }

    @Test
    void rejectsANoticeClockWithoutTheNoticeItRunsFrom() {
        String r = rule("a", "")
                .replace(
                        "\"kind\":\"HOURS\",\"amount\":72,\"from\":\"AWARENESS\"",
                        "\"kind\":\"HOURS\",\"amount\":72,\"from\":\"NOTICE\"");
        assertThatThrownBy(() -> load(HEAD + r + "]}"))
                .isInstanceOf(RuleBookException.class)
                .hasMessageContaining("rule a")
                .hasMessageContaining("after");
        String unknown = rule("a", "").replace("\"from\":\"AWARENESS\"", "\"from\":\"NOTICE\",\"after\":\"nope\"");
        assertThatThrownBy(() -> load(HEAD + unknown + "]}"))
                .isInstanceOf(RuleBookException.class)
                .hasMessageContaining("'nope'");
    }

    @Test
    void rejectsAnIncompleteNoticeClockWithoutTheNoticeItRunsFrom() {
        String r = rule("a", "")
                .replace(
                        "\"kind\":\"HOURS\",\"amount\":72,\"from\":\"AWARENESS\"",
                        "\"kind\":\"NONE\",\"from\":\"INCOMPLETE_NOTICE\"");
        assertThatThrownBy(() -> load(HEAD + r + "]}"))
                .isInstanceOf(RuleBookException.class)
                .hasMessageContaining("rule a")
                .hasMessageContaining("INCOMPLETE_NOTICE");
        String unknown =
                rule("a", "").replace("\"from\":\"AWARENESS\"", "\"from\":\"INCOMPLETE_NOTICE\",\"after\":\"nope\"");
        assertThatThrownBy(() -> load(HEAD + unknown + "]}"))
                .isInstanceOf(RuleBookException.class)
                .hasMessageContaining("'nope'");
    }

    @Test
    void rejectsConfidenceThatDisagreesWithThePrimaryFields() {
        String r = rule("a", "")
                .replace("\"confidence\":\"SECONDARY\"", "\"confidence\":\"PRIMARY\",\"primary\":[\"deadline\"]");
        assertThatThrownBy(() -> load(HEAD + r + "]}"))
                .isInstanceOf(RuleBookException.class)
                .hasMessageContaining("rule a")
                .hasMessageContaining("primary");
        String ok = rule("a", "")
                .replace(
                        "\"confidence\":\"SECONDARY\"",
                        "\"confidence\":\"PRIMARY\",\"primary\":[\"recipient\",\"trigger\",\"deadline\"]");
        assertThat(load(HEAD + ok + "]}").rules().getFirst().checked("deadline"))
                .isTrue();
    }

    @Test
    void undueDelayWithoutAFixedTimeIsUrgent() {
        String r = rule("a", "")
                .replace(
                        "\"kind\":\"HOURS\",\"amount\":72,\"from\":\"AWARENESS\",\"text\":\"72 h\"",
                        "\"kind\":\"NONE\",\"from\":\"AWARENESS\",\"text\":\"without undue delay\"");
        assertThat(load(HEAD + r + "]}").rules().getFirst().deadline().urgent()).isTrue();
    }

    @Test
    void everyRuleStatesItsProvenanceAndTheStandardBookCountsThem() {
        RuleBook book = RuleBook.standard();
        assertThat(book.rules())
                .filteredOn(r -> r.confidence() == Confidence.PRIMARY)
                .allSatisfy(r -> assertThat(r.primary()).containsAll(Rule.DECISIVE));
        assertThat(RuleTable.markdown(book)).contains("## Provenance by field").contains("| deadline | ");
    }
}
