package dev.tandem.app;

import dev.tandem.cli.TandemCommand;
import dev.tandem.server.access.Role;
import dev.tandem.server.demo.DemoChange;
import dev.tandem.server.demo.DemoData;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code tandem demo}: the server on embedded storage with a realistic sample incident. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Run the server with a sample incident loaded, logins printed.",
            "Embedded storage, in the folder tandem-demo-data unless --data-dir is given."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:stopped",
            "2:a bad setting (one line names it), a port in use, or a data directory whose embedded database"
                    + " another server holds (docs/operations.md, Start-up)"
        })
final class DemoCommand implements Callable<Integer> {
    /** Whether the user set a reminder webhook for this run (environment or system property). */
    private static boolean configuredWebhook() {
        String env = System.getenv("TANDEM_REMINDERS_WEBHOOK_URL");
        String property = System.getProperty("tandem.reminders.webhook-url");
        return (env != null && !env.isBlank()) || (property != null && !property.isBlank());
    }

    @Mixin
    ServerOptions options = new ServerOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        List<String> args = options.arguments(Path.of("tandem-demo-data"));
        args.add("--tandem.demo=true");
        // reminders go to the user's webhook when they configured one, else to the demo's own
        DemoWebhook hook = configuredWebhook() ? null : DemoWebhook.start(System.out);
        if (hook != null) {
            args.add("--tandem.reminders.webhook-url=" + hook.url());
            // the sample's GDPR deadline is about three days off: remind from 72 h on, and look often
            args.add("--tandem.reminders.lead-times=PT72H,PT24H,PT4H,PT1H");
            args.add("--tandem.reminders.interval=PT15S");
        }
        ConfigurableApplicationContext ctx =
                options.start("demo", Map.of("sampleOrg", new GeneratedSampleOrg()), args, err);
        if (ctx == null) {
            if (hook != null) hook.close();
            return TandemCommand.EXIT_USAGE;
        }
        DemoData.Loaded demo = ctx.getBean(DemoData.class).load();
        // finding -> change request -> approvals -> execution -> diff -> retest (docs/change-control.md)
        System.out.println("Waiting for the leak analysis to walk a change through change control...");
        String url = ServeCommand.url(ctx);
        var walked = ctx.getBean(DemoChange.class).walk(demo, Duration.ofMinutes(3));
        String changeId = walked.map(c -> c.id()).orElse("CHANGE");
        String change = walked.map(c -> c.id() + " (" + c.status() + "; "
                        + (c.verification() == null
                                ? "no closure check"
                                : c.verification().closed() ? "finding closed" : "finding still open")
                        + "), in the browser " + url + "/changes/" + c.id())
                .orElse("none (the analysis did not finish)");
        String id = demo.incident().id();
        StringBuilder people = new StringBuilder();
        for (DemoData.Person p : DemoData.PEOPLE) {
            people.append("  %-10s %-20s %-21s %s%n"
                    .formatted(
                            p.username(),
                            p.role() == null ? "ADMIN (no member)" : p.role().name(),
                            demo.passwords().get(p.username()),
                            demo.tokens().get(p.username())));
        }
        System.out.printf(
                """

                Tandem demo is running at %s   (Ctrl-C stops it)
                  open in a browser %s/login and sign in as any of the people below
                  data directory  %s
                  incident        %s
                                  %s%s
                  leak analysis   job %s; findings at /api/v1/incidents/%s/findings
                                  (the Login History and Setup Audit Trail add a suspicious login, the
                                  permission set the hijacked admin gave itself, and the "timeline" of
                                  logins, grants and extractions, also on the findings page and in
                                  counsel's incident report, section "Analysis timeline"; read from
                                  FORENSIC downloads, it is not in the auditor's export bag)
                  change          %s

                People (a member in every role; passwords and API tokens are kept in the data directory):
                  user       role                 password              API token
                %s
                Try the same request as counsel and as the auditor: counsel reads the privileged
                intake memo, the auditor sees only that it exists (its ledger commitment):
                  export S=%s I=%s M=%s
                  export COUNSEL=%s AUDITOR=%s
                  export K='%s'   # the log's verifier key, to pin (an auditor gets it out of band)
                  curl -s -H "Authorization: Bearer $COUNSEL" $S/api/v1/evidence/$M
                  curl -s -H "Authorization: Bearer $AUDITOR" $S/api/v1/evidence/$M
                  curl -s -H "Authorization: Bearer $AUDITOR" $S/api/v1/evidence/$M/content   # 403
                  curl -s -H "Authorization: Bearer $COUNSEL" "$S/api/v1/incidents/$I/timeline?order=eventAt"
                or from the terminal: the incidents, their people, the timeline as each role sees it, and a note on it:
                  ./tandem incident list --server $S --token $COUNSEL
                  ./tandem incident members list --server $S --token $COUNSEL --incident $I
                  ./tandem timeline --server $S --token $COUNSEL --incident $I --order eventAt
                  ./tandem timeline --server $S --token $AUDITOR --incident $I   # privileged entries as commitments
                  ./tandem timeline --server $S --token $COUNSEL --incident $I --format csv > timeline.csv   # for a spreadsheet
                  ./tandem timeline add --server $S --token $COUNSEL --incident $I --kind NOTE --text 'Export bag checked'

                Both reports are drawn from one signed checkpoint (HTML, or PDF with Accept: application/pdf):
                  curl -s -H "Authorization: Bearer $COUNSEL" $S/api/v1/incidents/$I/reports/incident > incident-report.html
                  curl -s -H "Authorization: Bearer $AUDITOR" -H 'Accept: application/pdf' \\
                       $S/api/v1/incidents/$I/reports/audit-continuity > audit-continuity.pdf
                  curl -s $S/api/v1/ledger/checkpoint
                  ./tandem ledger verify --server $S --token $AUDITOR --key "$K"
                  ./tandem evidence add --server $S --token $COUNSEL --incident $I --repository AUDIT --kind DOCUMENT README.md

                The auditor's copy: export the incident's bag, then verify it offline (no server needed),
                with the log's key pinned:
                  ./tandem export --server $S --token $AUDITOR --incident $I --out incident-bag.zip
                  ./tandem verify incident-bag.zip --key "$K" --incident $I
                or with the independent Go checker (interop/go, same options; docs/export.md):
                  (cd interop/go && GOPROXY=off GOFLAGS=-mod=mod go build -o /tmp/bag-check .)
                  unzip -q incident-bag.zip -d bag && /tmp/bag-check --bag bag/tandem-* --key "$K" --incident $I
                and record the checkpoint you verified (or paste it on the Audit tab, %s/incidents/%s/audit,
                where the evidence requests are: one answered by the liaison with the policy, one open, and
                one answered with the change below and a ledger entry):
                  unzip -p incident-bag.zip '*/data/ledger/checkpoint' | curl -s -X PUT -H "Authorization: Bearer $AUDITOR" \\
                       -H 'Content-Type: text/plain' --data-binary @- $S/api/v1/incidents/$I/verified-checkpoint

                Pulled back: the responder filed counsel's "Draft breach analysis – privileged" to AUDIT by
                mistake, the auditor read it, and counsel pulled it back to FORENSIC with a reason. Its
                page shows the move (as the auditor, only what is public of it); the timeline's
                evidence.pulled-back entry, which the auditor reads too, gives the reason and lists the
                auditor's read, and the audit-continuity report's evidence row gives the reason with that
                entry; a new export leaves the item out, and tandem verify accepts the bag:
                  export P=%s
                  open %s/evidence/$P   (sign in as counsel, then as the auditor)
                  curl -s -H "Authorization: Bearer $AUDITOR" $S/api/v1/evidence/$P   # the stub, "pulledBack"
                  curl -s -H "Authorization: Bearer $AUDITOR" "$S/api/v1/incidents/$I/timeline?kind=evidence.pulled-back"
                  ./tandem export --server $S --token $AUDITOR --incident $I --out after-pull-back.zip
                  ./tandem verify after-pull-back.zip --key "$K"
                Counsel's privilege log: every FORENSIC item with what identifies it and counsel's basis
                ("not recorded" where none was given), the pulled-back one with the move's entry and reason;
                LEGAL and the commander only (the evidence page links it for them; the auditor gets 403):
                  ./tandem evidence privilege-log --server $S --token $COUNSEL --incident $I
                  ./tandem evidence privilege-log --server $S --token $COUNSEL --incident $I --format csv > privilege-log.csv

                Change control: the finding's containment as a change, approved by the commander and the
                audit liaison, acknowledged by the auditor, executed with a diff, and the retest it costs
                (its fee estimate is null unless the server was started with TANDEM_AUDIT_FEE set), within
                the SOC 2 observation period the liaison recorded:
                  curl -s -H "Authorization: Bearer $AUDITOR" $S/api/v1/incidents/$I/observation-period
                  curl -s -H "Authorization: Bearer $AUDITOR" $S/api/v1/incidents/$I/changes
                  curl -s -H "Authorization: Bearer $AUDITOR" $S/api/v1/incidents/$I/retests
                  curl -s -H "Authorization: Bearer $AUDITOR" "$S/api/v1/incidents/$I/retests?format=csv"
                or from the terminal (docs/change-control.md, "From the command line"):
                  ./tandem change list --server $S --token $AUDITOR --incident $I
                  ./tandem change show --server $S --token $AUDITOR %s
                  ./tandem change retests --server $S --token $AUDITOR --incident $I
                  ./tandem change list --server $S --token $AUDITOR --incident $I --format csv > changes.csv   # the population to sample
                The auditor then asked for the change ticket and who approved it: the liaison answered with
                the change itself and the commander's change.decided entry, no file (on the Audit tab, with
                the entry as the timeline tells it; in the export, the evidence-request.answered entry's
                "changes" and "entries" and the report's requests section):
                  curl -s -H "Authorization: Bearer $AUDITOR" $S/api/v1/incidents/$I/evidence-requests

                The scope disagrees with the findings ON PURPOSE, to show the scope checks: it was set by
                hand (DE=1200,GB=5,US-CA=800,US-TX=300; CONTACT and PAYMENT_CARD) while the analysis counts
                far more records, an administrator's extraction, and the PII scans find contact data only,
                placed in GB and in US with no state. The obligations (their "scopeChecks", and the page), the
                incident report and the GDPR Art. 33 draft ("Scope check" gaps) say so, to each reader
                only from the findings that reader may open:
                  curl -s -H "Authorization: Bearer $COUNSEL" $S/api/v1/incidents/$I/obligations
                  ./tandem obligations --server $S --token $COUNSEL --incident $I   # deadlines, time left, notTriggered
                  ./tandem obligations --server $S --token $AUDITOR --incident $I   # status and deadlines only
                  ./tandem scope show --server $S --token $COUNSEL --incident $I    # the scope, as options to set it anew
                  ./tandem judgements record --server $S --token $COUNSEL --incident $I --question RISK --answer YES \\
                      --reason 'Names and e-mail addresses of EU customers'   # counsel's answer, privileged
                  ./tandem judgements list --server $S --token $COUNSEL --incident $I   # the answers, with reasons
                  curl -s -H "Authorization: Bearer $COUNSEL" $S/api/v1/incidents/$I/notices/gdpr-art33
                  ./tandem notice show --server $S --token $COUNSEL --incident $I   # the same: what it lacks, who edited it
                The five customers in the UK (GB=5) owe the Information Commissioner a notice of its own
                (UK GDPR Art. 33), drafted beside the GDPR one and on counsel's obligations page:
                  ./tandem notice show --server $S --token $COUNSEL --incident $I --notice uk-gdpr-art33
                A notice sent with its gaps (--incomplete: GDPR Art. 33(4), information in phases) owes the rest
                "without undue further delay": the obligations page then shows it pending, the time since the
                notice and a form to record the follow-up (the demo's notice is kept FORENSIC, its scope resting on
                a PII scan, so the gaps it owes stay privileged); from a terminal, once counsel uploaded it (ITEM):
                  ./tandem notice sent --server $S --token $COUNSEL --incident $I --incomplete
                  ./tandem evidence add --server $S --token $COUNSEL --incident $I --repository AUDIT --kind DOCUMENT FILE
                  ./tandem notice follow-up --server $S --token $COUNSEL --incident $I --evidence ITEM

                Reminders: before each deadline and before an open evidence request's due date, the
                server posts a Slack-style message to %s;
                they are printed below as they come (each is sent once).
                %n""",
                url,
                url,
                ctx.getEnvironment().getProperty("tandem.data-dir"),
                id,
                demo.incident().title(),
                demo.fresh() ? "" : " (loaded earlier)",
                demo.analysisJob() == null ? "none" : demo.analysisJob(),
                id,
                change,
                people,
                url,
                id,
                demo.privilegedItem(),
                demo.tokenOf(Role.LEGAL),
                demo.tokenOf(Role.AUDITOR),
                ctx.getBean(dev.tandem.server.ledger.Ledger.class).verifierKey(),
                url,
                id,
                demo.pulledBackItem() == null
                        ? "(none: this data directory's demo predates it)"
                        : demo.pulledBackItem(),
                url,
                changeId,
                hook != null
                        ? "the demo's own webhook, 72, 24, 4 and 1 hours ahead, looking every"
                                + " 15 s (set TANDEM_REMINDERS_WEBHOOK_URL to use yours)"
                        : "your webhook (TANDEM_REMINDERS_WEBHOOK_URL)");
        if (hook == null) return Running.awaitClose(ctx);
        hook.show();
        try (hook) {
            return Running.awaitClose(ctx);
        }
    }
}
