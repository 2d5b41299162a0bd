package dev.tandem.har;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.intake.Problem;
import dev.tandem.intake.Problems;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class HarReaderTest {
    private static final String HAR =
            """
            {"log": {"version": "1.2", "creator": {"name": "t", "version": "1"},
              "pages": [{"id": "p1", "title": "https://www.shop.example/checkout"}],
              "entries": [
                {"pageref": "p1", "request": {"method": "POST", "url": "https://t.example/c",
                   "headers": [{"name": "Referer", "value": "https://www.shop.example/checkout"}],
                   "postData": {"mimeType": "application/json", "text": "{\\"email\\":\\"a@b.org\\"}"}},
                 "response": {"status": 204, "content": {"mimeType": "text/plain"}}},
                {"pageref": "p1", "request": {"method": "GET", "url": "https://api.shop.example/p", "headers": []},
                 "response": {"status": 200, "content": {"mimeType": "application/json", "encoding": "base64",
                   "text": "%s"}}}
              ]}}
            """.formatted(Base64.getEncoder().encodeToString("{\"sku\":\"A\"}".getBytes(StandardCharsets.UTF_8)));

    private static List<HarEntry> read(String har, Problems problems) {
        List<HarEntry> out = new ArrayList<>();
        new HarReader(1024)
                .read("c.har", new ByteArrayInputStream(har.getBytes(StandardCharsets.UTF_8)), problems, out::add);
        return out;
    }

    @Test
    void readsEntriesWithPagesHeadersAndDecodedBodies() {
        Problems problems = new Problems(5);
        List<HarEntry> entries = read(HAR, problems);
        assertThat(problems.all()).isEmpty();
        assertThat(entries).hasSize(2);
        assertThat(entries.get(0).pageUrl()).isEqualTo("https://www.shop.example/checkout");
        assertThat(entries.get(0).referer()).isEqualTo("https://www.shop.example/checkout");
        assertThat(new String(entries.get(0).requestBody(), StandardCharsets.UTF_8))
                .isEqualTo("{\"email\":\"a@b.org\"}");
        assertThat(entries.get(0).line()).isEqualTo(4);
        assertThat(new String(entries.get(1).responseBody(), StandardCharsets.UTF_8))
                .isEqualTo("{\"sku\":\"A\"}");
    }

    @Test
    void keepsTheEntriesReadBeforeATruncation() {
        Problems problems = new Problems(5);
        String cut = HAR.substring(0, HAR.indexOf("{\"pageref\": \"p1\", \"request\": {\"method\": \"GET\"") + 40);
        List<HarEntry> entries = read(cut, problems);
        assertThat(entries).hasSize(1);
        assertThat(problems.all()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Problem.Kind.TRUNCATED);
            assertThat(p.message()).contains("the 1 complete entry before it were analyzed");
            // the parser's reason, not its internals (source description, byte offsets)
            assertThat(p.message())
                    .startsWith("HAR ends early or is malformed (Unexpected end-of-input")
                    .doesNotContain("Source:")
                    .doesNotContain("REDACTED")
                    .doesNotContain("offset");
            assertThat(p.line()).isGreaterThan(0);
        });
    }

    @Test
    void capsOversizedBodiesWithAProblem() {
        Problems problems = new Problems(5);
        String big = HAR.replace("a@b.org", "a@b.org" + "x".repeat(5000));
        List<HarEntry> entries = read(big, problems);
        assertThat(entries.get(0).requestBody()).hasSize(1024);
        assertThat(problems.all()).extracting(Problem::kind).containsExactly(Problem.Kind.BODY_TOO_LARGE);
    }

    @Test
    void reportsJsonThatIsNoHar() {
        Problems problems = new Problems(5);
        assertThat(read("{\"records\": []}", problems)).isEmpty();
        assertThat(problems.all()).extracting(Problem::kind).containsExactly(Problem.Kind.UNREADABLE);
    }
}
