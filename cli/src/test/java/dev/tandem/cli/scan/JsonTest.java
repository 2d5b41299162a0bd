package dev.tandem.cli.scan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonTest {

    private static String json(String s) {
        StringBuilder sb = new StringBuilder();
        Json.string(sb, s);
        return sb.toString();
    }

    @Test
    void plainTextIsCopiedAndEscapesStartWhereTheFirstSpecialCharacterIs() {
        assertThat(json("/data/leak/contacts.csv")).isEqualTo("\"/data/leak/contacts.csv\"");
        assertThat(json("")).isEqualTo("\"\"");
        assertThat(json("a\"b\\c\nd\te\u0001")).isEqualTo("\"a\\\"b\\\\c\\nd\\te\\u0001\"");
        assertThat(json("Müller 東京")).isEqualTo("\"Müller 東京\"");
    }

    @Test
    void aLoneSurrogateIsEscapedAndAPairIsKept() {
        assertThat(json("x\uD83D\uDE00y")).isEqualTo("\"x\uD83D\uDE00y\"");
        assertThat(json("x\uD83Dy")).isEqualTo("\"x\\ud83dy\"");
        assertThat(json("\uDE00")).isEqualTo("\"\\ude00\"");
    }
}
