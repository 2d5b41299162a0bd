package dev.tandem.pii;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.pii.detect.EmailAddresses;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Values found from their bytes, without strings (names and places in plain ASCII, e-mail domains
 * judged by their bytes): the findings are those the strings' rules give.
 */
class PlainValuesTest {
    private static List<String> found(String text, String name) throws InterruptedException {
        Collected c = Collected.scan(ScanOptions.defaults().withThreads(1), text.getBytes(UTF_8), name);
        List<String> out = new ArrayList<>();
        for (Finding f : c.findings) {
            if (f.entity() == Entity.PERSON || f.entity() == Entity.LOCATION) {
                out.add(f.entity() + " " + f.start() + "-" + f.end() + ":" + f.line() + " [" + f.value() + "] ["
                        + f.normalized() + "] " + f.confidence());
            }
        }
        return out;
    }

    @Test
    void namesAndPlacesInPlainAsciiAreFoundAsTheirStringsWouldBe() throws InterruptedException {
        String csv = "first_name,last_name,city,street\n"
                + "John,DOE,Toronto,\"183 Baker Street\"\n"
                + "N/A,null,Unknown,-\n"
                + "Jean  Luc,x\u000Bz,12345,123\n"
                + "Zoë,Éa,Köln,\"12 Rue Éé\"\n"
                + " \tAnn ,O'Neil,\"Multi\nLine\",[not provided]\n"
                + "TRUE,False,None,na\n";
        assertThat(found(csv, "people.csv"))
                .containsExactly(
                        // offsets, lines and confidences as the session-15 build prints them for these bytes
                        "PERSON 33-37:2 [John] [john] 0.8",
                        "PERSON 38-41:2 [DOE] [doe] 0.8",
                        "LOCATION 42-49:2 [Toronto] [toronto] 0.7",
                        "LOCATION 51-67:2 [183 Baker Street] [183 baker street] 0.7",
                        "PERSON 88-97:4 [Jean  Luc] [jean luc] 0.8",
                        "PERSON 98-101:4 [x\u000Bz] [x z] 0.8",
                        "LOCATION 102-107:4 [12345] [12345] 0.7",
                        "PERSON 112-116:5 [Zoë] [zoë] 0.8",
                        "PERSON 117-120:5 [Éa] [éa] 0.8",
                        "LOCATION 121-126:5 [Köln] [köln] 0.7",
                        "LOCATION 128-139:5 [12 Rue Éé] [12 rue éé] 0.7",
                        "PERSON 143-146:6 [Ann] [ann] 0.8",
                        "PERSON 148-154:6 [O'Neil] [o'neil] 0.8",
                        "LOCATION 156-166:6 [Multi\nLine] [multi line] 0.7");
    }

    @Test
    void fullNamesInPlainAsciiAreJudgedAsTheirStringsWouldBe() throws InterruptedException {
        // a full-name column: a person only when the value has a person's name's shape and no legal form
        String[] values = {
            "Lucas Clark",
            "Acme GmbH",
            "Mary Ann O'Neil-Smith",
            "john smith",
            "A B C D E",
            "Dr. No",
            "Jean  Luc",
            "R2 D2",
            "Zoë Smith",
            "ACME SA",
            "Acme Sa",
            "Rossi S.p.A.",
            "Madonna",
            "Polska Sp. z o.o.",
            "Hans Müller e.K.",
            "N/A",
            "Jo Bloggs Inc",
            "Ann  Lee Ltd",
            "Sam Acme,"
        };
        StringBuilder jsonl = new StringBuilder();
        for (String v : values) jsonl.append("{\"name\":\"").append(v).append("\"}\n");
        assertThat(found(jsonl.toString(), "people.jsonl"))
                .containsExactly(
                        // as the build before names were read from their bytes prints them
                        "PERSON 9-20:1 [Lucas Clark] [lucas clark] 0.6",
                        "PERSON 53-74:3 [Mary Ann O'Neil-Smith] [mary ann o'neil-smith] 0.6",
                        "PERSON 129-135:6 [Dr. No] [dr. no] 0.6",
                        "PERSON 147-156:7 [Jean  Luc] [jean luc] 0.6",
                        "PERSON 185-195:9 [Zo\u00eb Smith] [zo\u00eb smith] 0.6",
                        "PERSON 226-233:11 [Acme Sa] [acme sa] 0.6");
    }

    @Test
    void domainsAreJudgedByTheirBytesAsByTheirStrings() throws InterruptedException {
        // more domains than the table keeps before it is emptied, valid and invalid alike, each twice
        Random random = new Random(7);
        String[] tlds = {"com", "de", "xyz", "invalidtld", "c0m", "co.uk"};
        StringBuilder text = new StringBuilder();
        List<String> expected = new ArrayList<>();
        List<String> domains = new ArrayList<>();
        for (int i = 0; i < 14_000; i++) {
            domains.add(
                    "d" + Integer.toString(random.nextInt(1_000_000), 36) + "." + tlds[random.nextInt(tlds.length)]);
        }
        for (int round = 0; round < 2; round++) {
            for (String d : domains) {
                text.append("mail a").append(round).append("@").append(d).append(" ;\n");
                if (EmailAddresses.isValidDomain(d)) expected.add("a" + round + "@" + d);
            }
        }
        Collected c = Collected.scan(
                ScanOptions.defaults().withThreads(1), text.toString().getBytes(UTF_8), "m.txt");
        assertThat(c.findings).extracting(Finding::value).containsExactlyElementsOf(expected);
        assertThat(expected.size()).isBetween(10_000, 25_000);
    }
}
