package dev.tandem.server.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.change.ChangeKind;
import dev.tandem.change.ChangeStatus;
import dev.tandem.change.Risk;
import dev.tandem.server.DomainException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChangeFormTest {

    @Test
    void theFormsFieldsBecomeARequestAndEmptyOnesAreLeftOut() {
        Map<String, String> text = new LinkedHashMap<>();
        text.put("title", "  Revoke View All Data ");
        text.put("system", "");
        text.put("kind", "ACCESS_RESTRICTION");
        text.put("risk", "HIGH");
        text.put("configItems", "PermissionSet:Integration_Full_Access\r\n\r\nProfile:Admin\n");
        text.put("controls", "CC6.3, CC6.1;A.5.15");
        text.put("businessProcesses", "Nightly sync, to the sandbox\nQuarterly export");
        text.put("finding", "f1");
        text.put("containment", "2");
        Changes.Requested r = ChangeForm.requested(text, List.of("e1", " ", "e2"), true);
        assertThat(r.title()).isEqualTo("Revoke View All Data");
        assertThat(r.system()).isNull();
        assertThat(r.kind()).isEqualTo(ChangeKind.ACCESS_RESTRICTION);
        assertThat(r.risk()).isEqualTo(Risk.HIGH);
        assertThat(r.configItems()).containsExactly("PermissionSet:Integration_Full_Access", "Profile:Admin");
        assertThat(r.controls()).containsExactly("CC6.3", "CC6.1", "A.5.15");
        assertThat(r.businessProcesses()).containsExactly("Nightly sync, to the sandbox", "Quarterly export");
        assertThat(r.preSnapshots()).containsExactly("e1", "e2");
        assertThat(r.emergency()).isTrue();
        assertThat(r.finding()).isEqualTo("f1");
        assertThat(r.containment()).isEqualTo(2);
        // nothing given: null, for a finding's proposal to fill as the API does
        Changes.Requested empty = ChangeForm.requested(Map.of(), List.of(), false);
        assertThat(empty.configItems()).isNull();
        assertThat(empty.preSnapshots()).isNull();
        assertThat(empty.kind()).isNull();
    }

    @Test
    void unreadableFieldsAreRefusedNamingTheField() {
        assertThatThrownBy(() -> ChangeForm.requested(Map.of("kind", "REBOOT"), List.of(), false))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo("bad-kind");
                    assertThat(ChangeForm.field(e.code())).isEqualTo("kind");
                });
        assertThatThrownBy(() -> ChangeForm.requested(Map.of("containment", "two"), List.of(), false))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.getMessage()).startsWith("containment:");
                    assertThat(ChangeForm.field(e.code())).isEqualTo("containment");
                });
    }

    @Test
    void eachRefusalOfARequestBelongsToItsField() {
        assertThat(ChangeForm.field("not-a-config-snapshot")).isEqualTo("preSnapshots");
        assertThat(ChangeForm.field("snapshot-after-request")).isEqualTo("preSnapshots");
        assertThat(ChangeForm.field("snapshot-superseded")).isEqualTo("preSnapshots");
        assertThat(ChangeForm.field("snapshot-before-change")).isEqualTo("preSnapshots");
        assertThat(ChangeForm.field("pre-snapshot-lacks-item")).isEqualTo("preSnapshots");
        assertThat(ChangeForm.field("bad-config-item")).isEqualTo("configItems");
        assertThat(ChangeForm.field("auditor-access-required")).isEqualTo("auditorAccess");
        assertThat(ChangeForm.field("business-processes-required")).isEqualTo("businessProcesses");
        assertThat(ChangeForm.field("bad-rollback-plan")).isEqualTo("rollbackPlan");
        assertThat(ChangeForm.field("emergency-by-commander")).isEqualTo("emergency");
        assertThat(ChangeForm.field("something-else")).isEqualTo("form");
        assertThat(ChangeForm.ofTheForm(new DomainException(
                        DomainException.Kind.FORBIDDEN, "emergency-by-commander", "Forbidden", "emergency: …")))
                .isTrue();
        assertThat(ChangeForm.ofTheForm(DomainException.forbidden("finding rests on FORENSIC evidence")))
                .isFalse();
        // a closed incident refuses the request as a whole: the form again, with what was typed
        assertThat(ChangeForm.ofTheForm(
                        DomainException.conflict("incident-closed", "Refused by change control", "the incident …")))
                .isTrue();
        assertThat(ChangeForm.field("incident-closed")).isEqualTo("form");
    }

    @Test
    void aProposalIsShownAsTheFormsDraft() {
        Changes.Requested proposal = new Changes.Requested(
                "Revoke View All Data",
                "Salesforce org",
                "Proposed containment 1",
                ChangeKind.ACCESS_RESTRICTION,
                null,
                List.of("PermissionSet:X"),
                List.of("CC6.1", "CC6.3"),
                List.of("e1"),
                "Redeploy",
                false,
                null,
                null,
                "f1",
                1);
        Map<String, Object> d = ChangeForm.draft(proposal);
        assertThat(d)
                .containsEntry("kind", "ACCESS_RESTRICTION")
                .containsEntry("risk", "")
                .containsEntry("configItems", "PermissionSet:X")
                .containsEntry("controls", "CC6.1, CC6.3")
                .containsEntry("businessProcesses", "")
                .containsEntry("finding", "f1")
                .containsEntry("containment", "1")
                .containsEntry("emergency", false);
        assertThat(d.get("preSnapshots")).isEqualTo(java.util.Set.of("e1"));
    }

    @Test
    void aChangesStepsFollowTheLedger() {
        Instant t = Instant.parse("2026-11-27T10:00:00Z");
        Change c = new Change(
                "c1",
                "i1",
                "Revoke",
                "Salesforce",
                "",
                ChangeKind.ACCESS_RESTRICTION,
                Risk.MEDIUM,
                List.of("PermissionSet:X"),
                List.of("CC6.3"),
                List.of("e1"),
                "Redeploy",
                false,
                null,
                List.of("Nightly sync"),
                "f1",
                ChangeStatus.EXECUTED,
                t,
                "responder",
                10,
                t.plusSeconds(120),
                t.plusSeconds(300),
                "responder",
                List.of("e2"),
                "deployed",
                14L,
                t.plusSeconds(400),
                "responder",
                List.of(
                        new Change.DecisionRow("AUDIT_LIAISON", "liaison", true, "ok", t.plusSeconds(120), 12),
                        new Change.DecisionRow("INCIDENT_COMMANDER", "commander", true, "", t.plusSeconds(60), 11)),
                List.of(new Change.Acknowledgement("auditor", "noted", t.plusSeconds(200), 13)),
                List.of(),
                new Change.Verification("f1", true, List.of(), false, 15),
                Change.Scope.NONE,
                null,
                null);
        assertThat(ChangePages.steps(c))
                .extracting(ChangePages.Step::what)
                .containsExactly(
                        "requested",
                        "approved as incident commander",
                        "approved as audit liaison",
                        "acknowledged",
                        "executed",
                        "closure verified by the analyzers (run by responder)",
                        "business processes verified");
        assertThat(ChangePages.steps(c).get(2).who()).isEqualTo("liaison");
        assertThat(ChangePages.steps(c).get(3).who()).isEqualTo("auditor");
        assertThat(ChangePages.steps(c).get(5).who())
                .as("the analyzers' check has no person")
                .isNull();
        assertThat(ChangePages.steps(c).getLast().ledgerIndex()).isNull();
        // the execution's notes rest on its snapshots: withheld from who may not read them all
        assertThat(ChangePages.steps(c).get(4).comment()).isEqualTo("deployed");
        assertThat(ChangePages.steps(c, true).get(4).comment())
                .isEqualTo("(notes withheld: they rest on privileged snapshots)");
        assertThat(ChangePages.steps(c, true).toString()).doesNotContain("deployed");
    }

    @Test
    void theContainmentOfALinkIsAWholeNumberOrRefusedNamingTheField() {
        assertThat(ChangeForm.containment(null)).isZero();
        assertThat(ChangeForm.containment(" ")).isZero();
        assertThat(ChangeForm.containment("2")).isEqualTo(2);
        assertThatThrownBy(() -> ChangeForm.containment("x")).isInstanceOfSatisfying(DomainException.class, e -> {
            assertThat(e.kind()).isEqualTo(DomainException.Kind.UNPROCESSABLE_CONTENT);
            assertThat(e.getMessage()).startsWith("containment:").contains("x");
            assertThat(ChangeForm.field(e.code())).isEqualTo("containment");
        });
    }

    @Test
    void aStepLeadsToASectionThePageShows() {
        assertThat(ChangePages.anchor("decision")).isEqualTo("steps");
        assertThat(ChangePages.anchor("acknowledgement")).isEqualTo("steps");
        assertThat(ChangePages.anchor("execution")).isEqualTo("result");
        assertThat(ChangePages.anchor("processes")).isEqualTo("processes");
    }

    @Test
    void aBrowsersFileNameKeepsItsLastSegment() {
        assertThat(ChangePages.baseName("C:\\Users\\a\\register.csv")).isEqualTo("register.csv");
        assertThat(ChangePages.baseName("dir/x!/y.csv")).isEqualTo("y.csv");
        assertThat(ChangePages.baseName("a!/b.csv")).isEqualTo("b.csv");
        assertThat(ChangePages.baseName("  ")).isEqualTo("control-test-register.csv");
    }
}
