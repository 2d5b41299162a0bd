package dev.tandem.pii.detect;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PercentDecodedTest {

    @Test
    void decodesEscapesAndMapsEveryDecodedByteToItsSource() {
        byte[] raw = "q=jane%40example.com&n=Ren%C3%A9e+Doe".getBytes(UTF_8);
        PercentDecoded d = PercentDecoded.of(raw);
        assertThat(d).isNotNull();
        assertThat(new String(d.bytes(), UTF_8)).isEqualTo("q=jane@example.com&n=Renée+Doe");
        // "jane@example.com" is decoded bytes 2..18; in the raw value it is "jane%40example.com", 2..20
        assertThat(d.sourceOffset(2)).isEqualTo(2);
        assertThat(d.sourceOffset(18)).isEqualTo(20);
        // the two bytes of é come from "%C3%A9"; the end of the value maps to the end of the raw value
        assertThat(d.sourceOffset(d.bytes().length)).isEqualTo(raw.length);
    }

    @Test
    void decodesARangeWithOffsetsFromItsStart() {
        byte[] raw = "to=a%2Bb%40x.de&".getBytes(UTF_8);
        PercentDecoded d = PercentDecoded.of(raw, 3, 8); // "a%2Bb"
        assertThat(d).isNotNull();
        assertThat(new String(d.bytes(), UTF_8)).isEqualTo("a+b");
        assertThat(d.sourceOffset(3)).isEqualTo(5);
        // an escape cut by the end of the range is not one
        assertThat(PercentDecoded.of(raw, 8, 10)).isNull();
    }

    @Test
    void aFormBodyReadsPlusAsASpaceAndKeepsEveryOffset() {
        byte[] raw = "phone=%2B49+30+901820&email=a%2Btag%40x.com".getBytes(UTF_8);
        PercentDecoded d = PercentDecoded.ofForm(raw);
        assertThat(d).isNotNull();
        assertThat(new String(d.bytes(), UTF_8)).isEqualTo("phone=+49 30 901820&email=a+tag@x.com");
        // "+49 30 901820" is decoded bytes 6..19; captured, "%2B49+30+901820" is 6..21
        assertThat(d.sourceOffset(6)).isEqualTo(6);
        assertThat(d.sourceOffset(19)).isEqualTo(21);
        assertThat(d.sourceOffset(d.bytes().length)).isEqualTo(raw.length);
        // a form value with no escape but a '+' is decoded too; outside forms '+' stays
        assertThat(new String(PercentDecoded.ofForm("Jane+Doe".getBytes(UTF_8)).bytes(), UTF_8))
                .isEqualTo("Jane Doe");
        assertThat(PercentDecoded.of("Jane+Doe".getBytes(UTF_8))).isNull();
        assertThat(PercentDecoded.ofForm("jane".getBytes(UTF_8))).isNull();
    }

    @Test
    void leavesAloneWhatIsNotAnEscape() {
        assertThat(PercentDecoded.of("100% sure, +49 30 1234".getBytes(UTF_8))).isNull();
        assertThat(PercentDecoded.of("%4".getBytes(UTF_8))).isNull();
        PercentDecoded d = PercentDecoded.of("%zz%41%".getBytes(UTF_8));
        assertThat(d).isNotNull();
        assertThat(new String(d.bytes(), UTF_8)).isEqualTo("%zzA%");
        assertThat(d.sourceOffset(3)).isEqualTo(3);
        assertThat(d.sourceOffset(4)).isEqualTo(6);
        assertThat(d.sourceOffset(5)).isEqualTo(7);
    }
}
