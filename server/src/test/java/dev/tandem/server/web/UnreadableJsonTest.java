package dev.tandem.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The words of a 400 for an unreadable JSON body: where the body went wrong, never Jackson's or the server's class names. */
class UnreadableJsonTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    record Request(String kind, long corrects, boolean privileged, List<Integer> items, Severity severity) {}

    record Named(String kind) {}

    enum Severity {
        LOW,
        HIGH
    }

    private static String detail(String body, Class<?> type) {
        try {
            JSON.readValue(body.getBytes(java.nio.charset.StandardCharsets.UTF_8), type);
        } catch (JacksonException e) {
            String detail = UnreadableJson.detail(e);
            assertThat(detail)
                    .doesNotContain("tools.jackson")
                    .doesNotContain("dev.tandem")
                    .doesNotContain("Exception")
                    .doesNotContain("`")
                    .doesNotContain("Source");
            return detail;
        }
        throw new AssertionError("read: " + body);
    }

    @Test
    void aSyntaxErrorNamesTheLineAndColumn() {
        assertThat(detail("{\"kind\":\"NOTE\",\"text\":\"x\",}", JsonNode.class))
                .isEqualTo("body: not valid JSON at line 1, column 27: unexpected character ('}'): was expecting"
                        + " double-quote to start property name");
        assertThat(detail("{\n  \"kind\": \"NOTE\",\n  \"text\": 'x'\n}", JsonNode.class))
                .startsWith("body: not valid JSON at line 3, column 11: unexpected character (''')");
        assertThat(detail("{\"title\":", JsonNode.class))
                .isEqualTo("body: not valid JSON at line 1, column 10: unexpected end-of-input within/between Object"
                        + " entries");
        assertThat(detail("{\"a\":1} trailing", JsonNode.class)).startsWith("body: not valid JSON at line 1, column 9");
    }

    @Test
    void aValueOfTheWrongTypeNamesTheFieldAndWhatBelongsThere() {
        assertThat(detail("{\n \"kind\": \"NOTE\",\n \"corrects\": \"abc\"}", Request.class))
                .isEqualTo("body: field \"corrects\" at line 3, column 14: expected a number, got \"abc\"");
        assertThat(detail("{\"privileged\":\"maybe\"}", Request.class))
                .isEqualTo("body: field \"privileged\" at line 1, column 15: expected true or false, got \"maybe\"");
        assertThat(detail("{\"kind\":{}}", Request.class))
                .isEqualTo("body: field \"kind\" at line 1, column 9: expected a string");
        assertThat(detail("{\"items\":[1,\"two\"]}", Request.class))
                .isEqualTo("body: field \"items[1]\" at line 1, column 13: expected a number, got \"two\"");
        assertThat(detail("{\"severity\":\"URGENT\"}", Request.class))
                .isEqualTo(
                        "body: field \"severity\" at line 1, column 13: expected one of [LOW, HIGH], got \"URGENT\"");
        assertThat(detail("[1]", Request.class)).isEqualTo("body: at line 1, column 1: expected an object");
    }

    @Test
    void anUnknownFieldIsNamedWhenTheCallRefusesThem() {
        JsonMapper strict = JsonMapper.builder()
                .enable(tools.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
        try {
            strict.readValue("{\"kind\":\"NOTE\",\"colour\":1}", Named.class);
            throw new AssertionError("read");
        } catch (JacksonException e) {
            assertThat(UnreadableJson.detail(e))
                    .isEqualTo("body: field \"colour\" at line 1, column 27: not a known field");
        }
    }

    @Test
    void aCauseIsFoundAmongTheCauses() {
        JacksonException j = new JacksonException("x") {};
        assertThat(UnreadableJson.cause(new IllegalStateException(new RuntimeException(j))))
                .isSameAs(j);
        assertThat(UnreadableJson.cause(new IllegalStateException())).isNull();
    }
}
