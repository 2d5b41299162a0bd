package dev.tandem.cli.scan;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.pii.Doubt;
import dev.tandem.pii.Entity;
import dev.tandem.pii.Finding;
import dev.tandem.pii.FindingView;
import dev.tandem.pii.PiiScanner;
import dev.tandem.pii.ScopeCounter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The writer's lines and scope are the same whether a finding comes as a record or as a view of bytes. */
class FindingWriterViewTest {
    private static final byte[] ALPHABET =
            "0123456789AZaz@:.-+ _\"\\/\u00e9\u00c0\u00ff\u00b5\u0001\u007f".getBytes(ISO_8859_1);

    private record Output(String lines, String err) {}

    private static Output write(boolean jsonl, boolean reveal, boolean raw, boolean asViews) {
        Random random = new Random(16);
        StringWriter text = new StringWriter();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        PrintWriter out = new PrintWriter(text);
        FindingWriter w = new FindingWriter(
                out,
                raw ? new PrintStream(bytes, true, UTF_8) : null,
                new PrintWriter(err),
                jsonl,
                reveal,
                new ScopeCounter());
        FindingView view = new FindingView();
        Doubt[] doubts = {null, null, Doubt.COMMERCE_CONTEXT, Doubt.GS1_CODE};
        String[] jurisdictions = {null, "US", "DE"};
        for (int part = 0; part < 20; part++) {
            FindingWriter.Part p = w.newPart();
            for (int i = 0; i < 500; i++) {
                byte[] buf = new byte[30];
                for (int k = 0; k < buf.length; k++) buf[k] = ALPHABET[random.nextInt(ALPHABET.length)];
                int start = random.nextInt(5);
                int end = start + random.nextInt(25);
                int nt = 1 + random.nextInt(4);
                Entity e = Entity.values()[random.nextInt(Entity.values().length)];
                Doubt d = doubts[random.nextInt(doubts.length)];
                String file = part % 3 == 0 ? "a/b.csv" : "c \"d\".txt";
                view.set(file, start, end, 1 + i, e, jurisdictions[i % 3], d == null ? 0.9 : 0.25, d)
                        .value(buf, start, end)
                        .normalized(buf, 0, nt);
                if (asViews) p.found(view);
                else p.finding(view.toFinding());
            }
            w.merge(p);
        }
        w.finish(new PiiScanner.Report(2, 1000, List.of()));
        out.flush();
        return new Output(bytes.toString(UTF_8) + text, err.toString());
    }

    @Test
    void viewsOfBytesAreWrittenAndCountedAsTheirFindings() {
        for (boolean jsonl : new boolean[] {true, false}) {
            for (boolean reveal : new boolean[] {false, true}) {
                for (boolean raw : new boolean[] {false, true}) {
                    Output records = write(jsonl, reveal, raw, false);
                    Output views = write(jsonl, reveal, raw, true);
                    assertThat(views)
                            .as("jsonl %s reveal %s raw %s", jsonl, reveal, raw)
                            .isEqualTo(records);
                    assertThat(records.lines().lines().count()).isGreaterThan(10_000);
                }
            }
        }
    }

    @Test
    void aFindingRecordIsWrittenAsBeforeItsViewExisted() {
        // the line of a record, formatted through its view, carries the mask of its value
        StringWriter text = new StringWriter();
        FindingWriter w = new FindingWriter(
                new PrintWriter(text), null, new PrintWriter(new StringWriter()), true, false, new ScopeCounter());
        FindingWriter.Part p = w.newPart();
        p.finding(new Finding("x.txt", 5, 21, 2, Entity.EMAIL_ADDRESS, "john@example.com", "john@example.com", null));
        w.merge(p);
        assertThat(text.toString())
                .isEqualTo("{\"kind\":\"finding\",\"file\":\"x.txt\",\"start\":5,\"end\":21,\"line\":2,"
                        + "\"entity\":\"EMAIL_ADDRESS\",\"masked\":\"j***@example.com\",\"confidence\":0.95}\n");
    }
}
