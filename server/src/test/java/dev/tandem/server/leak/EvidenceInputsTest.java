package dev.tandem.server.leak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.evidence.EvidenceKind;
import dev.tandem.evidence.Repository;
import dev.tandem.leak.AnalysisInput;
import dev.tandem.leak.Contributions;
import dev.tandem.leak.LeakAnalyzer;
import dev.tandem.server.evidence.EvidenceItem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvidenceInputsTest {
    private final Map<String, byte[]> blobs = new HashMap<>();

    private EvidenceItem item(String id, String name, Repository repo, String content) throws Exception {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        String sha =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        blobs.put(sha, bytes);
        return new EvidenceItem(
                id,
                "inc",
                repo,
                EvidenceKind.LOG,
                name,
                null,
                null,
                sha,
                bytes.length,
                null,
                Instant.EPOCH,
                "u",
                0,
                null,
                null);
    }

    private InputStream open(EvidenceItem i) throws IOException {
        byte[] b = blobs.get(i.sha256());
        if (b == null) {
            throw new IOException("no blob " + i.sha256());
        }
        return new ByteArrayInputStream(b);
    }

    @Test
    void readsTheSameContentOnceAndCountsItPrivilegedWhenAnyHolderIsForensic() throws Exception {
        EvidenceItem audit = item("e1", "a.csv", Repository.AUDIT, "x,y\n1,2\n");
        EvidenceItem forensic = item("e2", "copy-of-a.csv", Repository.FORENSIC, "x,y\n1,2\n");
        EvidenceItem other = item("e3", "b.csv", Repository.AUDIT, "x,y\n3,4\n");
        EvidenceInputs in = EvidenceInputs.of(List.of(audit, forensic, other));
        assertThat(in.sources()).hasSize(2);
        // auditor-visible content is read first (ADR 098); names are given in the order of the items
        assertThat(in.sources().getFirst().items()).containsExactly(other);
        assertThat(in.sources().getFirst().privileged()).isFalse();
        assertThat(in.sources().get(1).items()).containsExactly(audit, forensic);
        assertThat(in.sources().get(1).name()).isEqualTo("a.csv");
        assertThat(in.sources().get(1).privileged()).isTrue();
        assertThat(in.sources()).extracting(EvidenceInputs.Source::position).containsExactly(0, 1);
        assertThat(in.totalBytes()).isEqualTo(16);
    }

    @Test
    void namesATakenNameAfterTheItemKeepingItsEnd() throws Exception {
        EvidenceItem one = item("e1", "logs/API.csv", Repository.AUDIT, "one\n");
        EvidenceItem two = item("e2", "logs/API.csv", Repository.AUDIT, "two\n");
        EvidenceInputs in = EvidenceInputs.of(List.of(one, two));
        assertThat(in.sources())
                .extracting(EvidenceInputs.Source::name)
                .containsExactly("logs/API.csv", "e2/logs/API.csv");
    }

    @Test
    void attributesLinesToTheInputWhoseReadingProducedThemNeverToALookAlikeName() throws Exception {
        EvidenceItem export = item("e1", "a.csv", Repository.FORENSIC, "Id,Email\n1,a@example.com\n");
        EvidenceItem odd = item("e2", "a.csv!/b.csv", Repository.AUDIT, "Id,Name\n1,widget\n");
        EvidenceInputs in = EvidenceInputs.of(List.of(export, odd));
        // a name stored before uploads refused "!/" is analyzed without it
        assertThat(in.sources()).extracting(EvidenceInputs.Source::name).containsExactly("a.csv!_/b.csv", "a.csv");
        Contributions c = new LeakAnalyzer()
                .analyze(in.inputs(this::open, n -> {}), p -> {})
                .contributions();
        assertThat(in.sourcesOf("a.csv", c))
                .singleElement()
                .satisfies(s -> assertThat(s.items()).containsExactly(export));
        assertThat(in.sourcesOf("a.csv!_/b.csv", c))
                .singleElement()
                .satisfies(s -> assertThat(s.items()).containsExactly(odd));
        assertThat(in.sourcesOf("a.csv!/b.csv", c)).isEmpty();
        // what no input produced is privileged when any input is
        assertThat(in.privileged("a.csv!/b.csv", c)).isTrue();
        assertThat(in.privileged("a.csv!_/b.csv", c)).isFalse();
    }

    @Test
    void checksTheWholeBlobEvenWhenTheReaderStopsEarly() throws Exception {
        EvidenceItem a = item("e1", "a.csv", Repository.AUDIT, "a".repeat(200_000));
        EvidenceInputs in = EvidenceInputs.of(List.of(a));
        List<Long> progress = new ArrayList<>();
        AnalysisInput input = in.inputs(this::open, progress::add).getFirst();
        try (InputStream s = input.source().open()) {
            assertThat(s.readNBytes(10)).hasSize(10);
            assertThat(s.skip(100)).isEqualTo(100);
        }
        assertThat(in.failures()).isEmpty();
        assertThat(in.bytesRead()).isEqualTo(200_000);
        assertThat(progress.getLast()).isEqualTo(200_000);
    }

    @Test
    void reportsContentThatNoLongerMatchesItsHash() throws Exception {
        EvidenceItem a = item("e1", "a.csv", Repository.FORENSIC, "original");
        blobs.put(a.sha256(), "tampered".getBytes(StandardCharsets.UTF_8));
        EvidenceInputs in = EvidenceInputs.of(List.of(a));
        try (InputStream s = in.inputs(this::open, n -> {}).getFirst().source().open()) {
            s.readAllBytes();
        }
        assertThat(in.failures())
                .singleElement()
                .asString()
                .contains("evidence e1 (a.csv)")
                .contains("does not match")
                .contains(a.sha256());
    }

    @Test
    void reportsABlobTheVaultCannotOpen() throws Exception {
        EvidenceItem a = item("e1", "a.csv", Repository.AUDIT, "gone");
        blobs.remove(a.sha256());
        EvidenceInputs in = EvidenceInputs.of(List.of(a));
        AnalysisInput input = in.inputs(this::open, n -> {}).getFirst();
        assertThatThrownBy(() -> input.source().open()).isInstanceOf(IOException.class);
        assertThat(in.failures()).singleElement().asString().contains("cannot be read from the vault");
    }
}
