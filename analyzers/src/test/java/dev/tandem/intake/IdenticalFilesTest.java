package dev.tandem.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdenticalFilesTest {
    @TempDir
    Path dir;

    @Test
    void aLogDownloadedTwiceIsReadOnceAndMetadataWithTheSameBytesIsKept() throws Exception {
        String elf = "EVENT_TYPE,TIMESTAMP,USER_ID\nAPI,20250312081927.080,0055g00000kVp1p\n";
        Path day = Files.writeString(
                Files.createDirectories(dir.resolve("2025-03-12")).resolve("API.csv"), elf);
        Path again = Files.writeString(
                Files.createDirectories(dir.resolve("redownload")).resolve("API.csv"), elf);
        // same size, other bytes: not a repeat
        Path other = Files.writeString(dir.resolve("API-other.csv"), elf.replace("kVp1p", "kVp1q"));
        String object = "<CustomObject><sharingModel>Private</sharingModel></CustomObject>";
        Path contact = Files.writeString(dir.resolve("Contact.object-meta.xml"), object);
        Path lead = Files.writeString(dir.resolve("Lead.object-meta.xml"), object);

        IdenticalFiles.Result r = IdenticalFiles.of(List.of(day, again, other, contact, lead));

        assertThat(r.distinct()).containsExactly(day, other, contact, lead);
        assertThat(r.repeats()).isEqualTo(Map.of(again, day));
    }
}
