package dev.tandem.server.ledger.fact;

import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * The audit firm's control test register was imported ({@code control-tests.imported}): the AUDIT
 * evidence item holding the CSV as received, its SHA-256, the controls tested and every row as
 * {@code {control, configItem, testedOn, tester}}, so that retests can be drawn from the ledger
 * alone (the audit-continuity report is).
 */
public record ControlTestsImported(String incident, String register, String evidence, String sha256, List<Test> tests)
        implements Fact {
    public ControlTestsImported {
        tests = List.copyOf(tests);
    }

    /** One row of the register. */
    public record Test(String control, String configItem, String testedOn, String tester) {}

    @Override
    public String type() {
        return "control-tests.imported";
    }

    @Override
    public ObjectNode body() {
        ObjectNode b = Fact.object()
                .put("register", register)
                .put("evidence", evidence)
                .put("sha256", sha256)
                .put("rows", tests.size());
        tests.stream().map(Test::control).distinct().forEach(b.putArray("controls")::add);
        var rows = b.putArray("tests");
        for (Test t : tests) {
            rows.addObject()
                    .put("control", t.control())
                    .put("configItem", t.configItem())
                    .put("testedOn", t.testedOn())
                    .put("tester", t.tester());
        }
        return b;
    }

    @Override
    public boolean privileged() {
        return false;
    }
}
