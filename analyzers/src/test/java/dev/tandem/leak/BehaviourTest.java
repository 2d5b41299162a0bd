package dev.tandem.leak;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.intake.CsvTable;
import dev.tandem.intake.Problems;
import dev.tandem.salesforce.EventLogReader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BehaviourTest {
    private static Behaviour read(String csv) throws Exception {
        Behaviour b = new Behaviour(Set.of("Contact", "Account"));
        Problems problems = new Problems(5);
        try (CsvTable t = CsvTable.open(
                "BulkApi2.csv", new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), problems)) {
            EventLogReader.read("BulkApi2.csv", t, problems, b::accept, () -> {});
        }
        assertThat(problems.all()).isEmpty();
        return b;
    }

    private static final String HEADER =
            "EVENT_TYPE,TIMESTAMP_DERIVED,ORGANIZATION_ID,USER_ID,LOGIN_KEY,CLIENT_IP,JOB_ID,BATCH_ID,ENTITY_TYPE,"
                    + "OPERATION_TYPE,JOB_STATUS,RECORDS_PROCESSED\n";

    @Test
    void countsABulkApi2JobOnceWhateverStateChangesWereLogged() throws Exception {
        Behaviour b = read(HEADER + """
                BulkApi2,2025-03-27T03:12:00Z,00D5g000004ShpA,0055g00000Adm1,lk1,185.220.101.47,7505g000000JobC,,Contact,query,UploadComplete,
                BulkApi2,2025-03-27T03:13:00Z,00D5g000004ShpA,0055g00000Adm1,lk1,185.220.101.47,7505g000000JobC,,Contact,query,InProgress,106000
                BulkApi2,2025-03-27T03:14:00Z,00D5g000004ShpA,0055g00000Adm1,lk1,185.220.101.47,7505g000000JobC,,Contact,query,JobComplete,212000
                BulkApi2,2025-03-27T03:14:00Z,00D5g000004ShpA,0055g00000Adm1,lk1,185.220.101.47,7505g000000JobC,,Contact,query,JobComplete,212000
                BulkApi2,2025-03-27T03:15:00Z,00D5g000004ShpA,0055g00000Adm1,lk1,185.220.101.47,7505g000000JobA,,Account,query,JobComplete,64000
                BulkApi2,2025-03-27T03:16:00Z,00D5g000004ShpA,0055g00000Adm1,lk1,185.220.101.47,7505g000000JobA,,Account,query,InProgress,30000
                """);
        Behaviour.SessionStats s = b.sessions.get("lk1");
        assertThat(s.readRows).isEqualTo(212_000 + 64_000);
        assertThat(s.rowsByObject).containsEntry("Contact", 212_000L).containsEntry("Account", 64_000L);
        Behaviour.UserStats u = b.users.get("0055g00000Adm1");
        assertThat(u.rowsOn(Math.floorDiv(
                        java.time.Instant.parse("2025-03-27T00:00:00Z").toEpochMilli(), Behaviour.DAY)))
                .isEqualTo(276_000);
        // the evidence names the rows that carried the records, JobComplete first, and neither the
        // empty nor the repeated ones
        assertThat(s.top.refs()).extracting(EvidenceRef::line).containsExactly(4L, 3L, 6L);
    }

    @Test
    void aBulkApiBatchCountsItsOwnRecordsAndJobsOfOtherOrgsAreOtherJobs() throws Exception {
        Behaviour b = read(HEADER + """
                BulkApi,2025-03-27T02:11:00Z,00D5g000004ShpA,0055g00000Int1,lk2,34.120.15.7,7505g000000Job1,7515g0000000B1,Contact,query,,23000
                BulkApi,2025-03-27T02:12:00Z,00D5g000004ShpA,0055g00000Int1,lk2,34.120.15.7,7505g000000Job1,7515g0000000B2,Contact,query,,23000
                BulkApi2,2025-03-27T02:13:00Z,00D5g000004ShpA,0055g00000Int1,lk2,34.120.15.7,7505g000000Job2,,Contact,query,JobComplete,1000
                BulkApi2,2025-03-27T02:14:00Z,00D7z000000UatB,0055g00000Int1,lk2,34.120.15.7,7505g000000Job2,,Contact,query,JobComplete,1000
                """);
        assertThat(b.sessions.get("lk2").readRows).isEqualTo(23_000 + 23_000 + 1_000 + 1_000);
    }
}
