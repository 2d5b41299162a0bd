package dev.tandem.leak;

import dev.tandem.salesforce.LoginHistory;
import dev.tandem.salesforce.OrgConfig;
import dev.tandem.salesforce.SetupAuditTrail;
import dev.tandem.salesforce.UserDirectory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The leak rules (docs/leak-patterns.md), one class each, run once all inputs are read, in a fixed
 * order: a rule that explains a user, a session or a host claims it ({@link Claims}) before the
 * rules after it run, and findings with the same pattern and subject are merged. The integration
 * rule runs before the administrator and export rules so that a sync is not also reported as an
 * extraction; callouts with traffic before configuration without traffic.
 */
final class Rules {
    private final Thresholds t;
    private final List<LeakRule> rules;
    private final AccessFacts facts;
    private final AdminSessionRule adminSessions;
    private List<AdminSessionRule.NotJudged> notJudged = List.of();

    Rules(Thresholds t, Behaviour b, Captures captures, Exports exports, OrgConfig config, UserDirectory directory) {
        this(t, b, captures, exports, config, directory, new LoginHistory(), new SetupAuditTrail());
    }

    Rules(
            Thresholds t,
            Behaviour b,
            Captures captures,
            Exports exports,
            OrgConfig config,
            UserDirectory directory,
            LoginHistory logins,
            SetupAuditTrail trail) {
        this.t = t;
        LeakRule.Observations o = new LeakRule.Observations(t, b, captures, exports, config, directory, logins, trail);
        IntegrationSyncRule integration = new IntegrationSyncRule(o);
        this.facts = new AccessFacts(o, integration::who);
        this.adminSessions = new AdminSessionRule(o);
        this.rules = List.of(
                integration,
                adminSessions,
                new SharingExposureRule(o),
                new CleartextCalloutRule(o),
                new ConfiguredCleartextEndpointRule(o),
                new ReportExportRule(o),
                new ExportFileRule(o),
                new ThirdPartyPiiRule(o),
                new ProductApiRule(o),
                new SuspiciousLoginRule(o, facts),
                new DataAccessGrantRule(o, facts));
    }

    /** The rules in the order they run, as a Markdown table (docs/leak-patterns.md). */
    static String table() {
        Behaviour b = new Behaviour(Thresholds.defaults().customerObjects());
        Rules r = new Rules(
                Thresholds.defaults(),
                b,
                new Captures(Thresholds.defaults(), (body, type) -> dev.tandem.payload.PayloadPii.NONE),
                new Exports(),
                new OrgConfig(),
                new UserDirectory());
        StringBuilder md = new StringBuilder("| # | rule | pattern | reports | claims |\n|---|---|---|---|---|\n");
        int n = 1;
        for (LeakRule rule : r.rules) {
            md.append("| ")
                    .append(n++)
                    .append(" | `")
                    .append(rule.getClass().getSimpleName())
                    .append("` | `")
                    .append(rule.pattern())
                    .append("` | ")
                    .append(rule.summary())
                    .append(" | ")
                    .append(rule.claimsText().isEmpty() ? "none" : rule.claimsText())
                    .append(" |\n");
        }
        return md.toString();
    }

    /**
     * The findings; the extraction rules' first, then what the Login History and the Setup Audit
     * Trail add to them ({@link AccessFacts}), then the findings those files are the evidence of.
     */
    List<Finding> run() {
        Claims claims = new Claims();
        List<Finding> out = new ArrayList<>();
        boolean annotated = false;
        for (LeakRule r : rules) {
            if (!annotated && (r instanceof SuspiciousLoginRule || r instanceof DataAccessGrantRule)) {
                out = facts.annotate(out, claims);
                annotated = true;
            }
            out.addAll(r.apply(claims));
        }
        notJudged = adminSessions.notJudged(claims);
        return merge(out);
    }

    /** The bulk reads of the last {@link #run} that no rule could judge, and why. */
    List<AdminSessionRule.NotJudged> notJudged() {
        return notJudged;
    }

    /** The dated facts of the last {@link #run}: setup changes, suspect logins, extractions. */
    List<TimelineEntry> timeline() {
        return List.copyOf(facts.timeline);
    }

    /**
     * Records of two findings merged: their sum, or the one known, or null when neither evidence
     * tells (metadata-only findings, such as one configuration seen in two snapshots). Written out
     * so that no conditional expression unboxes a null.
     */
    static @Nullable Long sum(@Nullable Long a, @Nullable Long b) {
        if (a == null) return b;
        if (b == null) return a;
        return a + b;
    }

    private List<Finding> merge(List<Finding> all) {
        Map<String, Finding> by = new LinkedHashMap<>();
        for (Finding f : all) {
            String key = f.pattern() + "|" + f.subject();
            Finding prior = by.get(key);
            if (prior == null) {
                by.put(key, f);
                continue;
            }
            Finding first = prior.severity().compareTo(f.severity()) <= 0 ? prior : f;
            List<EvidenceRef> ev = new ArrayList<>(prior.evidence());
            ev.addAll(f.evidence());
            Long records = sum(prior.records(), f.records());
            List<ContainmentAction> contain = new ArrayList<>(new LinkedHashSet<>(prior.containment()));
            for (ContainmentAction a : f.containment()) {
                if (!contain.contains(a)) {
                    contain.add(a);
                }
            }
            by.put(
                    key,
                    new Finding(
                            f.pattern(),
                            first.severity(),
                            first.title(),
                            f.subject(),
                            ev,
                            records,
                            f.controls(),
                            prior.rationale() + " | " + f.rationale(),
                            contain,
                            union(prior.sources(), f.sources())));
        }
        List<Finding> out = new ArrayList<>();
        for (Finding f : by.values()) {
            // rules list evidence most telling first: keep the first few, then show them in file order
            List<EvidenceRef> ev = new ArrayList<>(new LinkedHashSet<>(f.evidence()));
            if (ev.size() > t.maxEvidence()) {
                ev = ev.subList(0, t.maxEvidence());
            }
            ev = new ArrayList<>(new TreeSet<>(ev));
            out.add(new Finding(
                    f.pattern(),
                    f.severity(),
                    f.title(),
                    f.subject(),
                    ev,
                    f.records(),
                    f.controls(),
                    f.rationale(),
                    f.containment(),
                    // the lines left out by the cap still contributed: privilege follows every source
                    f.sources()));
        }
        out.sort(Comparator.comparing(Finding::severity)
                .thenComparing(Finding::pattern)
                .thenComparing(f -> f.subject().id()));
        return out;
    }

    private static java.util.Set<String> union(java.util.Set<String> a, java.util.Set<String> b) {
        return LeakRule.union(a, b);
    }

    static String count(long n) {
        return LeakRule.count(n);
    }
}
