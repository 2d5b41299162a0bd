package dev.tandem.server.change;

import dev.tandem.change.ChangeStatus;
import dev.tandem.server.access.Access;
import dev.tandem.server.leak.FindingChanges;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** {@link FindingChanges} from the incident's change requests, read as {@link ChangeViews} reads them. */
@Component
class ChangesOfFindings implements FindingChanges {
    private final Changes changes;

    ChangesOfFindings(Changes changes) {
        this.changes = changes;
    }

    @Override
    public Map<String, List<Linked>> of(String incident, Access access) {
        Map<String, List<Linked>> byFinding = new LinkedHashMap<>();
        for (Change c : changes.ofIncident(incident)) {
            if (c.finding() == null) {
                continue;
            }
            Change.Verification v = c.verification();
            boolean closed = v != null
                    && v.finding().equals(c.finding())
                    && (!v.privileged() || access.caller().privileged())
                    && v.closed();
            boolean live = c.status() != ChangeStatus.REJECTED && c.status() != ChangeStatus.WITHDRAWN;
            byFinding
                    .computeIfAbsent(c.finding(), f -> new ArrayList<>())
                    .add(new Linked(c.id(), c.title(), c.status().name(), closed, live));
        }
        return byFinding;
    }
}
