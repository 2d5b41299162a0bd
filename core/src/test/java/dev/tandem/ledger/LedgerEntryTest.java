package dev.tandem.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class LedgerEntryTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    static JsonNode json(String s) {
        return JSON.readTree(s);
    }

    @Test
    void leafIsCanonicalJsonWithMillisecondUtcTime() {
        LedgerEntry entry = new LedgerEntry(
                "evidence.added",
                "INC-1",
                "alice",
                Instant.parse("2026-11-27T00:35:12.345Z"),
                json("{\"size\": 12, \"sha256\": \"ab\", \"name\": \"caf\u00e9\"}"));
        assertThat(new String(entry.leaf(), StandardCharsets.UTF_8))
                .isEqualTo("{\"actor\":\"alice\",\"at\":\"2026-11-27T00:35:12.345Z\",\"body\":{\"name\":\"caf\u00e9\","
                        + "\"sha256\":\"ab\",\"size\":12},\"incident\":\"INC-1\",\"type\":\"evidence.added\"}");
    }

    @Test
    void writesNullIncidentAndAlwaysThreeFractionDigits() {
        LedgerEntry entry =
                new LedgerEntry("user.created", null, "system", Instant.parse("2026-01-02T03:04:05Z"), json("{}"));
        assertThat(new String(entry.leaf(), StandardCharsets.UTF_8))
                .isEqualTo("{\"actor\":\"system\",\"at\":\"2026-01-02T03:04:05.000Z\",\"body\":{},\"incident\":null,"
                        + "\"type\":\"user.created\"}");
    }

    @Test
    void truncatesTimeToMillisecondsSoEntryAndLeafAgree() {
        LedgerEntry entry =
                new LedgerEntry("t", null, "a", Instant.parse("2026-11-27T00:35:12.345678901Z"), json("{}"));
        assertThat(entry.at()).isEqualTo(Instant.parse("2026-11-27T00:35:12.345Z"));
        assertThat(LedgerEntry.fromLeaf(entry.leaf())).isEqualTo(entry);
    }

    @Test
    void roundTripsThroughItsLeaf() {
        LedgerEntry entry = new LedgerEntry(
                "evidence.read",
                "INC-7",
                "bob",
                Instant.parse("2026-11-27T10:00:00.001Z"),
                json("{\"b\":[1,2.5,\"\u20ac\",null,true],\"a\":{\"z\":\"\\n\",\"y\":-0.001}}"));
        assertThat(LedgerEntry.fromLeaf(entry.leaf())).isEqualTo(entry);
    }

    /** RFC 8785 §3.2.2 / Appendix sample: numbers as ECMAScript prints them, strings minimally escaped. */
    @Test
    void canonicalizesTheRfc8785Example() {
        String input = "{\"numbers\":[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001],"
                + "\"string\":\"\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\\"\\/\","
                + "\"literals\":[null,true,false]}";
        String expected = "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
                + "\"string\":\"\u20ac$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}";
        assertThat(new String(CanonicalJson.canonicalize(json(input)), StandardCharsets.UTF_8))
                .isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "keys out of order|{\"type\":\"t\",\"actor\":\"a\",\"at\":\"2026-11-27T00:35:12.345Z\",\"body\":{},\"incident\":null}|canonical form",
                "whitespace|{\"actor\": \"a\",\"at\":\"2026-11-27T00:35:12.345Z\",\"body\":{},\"incident\":null,\"type\":\"t\"}|canonical form",
                "missing actor|{\"at\":\"2026-11-27T00:35:12.345Z\",\"body\":{},\"incident\":null,\"type\":\"t\"}|missing [actor]",
                "extra field|{\"actor\":\"a\",\"at\":\"2026-11-27T00:35:12.345Z\",\"body\":{},\"extra\":1,\"incident\":null,\"type\":\"t\"}|unexpected [extra]",
                "duplicate field|{\"actor\":\"a\",\"actor\":\"b\",\"at\":\"2026-11-27T00:35:12.345Z\",\"body\":{},\"incident\":null,\"type\":\"t\"}|not JSON",
                "time without milliseconds|{\"actor\":\"a\",\"at\":\"2026-11-27T00:35:12Z\",\"body\":{},\"incident\":null,\"type\":\"t\"}|RFC 3339 UTC with milliseconds",
                "time with offset|{\"actor\":\"a\",\"at\":\"2026-11-27T01:35:12.345+01:00\",\"body\":{},\"incident\":null,\"type\":\"t\"}|RFC 3339 UTC with milliseconds",
                "impossible date|{\"actor\":\"a\",\"at\":\"2026-02-30T00:35:12.345Z\",\"body\":{},\"incident\":null,\"type\":\"t\"}|not a valid time",
                "numeric incident|{\"actor\":\"a\",\"at\":\"2026-11-27T00:35:12.345Z\",\"body\":{},\"incident\":7,\"type\":\"t\"}|string or null",
                "body not an object|{\"actor\":\"a\",\"at\":\"2026-11-27T00:35:12.345Z\",\"body\":[],\"incident\":null,\"type\":\"t\"}|must be a JSON object",
                "empty type|{\"actor\":\"a\",\"at\":\"2026-11-27T00:35:12.345Z\",\"body\":{},\"incident\":null,\"type\":\"\"}|needs a type",
                "array instead of object|[1,2]|not a JSON object",
                "truncated|{\"actor\":\"a\",\"at\"|not JSON",
                "trailing garbage|{\"actor\":\"a\",\"at\":\"2026-11-27T00:35:12.345Z\",\"body\":{},\"incident\":null,\"type\":\"t\"} x|not JSON",
            })
    void rejectsMalformedLeavesNamingTheDefect(String defect, String leaf, String message) {
        assertThatThrownBy(() -> LedgerEntry.fromLeaf(leaf.getBytes(StandardCharsets.UTF_8)))
                .as(defect)
                .isInstanceOf(MalformedLeafException.class)
                .hasMessageContaining(message);
    }

    @Test
    void rejectsInvalidUtf8Leaf() {
        byte[] leaf =
                "{\"actor\":\"\u00e9\",\"at\":\"2026-11-27T00:35:12.345Z\",\"body\":{},\"incident\":null,\"type\":\"t\"}"
                        .getBytes(StandardCharsets.UTF_8);
        leaf[11] = (byte) 0xc3;
        leaf[12] = (byte) 0x28;
        assertThatThrownBy(() -> LedgerEntry.fromLeaf(leaf))
                .isInstanceOf(MalformedLeafException.class)
                .hasMessageContaining("UTF-8");
    }

    @Test
    void commitmentHidesThePrivilegedBodyBehindASaltedHash() {
        JsonNode body = json("{\"name\":\"disk.img\",\"sha256\":\"00ff\"}");
        byte[] salt = new byte[32];
        salt[0] = 1;
        String commitment = Commitment.commit(salt, body);
        // hex SHA-256(salt || canonical body), computed independently of Commitment.
        String canonical = "{\"name\":\"disk.img\",\"sha256\":\"00ff\"}";
        byte[] both = new byte[32 + canonical.length()];
        System.arraycopy(salt, 0, both, 0, 32);
        System.arraycopy(canonical.getBytes(StandardCharsets.UTF_8), 0, both, 32, canonical.length());
        assertThat(commitment).isEqualTo(sha256Hex(both));
        assertThat(Commitment.opens(commitment, salt, json("{\"sha256\":\"00ff\",\"name\":\"disk.img\"}")))
                .isTrue();
        assertThat(Commitment.opens(commitment, Commitment.newSalt(), body)).isFalse();
        assertThat(CanonicalJson.canonicalize(Commitment.privilegedBody(commitment)))
                .asString(StandardCharsets.UTF_8)
                .isEqualTo("{\"commitment\":\"" + commitment + "\",\"repository\":\"FORENSIC\"}");
        assertThat(Commitment.newSalt()).hasSize(32).isNotEqualTo(Commitment.newSalt());
        assertThatThrownBy(() -> Commitment.privilegedBody("not hex")).hasMessageContaining("64 lower-case hex");
    }

    private static String sha256Hex(byte[] data) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(
                            java.security.MessageDigest.getInstance("SHA-256").digest(data));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
