package dev.tandem.tools.crm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class AnalyzeGeneratedOrgCommandTest {
    @TempDir
    static Path org;

    @BeforeAll
    static void generate() {
        ToolsCli.Run g = ToolsCli.run(
                "generate", "crm-org", "--out", org.toString(), "--seed", "11", "--users", "60", "--rows", "5000");
        assertThat(g.exit()).isZero();
        assertThat(g.out()).contains("8 incidents");
    }

    @Test
    void aSecondOrgIsNotWrittenOverTheFirst() throws Exception {
        String labels = Files.readString(org.resolve("labels.json"));
        ToolsCli.Run again = ToolsCli.run(
                "generate", "crm-org", "--out", org.toString(), "--seed", "12", "--users", "40", "--rows", "1000");
        assertThat(again.exit()).isEqualTo(2);
        assertThat(again.err())
                .isEqualTo("tandem generate crm-org: --out " + org + " is not empty; give a new or empty folder (the"
                        + " files of an org generated there before would stay beside this one's, and tandem"
                        + " analyze would read both)" + System.lineSeparator());
        assertThat(Files.readString(org.resolve("labels.json")))
                .as("the first org untouched")
                .isEqualTo(labels);
        ToolsCli.Run onFile = ToolsCli.run(
                "generate", "crm-org", "--out", org.resolve("labels.json").toString(), "--seed", "12");
        assertThat(onFile.exit()).isEqualTo(2);
        assertThat(onFile.err()).contains("is a file; give a new or empty folder");
    }

    /** The fields of a finding in docs/contracts.md §4, in their order. */
    private static final List<String> CONTRACT_FINDING_FIELDS =
            List.of("pattern", "severity", "title", "subject", "evidence", "records", "controls");

    /** {@code tandem analyze --format json} of the whole generated org, with more options. */
    private static ToolsCli.Run analyzeJson(String... more) {
        List<String> args = new ArrayList<>(List.of(
                "analyze",
                org.resolve("eventlogs").toString(),
                org.resolve("metadata").toString(),
                org.resolve("data").toString(),
                org.resolve("har").toString(),
                "--format",
                "json"));
        args.addAll(List.of(more));
        return ToolsCli.run(args.toArray(String[]::new));
    }

    @Test
    void printsTheSameJsonOnOneThreadAsOnSeveral() {
        List<String> json = new ArrayList<>();
        for (String threads : List.of("1", "2", "5")) {
            ToolsCli.Run r = analyzeJson("--threads", threads);
            assertThat(r.exit()).isEqualTo(1);
            json.add(r.out());
        }
        assertThat(json.get(0)).contains("\"findings\"");
        assertThat(json.get(1)).isEqualTo(json.get(0));
        assertThat(json.get(2)).isEqualTo(json.get(0));
    }

    @Test
    void refusesFewerThanOneThread() {
        ToolsCli.Run r = ToolsCli.run("analyze", org.resolve("eventlogs").toString(), "--threads", "0");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--threads must be at least 1");
    }

    @Test
    void printsJsonExactlyInTheContractShapeAndExitsOneOnFindings() throws Exception {
        ToolsCli.Run r = analyzeJson();
        assertThat(r.exit()).isEqualTo(1);
        JsonNode root = JsonMapper.builder().build().readTree(r.out());
        // the contract's fields, then this implementation's timeline (empty: no Setup download among these)
        assertThat(names(root)).containsExactly("findings", "inputs", "timeline");
        assertThat(root.get("timeline")).isEmpty();
        assertThat(root.get("findings")).hasSize(6);
        for (JsonNode f : root.get("findings")) {
            // the contract's fields in its order, then this implementation's containment
            List<String> fields = new ArrayList<>(CONTRACT_FINDING_FIELDS);
            fields.add("containment");
            assertThat(names(f)).containsExactlyElementsOf(fields);
            assertThat(f.get("containment")).isNotEmpty();
            for (JsonNode a : f.get("containment")) {
                assertThat(names(a)).containsExactly("action", "target", "configItem", "description");
                assertThat(names(a.get("target"))).containsExactly("kind", "id");
                assertThat(a.get("description").asString()).isNotBlank();
            }
            assertThat(names(f.get("subject"))).containsExactly("kind", "id");
            assertThat(f.get("severity").asString()).isIn("CRITICAL", "HIGH", "MEDIUM", "LOW");
            assertThat(f.get("evidence")).isNotEmpty();
            for (JsonNode e : f.get("evidence")) {
                assertThat(names(e)).containsExactly("file", "line");
                assertThat(Files.exists(Path.of(e.get("file").asString()))).isTrue();
                assertThat(e.get("line").asLong()).isPositive();
            }
            assertThat(f.get("records").isNumber()).isTrue();
            assertThat(f.get("controls").get(0).asString()).startsWith("CC");
        }
        JsonNode first = root.get("inputs").get(0);
        assertThat(names(first)).containsExactly("file", "format");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void printsTheContainmentOfTheTextOutputInTheJson() throws Exception {
        JsonNode root = JsonMapper.builder().build().readTree(analyzeJson().out());
        String text = ToolsCli.run(
                        "analyze",
                        org.resolve("eventlogs").toString(),
                        org.resolve("metadata").toString(),
                        org.resolve("data").toString(),
                        org.resolve("har").toString())
                .out();
        int actions = 0;
        for (JsonNode f : root.get("findings")) {
            for (JsonNode a : f.get("containment")) {
                // the text prints each action as "- description  [ACTION configItem]"
                assertThat(text)
                        .contains("    - " + a.get("description").asString() + "  ["
                                + a.get("action").asString() + " "
                                + a.get("configItem").asString() + "]");
                actions++;
            }
        }
        assertThat(actions).isEqualTo((int)
                text.lines().filter(l -> l.startsWith("    - ")).count());
        JsonNode admin = null;
        for (JsonNode f : root.get("findings")) {
            if (f.get("subject").get("id").asString().equals(CrmOrgGenerator.HIJACKED_ADMIN)) admin = f;
        }
        assertThat(admin).isNotNull();
        assertThat(admin.get("containment").get(0).get("action").asString()).isEqualTo("FREEZE_USER");
        assertThat(admin.get("containment").get(0).get("target").get("id").asString())
                .isEqualTo(CrmOrgGenerator.HIJACKED_ADMIN);
    }

    @Test
    void printsTextWithSubjectEvidenceRecordsControlsAndContainment() {
        ToolsCli.Run r = ToolsCli.run("analyze", org.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out())
                .contains("ADMIN_SESSION_BULK_EXTRACTION  USER " + CrmOrgGenerator.HIJACKED_ADMIN)
                .contains("records exposed: 324,000")
                .contains("controls: SOC 2 CC6.1")
                .contains("ISO 27001:2022 A.8.2")
                .contains("FREEZE_USER")
                // the six leak paths, the intruder's grant and the analytics user at a browser
                .contains("DATA_ACCESS_GRANT  USER " + CrmOrgGenerator.HIJACKED_ADMIN)
                .contains("SUSPICIOUS_LOGIN  USER analytics.sync@" + CrmOrgGenerator.DOMAIN)
                .contains("timeline (UTC):")
                .contains("8 finding(s)");
    }

    @Test
    void exitsZeroWhenNothingIsFound() {
        ToolsCli.Run r = ToolsCli.run("analyze", org.resolve("data").toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("0 finding(s)");
    }

    @Test
    void exitsTwoForAMissingPath() {
        ToolsCli.Run r = ToolsCli.run("analyze", org.resolve("nope").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("cannot read").contains("nope");
    }

    @Test
    void exitsTwoForUsageErrors() {
        assertThat(ToolsCli.run("analyze").exit()).isEqualTo(2);
        assertThat(ToolsCli.run("analyze", org.toString(), "--format", "xml").exit())
                .isEqualTo(2);
    }

    @Test
    void namesMalformedRowsOnStandardErrorAndExitsTwoWhenAnInputIsUnreadable(@TempDir Path dir) throws Exception {
        Files.writeString(
                dir.resolve("Login.csv"),
                "EVENT_TYPE,TIMESTAMP,USER_ID\nLogin,20250301000000.000,005A\nLogin,20250301000000.000\n",
                StandardCharsets.UTF_8);
        Files.writeString(
                dir.resolve("evil.profile-meta.xml"),
                "<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>\n<Profile>&e;</Profile>\n",
                StandardCharsets.UTF_8);
        ToolsCli.Run r = ToolsCli.run("analyze", dir.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err())
                .contains("Login.csv:3: expected 3 fields, found 2")
                .contains("evil.profile-meta.xml:2: XML with a DOCTYPE is refused");
    }

    private static List<String> names(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.propertyNames().forEach(out::add);
        return out;
    }
}
