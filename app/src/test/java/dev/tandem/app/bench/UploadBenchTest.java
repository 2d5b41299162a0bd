package dev.tandem.app.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UploadBenchTest {
    @Test
    void readsSizesWithBinaryUnits() {
        assertThat(UploadBench.parseSize("1GiB")).isEqualTo(1L << 30);
        assertThat(UploadBench.parseSize("5gib")).isEqualTo(5L << 30);
        assertThat(UploadBench.parseSize("512MiB")).isEqualTo(512L << 20);
        assertThat(UploadBench.parseSize("1000")).isEqualTo(1000);
    }

    @Test
    void rejectsSizesItCannotRead() {
        assertThatThrownBy(() -> UploadBench.parseSize("1GB")).hasMessageContaining("--size");
        assertThatThrownBy(() -> UploadBench.parseSize("0")).hasMessageContaining("out of range");
        assertThatThrownBy(() -> UploadBench.parseSize("99999999999TiB")).hasMessageContaining("out of range");
    }
}
