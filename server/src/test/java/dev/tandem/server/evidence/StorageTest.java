package dev.tandem.server.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.server.DomainException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The allowance decision on its own: the tightest limit wins, and a refusal names that limit with
 * its configured size and the upload's, never what is stored or free (which counts other
 * incidents' and privileged uploads).
 */
class StorageTest {
    static final Storage.Limit DISK = new Storage.Limit(5_000_000, "the blob store's free space");
    static final String INCIDENT_QUOTA = "the incident's quota of 1,000 bytes (tandem.evidence.incident-quota-bytes)";
    static final String TOTAL_QUOTA = "the installation's quota of 9,000 bytes (tandem.evidence.total-quota-bytes)";

    @Test
    void aRefusalNamesTheFullQuotaAndTheUploadButNoTotals() {
        // 700 bytes stored in the incident (some privileged), 8,123 in the installation
        List<Storage.Limit> limits =
                List.of(DISK, new Storage.Limit(300, INCIDENT_QUOTA), new Storage.Limit(877, TOTAL_QUOTA));
        assertThatThrownBy(() -> Storage.allowance(limits, 1 << 20, 400))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.kind()).isEqualTo(DomainException.Kind.INSUFFICIENT_STORAGE);
                    assertThat(e.code()).isEqualTo("insufficient-storage");
                    assertThat(e.getMessage())
                            .isEqualTo("an upload of 400 bytes does not fit in " + INCIDENT_QUOTA
                                    + "; nothing was written")
                            .doesNotContain("700")
                            .doesNotContain("300")
                            .doesNotContain("8,123")
                            .doesNotContain("877");
                });
        List<Storage.Limit> installationFull =
                List.of(DISK, new Storage.Limit(900, INCIDENT_QUOTA), new Storage.Limit(0, TOTAL_QUOTA));
        assertThatThrownBy(() -> Storage.allowance(installationFull, 1 << 20, -1))
                .hasMessage("an upload does not fit in " + TOTAL_QUOTA + "; nothing was written");
    }

    @Test
    void whatFitsGetsTheRoomOfItsTightestLimitOrTheMaximum() {
        Storage.Allowance room = Storage.allowance(List.of(DISK, new Storage.Limit(300, INCIDENT_QUOTA)), 1 << 20, 200);
        assertThat(room).isEqualTo(new Storage.Allowance(300, true, INCIDENT_QUOTA));
        Storage.Allowance max = Storage.allowance(List.of(DISK), 1000, -1);
        assertThat(max.bytes()).isEqualTo(1000);
        assertThat(max.limitedByRoom()).isFalse();
        // of equal limits, the first
        Storage.Allowance first =
                Storage.allowance(List.of(new Storage.Limit(10, "a"), new Storage.Limit(10, "b")), 1000, 5);
        assertThat(first.limit()).isEqualTo("a");
    }
}
