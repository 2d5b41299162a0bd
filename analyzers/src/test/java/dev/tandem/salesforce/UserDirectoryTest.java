package dev.tandem.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.intake.CsvTable;
import dev.tandem.intake.Problem;
import dev.tandem.intake.Problems;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class UserDirectoryTest {
    private static CsvTable table(String name, String csv, Problems problems) {
        CsvTable t = CsvTable.open(name, new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), problems);
        assertThat(t).isNotNull();
        return t;
    }

    /** A directory of the users in {@code csv}, read as User.csv. */
    private static UserDirectory users(String csv, Problems problems) throws Exception {
        UserDirectory d = new UserDirectory();
        try (CsvTable t = table("User.csv", csv, problems)) {
            d.readUsers("User.csv", t, problems);
        }
        return d;
    }

    @Test
    void aUserExportWithProfileIdsOnlyIsReadAndSaysAdministratorsCannotBeToldApart() throws Exception {
        Problems problems = new Problems(10);
        UserDirectory d = users(
                "Id,Username,ProfileId,UserType,IsActive\n0055g00000Admin1,dana@example.com,00e5g000001AbcD,Standard,true\n",
                problems);
        assertThat(d.byUsername("dana@example.com")).isNotNull();
        assertThat(problems.all()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Problem.Kind.MISSING_COLUMNS);
            assertThat(p.file()).isEqualTo("User.csv");
            assertThat(p.message()).contains("ProfileId but no Profile.Name");
        });
    }

    @Test
    void aManagedPackagesPermissionSetIsNamedWithItsNamespaceAsItsMetadataFileIs() throws Exception {
        Problems problems = new Problems(10);
        UserDirectory d =
                users("Id,Username,Profile.Name\n0055g00000Integ1,sync@example.com,Integration User\n", problems);
        try (CsvTable t = table(
                "PermissionSetAssignment.csv",
                "AssigneeId,PermissionSet.Name,PermissionSet.NamespacePrefix\n"
                        + "0055g00000Integ1,Integration_Full_Access,dsync\n"
                        + "0055g00000Integ1,Reports_Reader,\n"
                        + "0055g00000Integ1,dsync__Already_Prefixed,dsync\n",
                problems)) {
            d.readAssignments("PermissionSetAssignment.csv", t, problems);
        }
        assertThat(d.assignmentsOf(d.byUsername("sync@example.com")))
                .extracting(UserDirectory.Assignment::permissionSet)
                .containsExactly("dsync__Integration_Full_Access", "Reports_Reader", "dsync__Already_Prefixed");
        assertThat(problems.all()).isEmpty();
    }
}
