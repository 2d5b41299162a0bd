package dev.tandem.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ByteSizeTest {

    @Test
    void plainBytesBinaryAndDecimalUnits() {
        assertThat(ByteSize.valueOf("68719476736").bytes()).isEqualTo(68_719_476_736L);
        assertThat(ByteSize.valueOf("64GiB").bytes()).isEqualTo(68_719_476_736L);
        assertThat(ByteSize.valueOf("64 gib").bytes()).isEqualTo(68_719_476_736L);
        assertThat(ByteSize.valueOf("5MiB").bytes()).isEqualTo(5_242_880L);
        assertThat(ByteSize.valueOf("1KiB").bytes()).isEqualTo(1024L);
        assertThat(ByteSize.valueOf("2TiB").bytes()).isEqualTo(2L << 40);
        assertThat(ByteSize.valueOf("64GB").bytes()).isEqualTo(64_000_000_000L);
        assertThat(ByteSize.valueOf("5MB").bytes()).isEqualTo(5_000_000L);
        assertThat(ByteSize.valueOf("1kb").bytes()).isEqualTo(1000L);
        assertThat(ByteSize.valueOf("3TB").bytes()).isEqualTo(3_000_000_000_000L);
        assertThat(ByteSize.valueOf("0").bytes()).isZero();
        assertThat(ByteSize.valueOf(" 12B ").bytes()).isEqualTo(12L);
    }

    @Test
    void anythingElseIsRefusedSayingWhatIsExpected() {
        for (String bad : new String[] {"64G", "1.5GiB", "-1", "", "lots", "64 GiB extra", "10PiB"}) {
            assertThatThrownBy(() -> ByteSize.valueOf(bad))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("KiB, MiB, GiB, TiB");
        }
        assertThatThrownBy(() -> ByteSize.valueOf("99999999TiB")).hasMessageContaining("too large");
        assertThatThrownBy(() -> ByteSize.valueOf("99999999999999999999")).hasMessageContaining("too large");
    }
}
