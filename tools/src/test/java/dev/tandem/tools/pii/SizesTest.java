package dev.tandem.tools.pii;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SizesTest {
    @Test
    void sizesAcceptDecimalAndBinaryUnits() {
        assertThat(Sizes.parse("100MB")).isEqualTo(100_000_000L);
        assertThat(Sizes.parse("1GiB")).isEqualTo(1L << 30);
        assertThat(Sizes.parse("4096")).isEqualTo(4096L);
    }
}
