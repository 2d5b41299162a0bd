package dev.tandem.server.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.evidence.Repository;
import dev.tandem.server.DomainException;
import org.junit.jupiter.api.Test;

/** One reading of an upload's repository, for the policy and for the item stored. */
class UploadRepositoryTest {

    @Test
    void whiteSpaceAroundTheNameIsTheRepositoryItNames() {
        assertThat(UploadRepository.parse(" FORENSIC")).isEqualTo(Repository.FORENSIC);
        assertThat(UploadRepository.parse("AUDIT\t")).isEqualTo(Repository.AUDIT);
        // what the policy is asked about an upload is what is stored
        Caller liaison = new Caller("l", false, Role.AUDIT_LIAISON, Caller.Grants.NONE);
        Resource asked = Resource.upload("i-1", UploadRepository.parse(" FORENSIC"));
        assertThat(AccessPolicy.decide(liaison, Action.EVIDENCE_ADD, asked)).isInstanceOf(Decision.Forbidden.class);
    }

    @Test
    void anythingElseIsRefusedNamingTheParameter() {
        for (String bad : new String[] {"FORENSICS", "forensic", "", "FORENSIC AUDIT"}) {
            assertThatThrownBy(() -> UploadRepository.parse(bad)).isInstanceOfSatisfying(DomainException.class, e -> {
                assertThat(e.kind()).isEqualTo(DomainException.Kind.UNPROCESSABLE_CONTENT);
                assertThat(e.code()).isEqualTo("bad-repository");
                assertThat(e.getMessage()).isEqualTo("repository: must be FORENSIC or AUDIT, got \"" + bad + "\"");
            });
        }
        assertThatThrownBy(() -> UploadRepository.parse(null))
                .hasMessage("repository: must be FORENSIC or AUDIT, got none");
    }
}
