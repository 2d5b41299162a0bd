package dev.tandem.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class IdsTest {

    @Test
    void areVersion7UuidsCarryingTheirMillisecond() {
        // RFC 9562 §5.7: unix_ts_ms in the top 48 bits, then ver = 0111, then rand_a; var = 10.
        long ms = 0x017F22E279B0L; // the RFC's example time, Tue Feb 22 2022 14:22:22.00 UTC-05
        UUID id = Ids.next(ms);
        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(ms);
        assertThat(id.toString()).startsWith("017f22e2-79b0-7");
        assertThat(UUID.fromString(Ids.next()))
                .satisfies(u -> assertThat(u.version()).isEqualTo(7));
    }

    @Test
    void sortByTimeAcrossMillisecondsAndDoNotRepeat() {
        List<String> ids = new ArrayList<>();
        for (long ms = 1_700_000_000_000L; ms < 1_700_000_000_000L + 2_000; ms++) {
            ids.add(Ids.next(ms).toString());
        }
        // the canonical string form sorts like the time: what a B-tree index on the column sees
        assertThat(ids).isSorted();
        var many = new HashSet<String>();
        for (int i = 0; i < 100_000; i++) {
            many.add(Ids.next());
        }
        assertThat(many).hasSize(100_000);
    }

    @Test
    void refusesTimesOutsideFortyEightBits() {
        assertThatThrownBy(() -> Ids.next(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Ids.next(1L << 48)).isInstanceOf(IllegalArgumentException.class);
    }
}
