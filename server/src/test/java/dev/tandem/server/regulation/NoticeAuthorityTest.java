package dev.tandem.server.regulation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.regulation.notice.NoticeGaps;
import java.util.List;
import org.junit.jupiter.api.Test;

class NoticeAuthorityTest {
    @Test
    void oneMemberStateOfEstablishmentNamesItsAuthority() {
        assertThat(NoticeDrafts.leadAuthority(List.of("FR")))
                .isEqualTo("Supervisory authority of FR, where the controller is established (GDPR Art. 55(1), 56(1))");
    }

    @Test
    void germanyAndSeveralMemberStatesLeaveTheAuthorityToBeChosen() {
        assertThat(NoticeDrafts.leadAuthority(List.of("DE")))
                .contains("[to be completed: in Germany the data protection authority of the Land")
                .contains("§ 40 BDSG");
        assertThat(NoticeDrafts.leadAuthority(List.of("IE", "FR")))
                .isEqualTo("Lead supervisory authority (GDPR Art. 56(1)): [to be completed: the supervisory authority"
                        + " of the main establishment among FR, IE]");
        // what the draft asks for is a gap: the notice is not sent with it unconfirmed
        assertThat(NoticeGaps.of("To: " + NoticeDrafts.leadAuthority(List.of("DE")), false))
                .hasSize(1);
    }
}
