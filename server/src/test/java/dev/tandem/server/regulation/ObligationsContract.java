package dev.tandem.server.regulation;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.tandem.cli.TandemCommand;
import dev.tandem.server.Api;
import dev.tandem.server.FormSession;
import dev.tandem.server.TestUsers;
import dev.tandem.server.identity.Accounts;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The obligations API (docs/obligations-api.md) against a real server, run once per database by
 * {@link ObligationsH2IT} and {@link ObligationsPostgresIT}. The server's clock is a
 * {@link MutableClock}; the reminder webhook is a JDK {@link HttpServer} that records what it gets.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "tandem.admin-token=" + ObligationsContract.ADMIN_TOKEN,
            "tandem.company.name=Example Retail SE",
            "tandem.company.established=DE",
            "tandem.company.sec-registrant=true",
            "tandem.company.contact.name=Ada Lovelace",
            "tandem.company.contact.role=Data Protection Officer",
            "tandem.company.contact.email=dpo@example.com",
            "tandem.company.contact.phone=+49 30 000000",
            "tandem.reminders.lead-times=PT24H,PT4H,PT1H",
            // the tests run the job themselves, at the times they set
            "tandem.reminders.interval=PT1H",
            "logging.level.dev.tandem=WARN"
        })
@Import(TestClockConfiguration.class)
abstract class ObligationsContract {
    static final String ADMIN_TOKEN = "test-admin-token-obligations-0123456789";
    static final Instant START = Instant.parse("2026-11-26T08:00:00Z");
    static final String AWARE = "2026-11-26T08:00:00+01:00";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> CONTRACT =
            List.of("regime", "jurisdiction", "recipient", "due", "dueText", "citation", "confidence");

    static final List<String> RECEIVED = new CopyOnWriteArrayList<>();
    static final AtomicInteger WEBHOOK_STATUS = new AtomicInteger(200);
    private static HttpServer webhook;

    @DynamicPropertySource
    static synchronized void webhook(DynamicPropertyRegistry registry) throws IOException {
        if (webhook == null) {
            webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            webhook.createContext("/hook", exchange -> {
                byte[] body = exchange.getRequestBody().readAllBytes();
                int status = WEBHOOK_STATUS.get();
                if (status == 200) {
                    RECEIVED.add(new String(body, StandardCharsets.UTF_8));
                }
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
            });
            webhook.start();
        }
        int port = webhook.getAddress().getPort();
        registry.add("tandem.reminders.webhook-url", () -> "http://127.0.0.1:" + port + "/hook");
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MutableClock clock;

    @Autowired
    Reminders reminders;

    @Autowired
    Obligations obligations;

    @Autowired
    Accounts accounts;

    @Autowired
    Clock injected;

    Http http;
    Api api;
    /**
     * Counsel (LEGAL in every incident {@link #openIncident} opens): the judgements and statuses that
     * set a notice aside, and awareness moved later, are theirs alone (docs/access.md).
     */
    Http counsel;

    static final String COUNSEL = "counsel-obligations";
    private static final java.util.Map<Integer, String> COUNSEL_TOKENS = new java.util.concurrent.ConcurrentHashMap<>();

    @BeforeEach
    void connect() {
        clock.set(START);
        WEBHOOK_STATUS.set(200);
        RECEIVED.clear();
        http = new Http("http://127.0.0.1:" + port, ADMIN_TOKEN);
        api = new Api("http://127.0.0.1:" + port, ADMIN_TOKEN);
        counsel = new Http(
                "http://127.0.0.1:" + port,
                COUNSEL_TOKENS.computeIfAbsent(
                        port, p -> dev.tandem.server.TestUsers.withToken(api, accounts, COUNSEL, "obligations")));
    }

    String openIncident(String title, String awareAt) {
        String aware = awareAt == null ? "" : ",\"awareAt\":\"" + awareAt + "\"";
        var r = http.postJson(
                "/api/v1/incidents",
                "{\"title\":\"" + title + "\",\"severity\":\"HIGH\"" + aware + ",\"timeZone\":\"Europe/Berlin\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        String id = r.json().path("id").asString();
        var member = http.putJson("/api/v1/incidents/" + id + "/members/" + COUNSEL, "{\"role\":\"LEGAL\"}");
        assertThat(member.status()).as(member.body()).isEqualTo(200);
        return id;
    }

    Http.Reply putScope(String incident, String json) {
        return http.putJson("/api/v1/incidents/" + incident + "/scope", json);
    }

    /** A web form's post as the commander (the administrator opened the incident), its token exempting CSRF. */
    Api.Response postForm(String path, String form) {
        return api.send(
                "POST",
                path,
                "application/x-www-form-urlencoded",
                form.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    static final String WIDE =
            "{\"subjects\":{\"DE\":1200,\"US-CA\":800,\"US-TX\":300},\"data\":[\"CONTACT\",\"PAYMENT_CARD\"],"
                    + "\"encrypted\":false}";

    JsonNode obligationsOf(String incident) {
        var r = http.get("/api/v1/incidents/" + incident + "/obligations");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    static JsonNode find(JsonNode list, String rule, String jurisdiction) {
        for (JsonNode o : list) {
            if (o.path("rule").asString().equals(rule)
                    && o.path("jurisdiction").asString().equals(jurisdiction)) {
                return o;
            }
        }
        throw new AssertionError("no " + rule + " for " + jurisdiction + " in " + list);
    }

    static JsonNode cli(String command) {
        assertThat(command).startsWith("tandem deadlines ");
        List<String> args = new ArrayList<>(
                Arrays.asList(command.substring("tandem ".length()).split(" ")));
        var cl = TandemCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args.toArray(String[]::new));
        assertThat(exit).as(err.toString()).isIn(0, 1);
        return JSON.readTree(out.toString());
    }

    /** The contract fields of every obligation, in order: what the API and the CLI must agree on. */
    static List<List<String>> contract(JsonNode obligations) {
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode o : obligations) {
            assertThat(new ArrayList<>(o.propertyNames()).subList(0, 7)).isEqualTo(CONTRACT);
            List<String> row = new ArrayList<>();
            CONTRACT.forEach(f -> row.add(o.get(f).isNull() ? null : o.get(f).asString()));
            rows.add(row);
        }
        return rows;
    }

    /** Uploads an AUDIT document to the incident and answers its evidence id. */
    String auditDocument(String incident, String name, String text) {
        return api.postBytes(
                        "/api/v1/incidents/" + incident + "/evidence?repository=AUDIT&kind=DOCUMENT&name=" + name,
                        text.getBytes(StandardCharsets.UTF_8))
                .json()
                .path("id")
                .asString();
    }

    long treeSize() {
        return jdbc.queryForObject("SELECT tree_size FROM ledger_head WHERE id = 1", Long.class);
    }

    List<String> timelineTypes(String incident) {
        List<String> types = new ArrayList<>();
        http.get("/api/v1/incidents/" + incident + "/timeline")
                .json()
                .forEach(e -> types.add(e.path("type").asString()));
        return types;
    }

    @Test
    void theHeaderAndTheIncidentsListPutWhatIsDueImmediatelyFirst() {
        String incident = openIncident("Cards leaked", AWARE);
        assertThat(putScope(incident, WIDE).status()).isEqualTo(200);
        List<String> immediate = new ArrayList<>();
        for (JsonNode o : obligationsOf(incident).path("obligations")) {
            if (o.path("due").isNull() && o.path("dueText").asString().startsWith("immediately")) {
                immediate.add(o.path("regime").asString() + " · "
                        + o.path("jurisdiction").asString());
            }
        }
        // card data: the card brands' and the acquirer's notices are owed at once, with no fixed deadline
        assertThat(immediate).isNotEmpty();
        String page = http.get("/incidents/" + incident).body();
        String header = page.substring(page.indexOf("id=\"next-deadlines\""), page.indexOf("aria-label=\"Incident\""));
        for (String i : immediate) {
            assertThat(header).contains(i);
        }
        assertThat(header).contains("due <strong>immediately</strong>");
        // and the fixed deadlines after them: GDPR's 72 hours among them
        assertThat(header.indexOf("immediately")).isLessThan(header.indexOf("2026-11-29"));
        String list = http.get("/incidents").body();
        String row = list.substring(list.indexOf("Cards leaked"));
        row = row.substring(0, row.indexOf("</tr>"));
        assertThat(row).contains("<strong>immediately</strong>").doesNotContain("none open");
    }

    /**
     * Two scope changes at once (two scans finishing, or a scan and a person): each works out its
     * scope from the one in force. The first holds its turn until the second has been submitted and
     * a while longer; had the second read the scope outside the ledger's unit, it would have read
     * the scope before the first and written over it.
     */
    @Test
    void twoScopeChangesAtOnceEachBuildOnTheOther() throws Exception {
        String incident = openIncident("Two scans at once", AWARE);
        assertThat(putScope(incident, "{\"subjects\":{\"DE\":100},\"data\":[\"CONTACT\"],\"encrypted\":false}")
                        .status())
                .isEqualTo(200);
        java.util.concurrent.CountDownLatch firstInside = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch secondSubmitted = new java.util.concurrent.CountDownLatch(1);
        List<Long> seenBySecond = new CopyOnWriteArrayList<>();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(2)) {
            var first = pool.submit(() -> obligations.updateScope(incident, "scan-1", (current, ceiling) -> {
                firstInside.countDown();
                try {
                    assertThat(secondSubmitted.await(10, java.util.concurrent.TimeUnit.SECONDS))
                            .isTrue();
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
                return added(current.orElseThrow(), "FR", 40);
            }));
            assertThat(firstInside.await(10, java.util.concurrent.TimeUnit.SECONDS))
                    .isTrue();
            var second = pool.submit(() -> {
                secondSubmitted.countDown();
                return obligations.updateScope(incident, "scan-2", (current, ceiling) -> {
                    seenBySecond.add(
                            current.orElseThrow().scope().subjects().counts().getOrDefault("FR", 0L));
                    return added(current.orElseThrow(), "IT", 7);
                });
            });
            first.get(30, java.util.concurrent.TimeUnit.SECONDS);
            second.get(30, java.util.concurrent.TimeUnit.SECONDS);
        }
        // the second saw the first's people, and the scope in force holds both
        assertThat(seenBySecond).containsExactly(40L);
        assertThat(obligations
                        .scopeOf(incident)
                        .orElseThrow()
                        .scope()
                        .subjects()
                        .counts())
                .containsEntry("DE", 100L)
                .containsEntry("FR", 40L)
                .containsEntry("IT", 7L);
    }

    /** The scope in force with {@code n} more people in {@code jurisdiction}, resting on what it rested on. */
    private static Obligations.ScopeChange added(Obligations.StoredScope current, String jurisdiction, long n) {
        java.util.Map<String, Long> counts =
                new java.util.TreeMap<>(current.scope().subjects().counts());
        counts.merge(jurisdiction, n, Long::sum);
        Scope scope = Scope.of(counts, current.scope().data(), current.scope().encrypted());
        return new Obligations.ScopeChange(scope, current.restsOn(), null);
    }

    @Test
    void theServersClockIsTheTestsClockAndTheJobIsScheduledAtTheConfiguredInterval() {
        assertThat(injected).isSameAs(clock);
        var tasks = context.getBean(org.springframework.scheduling.config.ScheduledTaskHolder.class)
                .getScheduledTasks();
        assertThat(tasks)
                .anySatisfy(t -> assertThat(t.getTask())
                        .isInstanceOfSatisfying(org.springframework.scheduling.config.FixedDelayTask.class, d -> {
                            assertThat(d.getRunnable().toString()).contains("Reminders.scheduled");
                            assertThat(d.getIntervalDuration()).isEqualTo(Duration.ofHours(1));
                        }));
    }

    @Test
    void givesTheSameContractFieldsAsTheCliForTheSameInputs() {
        String incident = openIncident("Same as the CLI", AWARE);
        var put = putScope(incident, WIDE);
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        JsonNode server = obligationsOf(incident);
        String command = server.path("command").asString();
        assertThat(command)
                .isEqualTo("tandem deadlines --aware 2026-11-26T07:00:00Z --subjects DE=1200,US-CA=800,US-TX=300"
                        + " --data CONTACT,PAYMENT_CARD --established DE --sec-registrant --zone Europe/Berlin"
                        + " --format json");
        JsonNode cli = cli(command);
        assertThat(contract(server.path("obligations"))).isNotEmpty().isEqualTo(contract(cli.path("obligations")));
        assertThat(contract(server.path("notRequired"))).isEqualTo(contract(cli.path("notRequired")));
        assertThat(server.path("warnings")).isEqualTo(cli.path("warnings"));
        assertThat(server.path("rulesVersion")).isEqualTo(cli.path("rulesVersion"));
        assertThat(server.path("notTriggered")).isEqualTo(cli.path("notTriggered"));

        JsonNode gdpr = find(server.path("obligations"), "eu-gdpr-33-sa", "EU");
        assertThat(gdpr.path("due").asString()).isEqualTo("2026-11-29T07:00:00Z");
        assertThat(gdpr.path("dueLocal").asString()).isEqualTo("2026-11-29T08:00+01:00");
        // the one-stop shop's lead authority, as the CLI names it (GDPR Art. 56(1))
        assertThat(gdpr.path("leadAuthority").asString()).isEqualTo("DE");
        // shown where the lead authority's days end, not in Brussels
        assertThat(gdpr.path("ruleZone").asString()).isEqualTo("Europe/Berlin");
        assertThat(gdpr.path("dueRuleLocal").asString()).isEqualTo("2026-11-29T08:00+01:00");
        assertThat(find(cli.path("obligations"), "eu-gdpr-33-sa", "EU")
                        .path("leadAuthority")
                        .asString())
                .isEqualTo("DE");
        assertThat(gdpr.path("status").asString()).isEqualTo("PENDING");
        assertThat(gdpr.path("requirement").asString()).isEqualTo("REQUIRED");
        assertThat(gdpr.path("owner").isNull()).isTrue();
        assertThat(gdpr.path("missed").asBoolean()).isFalse();
        assertThat(find(server.path("obligations"), "pci-acquirer", "GLOBAL")
                        .path("status")
                        .asString())
                .isEqualTo("PENDING");
        assertThat(timelineTypes(incident)).containsSubsequence("scope.updated", "obligations.computed");
        // the computation records that zone, from which the reports show the deadline
        JsonNode added = null;
        for (JsonNode a : entriesOf(api, incident, "obligations.computed")
                .getLast()
                .path("body")
                .path("added")) {
            if (a.path("rule").asString().equals("eu-gdpr-33-sa")) added = a;
        }
        assertThat(added).isNotNull();
        assertThat(added.path("ruleZone").asString()).isEqualTo("Europe/Berlin");
    }

    /** People in Argentina (no rule), Massachusetts and New York, contact data only: Massachusetts' law not triggered. */
    static final String MA_CONTACT_ONLY =
            "{\"subjects\":{\"AR\":100,\"US-MA\":10,\"US-NY\":10},\"data\":[\"CONTACT\"],\"encrypted\":false}";

    /** Where nothing is owed, the server names the laws it checked and why, as the CLI does for the same inputs. */
    @Test
    void namesTheLawsCheckedAndNotTriggeredLikeTheCli() {
        String incident = openIncident("Checked like the CLI", AWARE);
        var put = putScope(incident, MA_CONTACT_ONLY);
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        JsonNode server = obligationsOf(incident);
        JsonNode cli = cli(server.path("command").asString());
        assertThat(server.path("notTriggered")).isNotEmpty().isEqualTo(cli.path("notTriggered"));
        assertThat(server.path("notTriggered").toString())
                .contains("\"jurisdiction\":\"US-MA\"")
                .contains("CONTACT is not among the data it is owed for");
        // data that Massachusetts' law covers: owed there, so no longer listed as not triggered
        put = putScope(
                incident,
                "{\"subjects\":{\"AR\":100,\"US-MA\":10,\"US-NY\":10},\"data\":[\"CONTACT\",\"PAYMENT_CARD\"],"
                        + "\"encrypted\":false}");
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        server = obligationsOf(incident);
        assertThat(server.path("notTriggered").toString()).doesNotContain("\"jurisdiction\":\"US-MA\"");
        assertThat(server.path("notTriggered"))
                .isEqualTo(cli(server.path("command").asString()).path("notTriggered"));
    }

    @Autowired
    dev.tandem.server.ledger.Ledger ledger;

    @Autowired
    dev.tandem.server.incident.Incidents incidents;

    @Autowired
    dev.tandem.server.evidence.Vault vault;

    @Autowired
    Company company;

    @Autowired
    JsonMapper mapper;

    @Autowired
    dev.tandem.server.access.Memberships memberships;

    /**
     * The standard rule book with Massachusetts' law covering CONTACT data too, under another version:
     * a rule book the server could be upgraded to.
     */
    static dev.tandem.regulation.RuleBook massachusettsCoversContact() throws IOException {
        JsonNode rules;
        try (var in = dev.tandem.regulation.RuleBook.class.getResourceAsStream("rules.json")) {
            rules = JSON.readTree(in);
        }
        var book = (tools.jackson.databind.node.ObjectNode) rules;
        book.put("version", rules.path("version").asString() + "-ma-contact");
        for (JsonNode rule : rules.path("rules")) {
            if (rule.path("id").asString().startsWith("us-ma-")) {
                ((tools.jackson.databind.node.ArrayNode) rule.path("trigger").path("categories")).add("CONTACT");
            }
        }
        return dev.tandem.regulation.RuleBook.load(
                new java.io.ByteArrayInputStream(JSON.writeValueAsBytes(book)), "rules.json, changed");
    }

    /** What a computation stored: each obligation's rule, jurisdiction and placement. */
    private static List<String> stored(Obligations o, String incident) {
        return o.ofIncident(incident).stream()
                .map(x -> x.ruleId() + "@" + x.jurisdiction() + ":" + x.placement())
                .sorted()
                .toList();
    }

    /**
     * The laws not triggered and the obligations come from one computation: a server upgraded to
     * another rule book shows both as they were computed until the next computation, which moves both.
     */
    @Test
    void aRuleBookChangedWithoutARecomputeLeavesTheLawsNotTriggeredWithTheirObligations() throws IOException {
        String incident = openIncident("Rule book changed", AWARE);
        var put = putScope(incident, MA_CONTACT_ONLY);
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        JsonNode before = obligationsOf(incident);
        assertThat(before.path("notTriggered").toString()).contains("\"jurisdiction\":\"US-MA\"");
        List<String> owed = stored(obligations, incident);
        assertThat(owed).noneMatch(o -> o.startsWith("us-ma-"));
        var notTriggered = obligations.notTriggered(incident).orElseThrow();

        var book = massachusettsCoversContact();
        assertThat(book.version()).isNotEqualTo(before.path("rulesVersion").asString());
        Obligations upgraded = new Obligations(
                jdbc,
                ledger,
                incidents,
                vault,
                new dev.tandem.regulation.ObligationEngine(book, injected),
                company,
                injected,
                mapper,
                memberships);
        // no recompute: both as the last computation left them, under the rule book it ran
        assertThat(upgraded.notTriggered(incident)).contains(notTriggered);
        assertThat(stored(upgraded, incident)).isEqualTo(owed);
        assertThat(upgraded.lastComputation(incident).orElseThrow().rulesVersion())
                .isEqualTo(before.path("rulesVersion").asString());

        // a recompute (the same scope set again) moves both to the new rule book's answer
        upgraded.updateScope(incident, upgraded.scopeOf(incident).orElseThrow().scope(), "ada");
        assertThat(stored(upgraded, incident)).contains("us-ma-individuals@US-MA:OWED");
        var moved = upgraded.notTriggered(incident).orElseThrow();
        assertThat(moved).noneMatch(n -> n.jurisdiction().equals("US-MA")).isNotEqualTo(notTriggered);
        // what the server answers is what was stored, whatever rule book it runs: the two agree again
        JsonNode after = obligationsOf(incident);
        assertThat(after.path("rulesVersion").asString()).isEqualTo(book.version());
        assertThat(after.path("notTriggered").toString()).doesNotContain("\"jurisdiction\":\"US-MA\"");
        assertThat(after.path("notTriggered").size()).isEqualTo(moved.size());
        assertThat(find(after.path("obligations"), "us-ma-individuals", "US-MA")
                        .path("status")
                        .asString())
                .isEqualTo("PENDING");

        // a computation made before the laws not triggered were stored: the same rule book answers for
        // them; under another, the answer says they were not kept, rather than mixing two rule books
        jdbc.update("UPDATE incident_scope SET not_triggered = NULL WHERE incident_id = ?", incident);
        assertThat(upgraded.notTriggered(incident)).contains(moved);
        JsonNode legacy = obligationsOf(incident);
        assertThat(legacy.path("notTriggered").size()).isZero();
        assertThat(legacy.path("warnings").toString())
                .contains("the laws checked and not triggered were not kept with the last computation (made under"
                        + " rule book " + book.version());
    }

    @Autowired
    ScopeChecks scopeChecks;

    /**
     * A company configured as no card merchant (a marketplace whose breach involves cards it does not
     * accept): the CLI would infer one from the card data, so the command says otherwise, and gives the
     * same obligations (it was null before).
     */
    @Test
    void aCompanyConfiguredAsNoCardMerchantIsExpressedToTheCli() {
        String incident = openIncident("A marketplace's card data", AWARE);
        Company marketplace = Company.from(new CompanyProperties(
                "Example Marketplace SE",
                List.of("DE"),
                false,
                false,
                false,
                true,
                null,
                false,
                false,
                false,
                false,
                false,
                null));
        Obligations computed = new Obligations(
                jdbc, ledger, incidents, vault, obligations.engine(), marketplace, injected, mapper, memberships);
        Scope scope = Scope.of(
                java.util.Map.of("DE", 1200L, "US-TX", 300L),
                java.util.EnumSet.of(
                        dev.tandem.regulation.DataCategory.CONTACT, dev.tandem.regulation.DataCategory.PAYMENT_CARD),
                false);
        computed.updateScope(incident, scope, "ada");
        List<List<String>> owed = new ArrayList<>();
        for (StoredObligation o : computed.ofIncident(incident)) {
            if (o.placement() == StoredObligation.Placement.OWED) {
                owed.add(Arrays.asList(
                        o.regime(),
                        o.jurisdiction(),
                        o.recipient(),
                        o.due() == null ? null : o.due().toString(),
                        o.dueText(),
                        o.citation(),
                        o.confidence()));
            }
        }
        assertThat(owed)
                .isNotEmpty()
                .noneMatch(row -> row.get(2).equals("CARD_BRANDS") || row.get(2).equals("ACQUIRER"));

        String command = new ObligationViews(computed, scopeChecks, injected, mapper)
                .command(computed.incident(incident), scope, List.of());
        assertThat(command).contains(" --no-card-merchant");
        List<List<String>> cli = new ArrayList<>(contract(cli(command).path("obligations")));
        java.util.Comparator<List<String>> byText = java.util.Comparator.comparing(List::toString);
        owed.sort(byText);
        cli.sort(byText);
        assertThat(cli).isEqualTo(owed);
        // without the option the CLI would see a card merchant and owe the card brands
        assertThat(contract(cli(command.replace(" --no-card-merchant", "")).path("obligations")))
                .anyMatch(row -> row.get(2).equals("CARD_BRANDS"));
    }

    @Test
    void recordsJudgementsWithWhoAndWhenAndRecomputesLikeTheCli() {
        String incident = openIncident("Judged", AWARE);
        putScope(incident, WIDE);
        JsonNode before = obligationsOf(incident);
        JsonNode art34 = find(before.path("obligations"), "eu-gdpr-34-individuals", "EU");
        assertThat(art34.path("requirement").asString()).isEqualTo("CONDITIONAL");
        JsonNode sec = find(before.path("obligations"), "us-sec-8k-105", "US");
        assertThat(sec.path("due").isNull()).isTrue();

        clock.set(Instant.parse("2026-11-27T15:30:00Z"));
        var r = http.postJson(
                "/api/v1/incidents/" + incident + "/judgements",
                "{\"question\":\"HIGH_RISK\",\"answer\":\"YES\",\"reason\":\"card numbers with names\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        var m = http.postJson(
                "/api/v1/incidents/" + incident + "/judgements",
                "{\"question\":\"material\",\"answer\":\"yes\",\"reason\":\"disclosure committee, 27 Nov\"}");
        assertThat(m.status()).as(m.body()).isEqualTo(201);

        JsonNode judgements =
                http.get("/api/v1/incidents/" + incident + "/judgements").json().path("judgements");
        assertThat(judgements).hasSize(2);
        assertThat(judgements.get(0).path("decidedBy").asString()).isEqualTo("admin");
        assertThat(judgements.get(0).path("decidedAt").asString()).isEqualTo("2026-11-27T15:30:00Z");

        JsonNode after = obligationsOf(incident);
        JsonNode art34After = find(after.path("obligations"), "eu-gdpr-34-individuals", "EU");
        assertThat(art34After.path("id").asString()).isEqualTo(art34.path("id").asString());
        assertThat(art34After.path("requirement").asString()).isEqualTo("REQUIRED");
        assertThat(art34After.path("question").path("answer").asString()).isEqualTo("YES");
        assertThat(art34After.path("question").path("decidedBy").asString()).isEqualTo("admin");
        // Form 8-K Item 1.05: four business days from the determination (Fri 27 Nov -> Thu 3 Dec)
        JsonNode secAfter = find(after.path("obligations"), "us-sec-8k-105", "US");
        assertThat(secAfter.path("due").asString()).startsWith("2026-12-0");
        String command = after.path("command").asString();
        assertThat(command).contains("--decide HIGH_RISK=YES@2026-11-27T15:30:00Z,MATERIAL=YES@2026-11-27T15:30:00Z");
        JsonNode cli = cli(command);
        assertThat(contract(after.path("obligations"))).isEqualTo(contract(cli.path("obligations")));

        // a NO sets Art. 34 aside, visibly, with the reason
        counsel.postJson(
                "/api/v1/incidents/" + incident + "/judgements",
                "{\"question\":\"HIGH_RISK\",\"answer\":\"NO\",\"reason\":\"tokens only, no card numbers\"}");
        JsonNode setAside = obligationsOf(incident);
        JsonNode art34No = find(setAside.path("notRequired"), "eu-gdpr-34-individuals", "EU");
        assertThat(art34No.path("id").asString()).isEqualTo(art34.path("id").asString());
        assertThat(art34No.path("basis").asString()).contains("tokens only");
        assertThat(timelineTypes(incident)).containsSubsequence("judgement.recorded", "obligations.computed");
    }

    @Test
    void theIncidentsDeterminationAndUnauthorizedAccessMoveTheClocksLikeTheCli() {
        // C.R.S. 6-1-716(2): 30 days after the determination that a breach occurred; PIPA Art. 34(3) with
        // Enforcement Decree Art. 40: a leak by unauthorized access is reported whatever its size (the
        // version of the Act as amended in 2026 applies to this November 2026 incident: kr-pipa-pipc@2026).
        String incident = openIncident("Facts of the incident", AWARE);
        String facts = "/api/v1/incidents/" + incident + "/facts";
        var unset = http.get(facts);
        assertThat(unset.status()).as(unset.body()).isEqualTo(200);
        assertThat(unset.json().path("set").asBoolean()).isFalse();
        assertThat(unset.json().path("determinedAt").isNull()).isTrue();
        // without a scope the facts are kept, nothing is computed yet
        var early = http.putJson(facts, "{\"unauthorizedAccess\":false}");
        assertThat(early.status()).as(early.body()).isEqualTo(200);
        assertThat(early.json().path("recomputed").asBoolean()).isFalse();

        var put = putScope(
                incident, "{\"subjects\":{\"KR\":10,\"US-CO\":600},\"data\":[\"CONTACT\",\"FINANCIAL_ACCOUNT\"]}");
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        JsonNode before = obligationsOf(incident);
        assertThat(before.path("obligations").toString()).doesNotContain("kr-pipa-pipc");
        JsonNode co = find(before.path("obligations"), "us-co-individuals", "US-CO");
        // aware Thu 26 Nov 00:00 in Denver: 30 days from awareness until a determination time is given
        assertThat(co.path("due").asString()).isEqualTo("2026-12-27T06:59:59Z");

        clock.set(Instant.parse("2026-11-28T09:00:00Z"));
        // a determination after awareness moves clocks later: counsel's (docs/access.md)
        var set =
                counsel.putJson(facts, "{\"determinedAt\":\"2026-11-27T11:00:00-07:00\",\"unauthorizedAccess\":true}");
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        assertThat(set.json().path("recomputed").asBoolean()).isTrue();
        assertThat(set.json().path("facts").path("determinedAt").asString()).isEqualTo("2026-11-27T18:00:00Z");
        JsonNode after = obligationsOf(incident);
        JsonNode coAfter = find(after.path("obligations"), "us-co-individuals", "US-CO");
        assertThat(coAfter.path("id").asString()).isEqualTo(co.path("id").asString());
        assertThat(coAfter.path("due").asString()).isEqualTo("2026-12-28T06:59:59Z");
        JsonNode pipc = find(after.path("obligations"), "kr-pipa-pipc@2026", "KR");
        assertThat(pipc.path("due").asString()).isEqualTo("2026-11-29T07:00:00Z");
        String command = after.path("command").asString();
        assertThat(command).contains("--unauthorized-access --determined 2026-11-27T18:00:00Z");
        assertThat(contract(after.path("obligations")))
                .isEqualTo(contract(cli(command).path("obligations")));

        JsonNode read = http.get(facts).json();
        assertThat(read.path("set").asBoolean()).isTrue();
        assertThat(read.path("unauthorizedAccess").asBoolean()).isTrue();
        assertThat(read.path("updatedBy").asString()).isEqualTo(COUNSEL);
        assertThat(read.path("updatedAt").asString()).isEqualTo("2026-11-28T09:00:00Z");
        JsonNode entry = null;
        for (JsonNode e :
                http.get("/api/v1/incidents/" + incident + "/timeline").json()) {
            if (e.path("type").asString().equals("incident.facts-set")) {
                entry = e;
            }
        }
        assertThat(entry).isNotNull();
        assertThat(entry.path("index").asLong())
                .isEqualTo(read.path("ledgerIndex").asLong());
        // counsel's determinations are privileged: the public leaf (what the auditor, the ledger's
        // readers and the export bag get) holds a commitment and no value
        long at = entry.path("index").asLong();
        JsonNode leaf = http.get("/api/v1/ledger/entries?from=" + at + "&to=" + (at + 1))
                .json()
                .get(0)
                .path("entry");
        assertThat(leaf.path("type").asString()).isEqualTo("incident.facts-set");
        assertThat(leaf.path("body").propertyNames()).contains("commitment");
        assertThat(leaf.toString()).doesNotContain("determinedAt").doesNotContain("2026-11-27T18:00:00Z");
        assertThat(timelineTypes(incident))
                .containsSubsequence(
                        "incident.facts-set", "scope.updated", "incident.facts-set", "obligations.computed");

        // clearing the determination returns the clock to awareness, and the smaller leak to no PIPC report
        // (taking the unauthorized access back ends a report: counsel's)
        var cleared = counsel.putJson(facts, "{\"determinedAt\":null,\"unauthorizedAccess\":false}");
        assertThat(cleared.status()).as(cleared.body()).isEqualTo(200);
        JsonNode again = obligationsOf(incident);
        assertThat(find(again.path("obligations"), "us-co-individuals", "US-CO")
                        .path("due")
                        .asString())
                .isEqualTo("2026-12-27T06:59:59Z");
        assertThat(find(again.path("superseded"), "kr-pipa-pipc@2026", "KR")
                        .path("id")
                        .asString())
                .isEqualTo(pipc.path("id").asString());
    }

    /** The ledger's entry at {@code index}, as {@code caller} reads it from the ledger's entries. */
    static JsonNode ledgerEntry(Api caller, long index) {
        var r = caller.get("/api/v1/ledger/entries?from=" + index + "&to=" + (index + 1));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get(0).path("entry");
    }

    /** The incident's timeline entries of {@code type}, as {@code caller} gets them. */
    static List<JsonNode> entriesOf(Api caller, String incident, String type) {
        var r = caller.get("/api/v1/incidents/" + incident + "/timeline");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<JsonNode> out = new ArrayList<>();
        r.json().forEach(e -> {
            if (e.path("type").asString().equals(type)) {
                out.add(e);
            }
        });
        return out;
    }

    @Test
    void recomputationsThatTellCounselsFactsAreCommitmentsTheAuditorCannotOpen() throws Exception {
        // C.R.S. 6-1-716(2): the Colorado notice is due 30 days after the determination, so a public
        // deadline of it tells counsel's privileged determination to the day
        String incident = openIncident("Determination stays privileged", AWARE);
        api.postJson("/api/v1/users", "{\"username\":\"auditor-facts\"}");
        assertThat(api.putJson("/api/v1/incidents/" + incident + "/members/auditor-facts", "{\"role\":\"AUDITOR\"}")
                        .status())
                .isEqualTo(200);
        Api auditor = api.as(TestUsers.token(accounts, "auditor-facts", "facts"));
        var put = putScope(incident, "{\"subjects\":{\"US-CO\":600},\"data\":[\"CONTACT\",\"FINANCIAL_ACCOUNT\"]}");
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        // computed from awareness alone: nothing of counsel's in it, public as before
        assertThat(entriesOf(auditor, incident, "obligations.computed")
                        .getLast()
                        .path("privileged")
                        .asBoolean())
                .isFalse();

        clock.set(Instant.parse("2026-11-28T09:00:00Z"));
        String facts = "/api/v1/incidents/" + incident + "/facts";
        var set = counsel.putJson(facts, "{\"determinedAt\":\"2026-11-27T11:00:00-07:00\"}");
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        String due = find(set.json().path("obligations"), "us-co-individuals", "US-CO")
                .path("due")
                .asString();
        assertThat(due).isEqualTo("2026-12-28T06:59:59Z");
        // a later recomputation while the determination is in force carries the same deadline
        var judged = http.postJson(
                "/api/v1/incidents/" + incident + "/judgements",
                "{\"question\":\"RISK\",\"answer\":\"YES\",\"reason\":\"r\",\"privileged\":false}");
        assertThat(judged.status()).as(judged.body()).isEqualTo(201);

        List<JsonNode> computed = entriesOf(auditor, incident, "obligations.computed");
        assertThat(computed).hasSize(3);
        for (JsonNode e : computed.subList(1, 3)) {
            assertThat(e.path("privileged").asBoolean()).as(e.toString()).isTrue();
            assertThat(e.has("opened")).isFalse();
            assertThat(e.toString())
                    .doesNotContain("2026-12-28")
                    .doesNotContain("incident.facts-set")
                    .doesNotContain("determines");
            JsonNode leaf = ledgerEntry(auditor, e.path("index").asLong());
            assertThat(leaf.path("type").asString()).isEqualTo("obligations.computed");
            assertCommitment(leaf.path("body"));
        }
        // nor does the auditor's obligation list, or one obligation, give the deadline's date
        var seen = auditor.get("/api/v1/incidents/" + incident + "/obligations");
        assertThat(seen.status()).isEqualTo(200);
        assertThat(seen.body()).doesNotContain("2026-12-28");
        JsonNode co = null;
        for (JsonNode o : seen.json().path("obligations")) {
            if (o.path("jurisdiction").asString().equals("US-CO")
                    && o.path("recipient").asString().equals("INDIVIDUALS")) {
                co = o;
            }
        }
        assertThat(co).as(seen.body()).isNotNull();
        assertThat(co.path("due").isNull()).as(co.toString()).isTrue();
        assertThat(co.path("dueText").asString()).contains("the date is withheld");
        // nor the incident's pages: the header's next deadlines, the incidents list, the obligations page
        for (String page : List.of("/incidents/" + incident, "/incidents", "/incidents/" + incident + "/obligations")) {
            var html = auditor.get(page);
            assertThat(html.status()).as(page).isEqualTo(200);
            assertThat(html.body()).as(page).doesNotContain("2026-12-28");
        }
        var one = auditor.get("/api/v1/obligations/" + co.path("id").asString());
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.body()).doesNotContain("2026-12-28");
        assertThat(find(
                                http.get("/api/v1/incidents/" + incident + "/obligations")
                                        .json()
                                        .path("obligations"),
                                "us-co-individuals",
                                "US-CO")
                        .path("due")
                        .asString())
                .isEqualTo(due);

        // the incident commander (the creator) opens them
        JsonNode opened = entriesOf(api, incident, "obligations.computed").get(1);
        assertThat(opened.path("opened").path("trigger").asString()).isEqualTo("incident.facts-set");
        assertThat(opened.path("opened").toString()).contains(due);

        // a reminder of the deadline goes to the team, but even a sealed ledger entry of it would tell
        // the deadline by its public time (a lead time before it): it is kept out of the ledger
        clock.set(Instant.parse("2026-12-27T07:00:00Z"));
        reminders.run();
        String coId = co.path("id").asString();
        assertThat(RECEIVED).anyMatch(m -> m.contains("US-CO"));
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM obligation_reminder WHERE obligation_id = ? AND ledger_index IS NULL",
                        Integer.class,
                        coId))
                .isPositive();
        assertThat(entriesOf(api, incident, "obligation.reminded").toString()).doesNotContain(coId);
        assertThat(entriesOf(auditor, incident, "obligation.reminded").toString())
                .doesNotContain("2026-12-28");

        // clearing the determination moves the deadline back from the determination's: that entry
        // tells the determination as its previousDue, so it is privileged too
        clock.set(Instant.parse("2026-12-27T08:00:00Z"));
        assertThat(http.putJson(facts, "{\"determinedAt\":null}").status()).isEqualTo(200);
        assertThat(entriesOf(auditor, incident, "obligations.computed")
                        .getLast()
                        .path("privileged")
                        .asBoolean())
                .isTrue();
        // with no facts of counsel's in force or replaced, a recomputation is public again
        assertThat(putScope(incident, "{\"subjects\":{\"US-CO\":700},\"data\":[\"CONTACT\",\"FINANCIAL_ACCOUNT\"]}")
                        .status())
                .isEqualTo(200);
        JsonNode last = entriesOf(auditor, incident, "obligations.computed").getLast();
        assertThat(last.path("privileged").asBoolean()).isFalse();
        assertThat(last.path("body").path("trigger").asString()).isEqualTo("scope.updated");

        // the auditor's export bag: no leaf, report or file says the determination's deadline
        HttpResponse<byte[]> bag = auditor.getBytes("/api/v1/incidents/" + incident + "/export");
        assertThat(bag.statusCode()).isEqualTo(200);
        java.util.Map<String, byte[]> files = new java.util.TreeMap<>();
        try (var zip = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(bag.body()))) {
            java.util.zip.ZipEntry f;
            while ((f = zip.getNextEntry()) != null) {
                files.put(f.getName(), zip.readAllBytes());
            }
        }
        assertThat(files.keySet()).anyMatch(n -> n.endsWith("data/ledger/entries.jsonl"));
        for (var f : files.entrySet()) {
            String text = new String(f.getValue(), StandardCharsets.UTF_8);
            assertThat(text).as(f.getKey()).doesNotContain("2026-12-28T06:59:59");
            if (f.getKey().endsWith("data/ledger/entries.jsonl")) {
                for (String line : text.lines().toList()) {
                    String leaf = new String(
                            java.util.Base64.getDecoder()
                                    .decode(JSON.readTree(line).path("leaf").asString()),
                            StandardCharsets.UTF_8);
                    assertThat(leaf).doesNotContain("2026-12-28").doesNotContain("2026-11-27T18:00:00Z");
                }
            }
        }
    }

    /** The auditor's view of an owed obligation of the incident, found by regime and jurisdiction. */
    static JsonNode auditorsView(Api auditor, String incident, String regime, String jurisdiction) {
        var seen = auditor.get("/api/v1/incidents/" + incident + "/obligations");
        assertThat(seen.status()).as(seen.body()).isEqualTo(200);
        for (JsonNode o : seen.json().path("obligations")) {
            if (o.path("regime").asString().equals(regime)
                    && o.path("jurisdiction").asString().equals(jurisdiction)) {
                return o;
            }
        }
        throw new AssertionError("no " + regime + " for " + jurisdiction + " in " + seen.body());
    }

    Api auditorOf(String incident, String username) {
        api.postJson("/api/v1/users", "{\"username\":\"" + username + "\"}");
        assertThat(api.putJson("/api/v1/incidents/" + incident + "/members/" + username, "{\"role\":\"AUDITOR\"}")
                        .status())
                .isEqualTo(200);
        return api.as(TestUsers.token(accounts, username, "withheld"));
    }

    /** Records MATERIAL YES decided at {@code decidedAt} and answers the Form 8-K deadline the team reads. */
    String materialYes(String incident, String decidedAt, String more) {
        var r = http.postJson(
                "/api/v1/incidents/" + incident + "/judgements",
                "{\"question\":\"MATERIAL\",\"answer\":\"YES\",\"reason\":\"disclosure committee\","
                        + "\"decidedAt\":\"" + decidedAt + "\"" + more + "}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return find(obligationsOf(incident).path("obligations"), "us-sec-8k-105", "US")
                .path("due")
                .asString();
    }

    /**
     * The stored list is in deadline order: a withheld deadline left in its place between two public
     * ones would give the auditor counsel's determination to within a day (Tex. Bus. & Com. Code
     * 521.053: 60 days after it, between Australia's 30-day assessment and California's notice).
     */
    @Test
    void theAuditorsListDoesNotPlaceAWithheldDeadlineByItsDate() {
        String incident = openIncident("Order tells nothing", AWARE);
        Api auditor = auditorOf(incident, "auditor-order");
        var put = putScope(
                incident, "{\"subjects\":{\"US-CA\":600,\"US-TX\":300,\"AU\":25},\"data\":[\"GOVERNMENT_ID\"]}");
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        clock.set(Instant.parse("2026-12-01T09:00:00Z"));
        String facts = "/api/v1/incidents/" + incident + "/facts";
        List<String> orders = new ArrayList<>();
        for (String determined : List.of("2026-11-26T09:00:00+01:00", "2026-11-30T09:00:00+01:00")) {
            var set = counsel.putJson(facts, "{\"determinedAt\":\"" + determined + "\"}");
            assertThat(set.status()).as(set.body()).isEqualTo(200);
            var seen = auditor.get("/api/v1/incidents/" + incident + "/obligations");
            assertThat(seen.status()).isEqualTo(200);
            StringBuilder order = new StringBuilder();
            int withheld = 0;
            for (JsonNode o : seen.json().path("obligations")) {
                boolean isWithheld = o.path("dueText").asString().contains("the date is withheld");
                assertThat(isWithheld || withheld == 0)
                        .as("a public deadline after a withheld one: " + seen.body())
                        .isTrue();
                withheld += isWithheld ? 1 : 0;
                order.append(o.path("jurisdiction").asString())
                        .append(' ')
                        .append(o.path("recipient").asString())
                        .append("; ");
            }
            assertThat(withheld).as(seen.body()).isPositive();
            orders.add(order.toString());
        }
        assertThat(orders.get(1)).isEqualTo(orders.get(0));
    }

    @Test
    void aDeadlineThatRunsFromAPrivilegedJudgementIsWithheldFromTheAuditor() {
        // Form 8-K Item 1.05: four business days after the registrant determines the incident is
        // material. A privileged MATERIAL judgement seals its decision time; the deadline would tell it
        String incident = openIncident("Materiality stays privileged", AWARE);
        Api auditor = auditorOf(incident, "auditor-material");
        assertThat(putScope(incident, WIDE).status()).isEqualTo(200);
        clock.set(Instant.parse("2026-11-28T09:00:00Z"));
        String due = materialYes(incident, "2026-11-27T15:30:00Z", "");
        assertThat(due).startsWith("2026-12-0");
        JsonNode seen = auditorsView(auditor, incident, "SEC Form 8-K Item 1.05", "US");
        assertThat(seen.path("due").isNull()).as(seen.toString()).isTrue();
        assertThat(seen.path("dueText").asString()).contains("the date is withheld");
        assertThat(auditor.get("/api/v1/incidents/" + incident + "/obligations").body())
                .doesNotContain(due);
        JsonNode computed = entriesOf(auditor, incident, "obligations.computed").getLast();
        assertThat(computed.path("privileged").asBoolean())
                .as(computed.toString())
                .isTrue();
        assertThat(computed.toString()).doesNotContain(due);
        for (String page : List.of("/incidents/" + incident, "/incidents", "/incidents/" + incident + "/obligations")) {
            assertThat(auditor.get(page).body()).as(page).doesNotContain(due.substring(0, 10) + "T");
        }

        // a public judgement on the question: its deadline is the auditor's to read, but the entry that
        // quotes the sealed deadline as the previous one stays sealed
        clock.set(Instant.parse("2026-12-01T09:00:00Z"));
        String publicDue = materialYes(incident, "2026-11-30T10:00:00Z", ",\"privileged\":false");
        assertThat(publicDue).isNotEqualTo(due);
        assertThat(auditorsView(auditor, incident, "SEC Form 8-K Item 1.05", "US")
                        .path("due")
                        .asString())
                .isEqualTo(publicDue);
        assertThat(entriesOf(auditor, incident, "obligations.computed")
                        .getLast()
                        .path("privileged")
                        .asBoolean())
                .isTrue();
        // with nothing sealed in it or quoted by it, a recomputation is public again
        assertThat(putScope(incident, WIDE.replace("1200", "1300")).status()).isEqualTo(200);
        assertThat(entriesOf(auditor, incident, "obligations.computed")
                        .getLast()
                        .path("privileged")
                        .asBoolean())
                .isFalse();
    }

    @Test
    void aSupersededDeadlineFromTheDeterminationStaysWithheldAfterTheDeterminationIsCleared() {
        String incident = openIncident("Superseded determination deadline", AWARE);
        Api auditor = auditorOf(incident, "auditor-superseded");
        assertThat(putScope(
                                incident,
                                "{\"subjects\":{\"US-CO\":600,\"DE\":10},\"data\":[\"CONTACT\","
                                        + "\"FINANCIAL_ACCOUNT\"]}")
                        .status())
                .isEqualTo(200);
        clock.set(Instant.parse("2026-11-28T09:00:00Z"));
        String facts = "/api/v1/incidents/" + incident + "/facts";
        assertThat(counsel.putJson(facts, "{\"determinedAt\":\"2026-11-27T11:00:00-07:00\"}")
                        .status())
                .isEqualTo(200);
        String due = find(obligationsOf(incident).path("obligations"), "us-co-individuals", "US-CO")
                .path("due")
                .asString();
        assertThat(due).isEqualTo("2026-12-28T06:59:59Z");
        // Colorado leaves the scope: the row is superseded with the deadline it had
        assertThat(putScope(incident, "{\"subjects\":{\"DE\":10},\"data\":[\"CONTACT\",\"FINANCIAL_ACCOUNT\"]}")
                        .status())
                .isEqualTo(200);
        assertThat(http.putJson(facts, "{\"determinedAt\":null}").status()).isEqualTo(200);
        var all = http.get("/api/v1/incidents/" + incident + "/obligations").body();
        assertThat(all).as("the superseded row keeps its deadline for the team").contains(due);
        var seen = auditor.get("/api/v1/incidents/" + incident + "/obligations");
        assertThat(seen.body())
                .contains("Colorado breach law", "the date is withheld")
                .doesNotContain(due);
    }

    @Test
    void rejectsBadIncidentFactsNamingTheFieldAndWritesNothing() {
        String incident = openIncident("Bad facts", AWARE);
        String facts = "/api/v1/incidents/" + incident + "/facts";
        long size = treeSize();
        var before = http.putJson(facts, "{\"determinedAt\":\"2026-11-26T06:59:59Z\"}");
        assertThat(before.status()).isEqualTo(422);
        assertThat(before.json().path("detail").asString()).contains("determinedAt", "before the incident's awareness");
        var future = http.putJson(facts, "{\"determinedAt\":\"2026-12-01T00:00:00Z\"}");
        assertThat(future.status()).isEqualTo(422);
        assertThat(future.json().path("detail").asString()).contains("determinedAt", "in the future");
        var unreadable = http.putJson(facts, "{\"determinedAt\":\"yesterday\"}");
        assertThat(unreadable.status()).isEqualTo(422);
        assertThat(unreadable.json().path("detail").asString()).contains("determinedAt", "'yesterday'");
        var noOffset = http.putJson(facts, "{\"determinedAt\":\"2026-11-26T09:00:00\"}");
        assertThat(noOffset.status()).isEqualTo(422);
        var flag = http.putJson(facts, "{\"unauthorizedAccess\":\"yes\"}");
        assertThat(flag.status()).isEqualTo(422);
        assertThat(flag.json().path("detail").asString()).contains("unauthorizedAccess");
        var unknown = http.putJson(facts, "{\"hacked\":true}");
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.json().path("detail").asString()).contains("'hacked'");
        assertThat(http.putJson("/api/v1/incidents/no-such/facts", "{}").status())
                .isEqualTo(404);
        assertThat(treeSize()).isEqualTo(size);
        assertThat(http.get(facts).json().path("set").asBoolean()).isFalse();
    }

    @Test
    void rejectsBadJudgementsByFieldAndWritesNothing() {
        String incident = openIncident("Bad judgements", AWARE);
        long size = treeSize();
        var unknown = http.postJson(
                "/api/v1/incidents/" + incident + "/judgements",
                "{\"question\":\"VIBES\",\"answer\":\"YES\",\"reason\":\"x\"}");
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.json().path("detail").asString()).contains("VIBES");
        var answer = http.postJson(
                "/api/v1/incidents/" + incident + "/judgements",
                "{\"question\":\"RISK\",\"answer\":\"MAYBE\",\"reason\":\"x\"}");
        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.json().path("detail").asString()).contains("MAYBE");
        var reason = counsel.postJson(
                "/api/v1/incidents/" + incident + "/judgements", "{\"question\":\"RISK\",\"answer\":\"NO\"}");
        assertThat(reason.status()).isEqualTo(422);
        assertThat(reason.json().path("detail").asString()).contains("reason");
        assertThat(counsel.postJson(
                                "/api/v1/incidents/00000000-0000-0000-0000-000000000000/judgements",
                                "{\"question\":\"RISK\",\"answer\":\"NO\",\"reason\":\"x\"}")
                        .status())
                .isEqualTo(404);
        assertThat(treeSize()).isEqualTo(size);
    }

    @Test
    void aJudgementsTimeMayBeEarlierThanItsRecordingAndStartsTheClockThen() {
        // the disclosure committee decided at 15:30 UTC on Friday; the decision is recorded on Monday
        String incident = openIncident("Judged late", AWARE);
        putScope(incident, WIDE);
        clock.set(Instant.parse("2026-11-30T09:00:00Z"));
        var m = http.postJson(
                "/api/v1/incidents/" + incident + "/judgements",
                "{\"question\":\"MATERIAL\",\"answer\":\"YES\",\"reason\":\"disclosure committee\","
                        + "\"decidedAt\":\"2026-11-27T10:30:00-05:00\"}");
        assertThat(m.status()).as(m.body()).isEqualTo(201);
        JsonNode judgement = http.get("/api/v1/incidents/" + incident + "/judgements")
                .json()
                .path("judgements")
                .get(0);
        assertThat(judgement.path("decidedAt").asString()).isEqualTo("2026-11-27T15:30:00Z");
        JsonNode after = obligationsOf(incident);
        // Form 8-K Item 1.05: four business days from Friday's decision, not from Monday's recording
        assertThat(find(after.path("obligations"), "us-sec-8k-105", "US")
                        .path("due")
                        .asString())
                .isEqualTo("2026-12-03T22:30:00Z");
        String command = after.path("command").asString();
        assertThat(command).contains("MATERIAL=YES@2026-11-27T15:30:00Z");
        assertThat(contract(after.path("obligations")))
                .isEqualTo(contract(cli(command).path("obligations")));
    }

    @Test
    void contradictoryJudgementsOnRiskAndHighRiskKeepBothGdprNoticesOwedAndSaySo() {
        // RISK NO recorded (decided now), then HIGH_RISK YES recorded with an earlier, back-dated
        // decidedAt: the latest recorded answer per question counts, so both are in force and contradict
        String incident = openIncident("Contradiction", AWARE);
        putScope(incident, WIDE);
        String judgements = "/api/v1/incidents/" + incident + "/judgements";
        clock.set(Instant.parse("2026-12-06T09:00:00Z"));
        var no = counsel.postJson(judgements, "{\"question\":\"RISK\",\"answer\":\"NO\",\"reason\":\"hashed\"}");
        assertThat(no.status()).as(no.body()).isEqualTo(201);
        clock.set(Instant.parse("2026-12-06T10:00:00Z"));
        var high = http.postJson(
                judgements,
                "{\"question\":\"HIGH_RISK\",\"answer\":\"YES\",\"reason\":\"DPO decided at the Friday call\","
                        + "\"decidedAt\":\"2026-12-04T15:00:00Z\"}");
        assertThat(high.status()).as(high.body()).isEqualTo(201);

        JsonNode after = obligationsOf(incident);
        assertThat(find(after.path("obligations"), "eu-gdpr-33-sa", "EU")
                        .path("requirement")
                        .asString())
                .isEqualTo("REQUIRED");
        JsonNode art34 = find(after.path("obligations"), "eu-gdpr-34-individuals", "EU");
        assertThat(art34.path("requirement").asString()).isEqualTo("REQUIRED");
        String named = "RISK NO (decided at 2026-12-06T09:00:00Z, recorded at 2026-12-06T09:00:00Z, by "
                + COUNSEL + ")"
                + " and HIGH_RISK YES (decided at 2026-12-04T15:00:00Z, recorded at 2026-12-06T10:00:00Z, by"
                + " admin) contradict each other";
        assertThat(art34.path("basis").asString()).contains(named);
        List<String> warnings = new ArrayList<>();
        after.path("warnings").forEach(w -> warnings.add(w.asString()));
        assertThat(warnings).anyMatch(w -> w.contains(named) && w.contains("record one consistent answer"));
        assertThat(after.path("notRequired"))
                .noneMatch(o -> o.path("rule").asString().startsWith("eu-gdpr-3"));

        // counsel resolves it: RISK YES recorded after; the warning goes
        clock.set(Instant.parse("2026-12-06T11:00:00Z"));
        var yes = http.postJson(
                judgements, "{\"question\":\"RISK\",\"answer\":\"YES\",\"reason\":\"the high risk stands\"}");
        assertThat(yes.status()).as(yes.body()).isEqualTo(201);
        JsonNode resolved = obligationsOf(incident);
        resolved.path("warnings").forEach(w -> assertThat(w.asString()).doesNotContain("conflicting judgements"));
        assertThat(find(resolved.path("obligations"), "eu-gdpr-33-sa", "EU")
                        .path("requirement")
                        .asString())
                .isEqualTo("REQUIRED");
    }

    @Test
    void anIncidentZoneThatIsAFixedOffsetIsNamedInAWarningAndAZoneUsesItsRules() {
        // Vermont's 14 business days end at 23:59:59 Eastern on 2027-03-19, after summer time began
        clock.set(Instant.parse("2027-02-26T16:00:00Z"));
        String scope = "{\"subjects\":{\"US-VT\":10},\"data\":[\"GOVERNMENT_ID\"]}";
        List<String> dueLocal = new ArrayList<>();
        List<String> ruleLocal = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (String zone : List.of("America/New_York", "-05:00")) {
            var r = http.postJson(
                    "/api/v1/incidents",
                    "{\"title\":\"Vermont\",\"severity\":\"HIGH\",\"awareAt\":\"2027-02-26T10:00:00-05:00\","
                            + "\"timeZone\":\"America/New_York\"}");
            assertThat(r.status()).as(r.body()).isEqualTo(201);
            String incident = r.json().path("id").asString();
            // new incidents refuse a fixed offset (422 bad-time-zone); one opened before that keeps its
            jdbc.update("UPDATE incident SET time_zone = ? WHERE id = ?", zone, incident);
            assertThat(putScope(incident, scope).status()).isEqualTo(200);
            JsonNode list = obligationsOf(incident);
            dueLocal.add(find(list.path("obligations"), "us-vt-ag", "US-VT")
                    .path("dueLocal")
                    .asString());
            JsonNode vt = find(list.path("obligations"), "us-vt-ag", "US-VT");
            ruleLocal.add(vt.path("ruleZone").asString() + " "
                    + vt.path("dueRuleLocal").asString());
            warnings.add(list.path("warnings").toString());
        }
        assertThat(dueLocal).containsExactly("2027-03-19T23:59:59-04:00", "2027-03-19T22:59:59-05:00");
        // where Vermont's days end, whatever the incident's zone: the last day, 23:59:59
        assertThat(ruleLocal)
                .containsExactly(
                        "America/New_York 2027-03-19T23:59:59-04:00", "America/New_York 2027-03-19T23:59:59-04:00");
        assertThat(warnings.get(0)).doesNotContain("fixed offset");
        assertThat(warnings.get(1)).contains("the incident's time zone -05:00 is a fixed offset");
    }

    @Test
    void awarenessIsSetLaterOrCorrectedAndTheDeadlinesMoveWithIt() {
        // opened over the API without awareness: no deadline can run yet
        String incident = openIncident("Aware later", null);
        String awareness = "/api/v1/incidents/" + incident + "/awareness";
        assertThat(putScope(incident, WIDE).status()).isEqualTo(422);
        long before = treeSize();
        var noReason = http.putJson(awareness, "{\"awareAt\":\"2026-11-26T08:00:00+01:00\"}");
        assertThat(noReason.status()).isEqualTo(422);
        assertThat(noReason.json().path("detail").asString()).startsWith("reason:");
        var future = http.putJson(awareness, "{\"awareAt\":\"2099-01-01T00:00:00Z\",\"reason\":\"typo\"}");
        assertThat(future.status()).isEqualTo(422);
        assertThat(future.json().path("type").asString()).isEqualTo("urn:tandem:problem:bad-aware-at");
        var noOffset = http.putJson(awareness, "{\"awareAt\":\"2026-11-26T08:00:00\",\"reason\":\"x\"}");
        assertThat(noOffset.status()).isEqualTo(422);
        assertThat(noOffset.json().path("detail").asString()).contains("awareAt");
        assertThat(treeSize()).isEqualTo(before);

        var set = http.putJson(
                awareness, "{\"awareAt\":\"2026-11-26T08:00:00+01:00\",\"reason\":\"the DPO confirmed the leak\"}");
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        assertThat(set.json().path("recomputed").asBoolean()).isFalse();
        assertThat(http.get("/api/v1/incidents/" + incident)
                        .json()
                        .path("awareAt")
                        .asString())
                .isEqualTo("2026-11-26T07:00:00Z");
        assertThat(putScope(incident, WIDE).status()).isEqualTo(200);
        assertThat(find(obligationsOf(incident).path("obligations"), "eu-gdpr-33-sa", "EU")
                        .path("due")
                        .asString())
                .isEqualTo("2026-11-29T07:00:00Z");

        // corrected an hour earlier: the 72 hours move with it, in the same ledger unit
        var corrected = http.putJson(
                awareness, "{\"awareAt\":\"2026-11-26T07:00:00+01:00\",\"reason\":\"the first alert was at 07:00\"}");
        assertThat(corrected.status()).as(corrected.body()).isEqualTo(200);
        assertThat(corrected.json().path("recomputed").asBoolean()).isTrue();
        assertThat(find(corrected.json().path("obligations"), "eu-gdpr-33-sa", "EU")
                        .path("due")
                        .asString())
                .isEqualTo("2026-11-29T06:00:00Z");
        List<String> types = new ArrayList<>();
        http.get("/api/v1/incidents/" + incident + "/timeline")
                .json()
                .forEach(e -> types.add(e.path("type").asString()));
        assertThat(types).containsSubsequence("incident.awareness-set", "obligations.computed");
        JsonNode last = null;
        for (JsonNode e :
                http.get("/api/v1/incidents/" + incident + "/timeline").json()) {
            if (e.path("type").asString().equals("incident.awareness-set")) last = e;
        }
        assertThat(last.path("body").path("previous").asString()).isEqualTo("2026-11-26T07:00:00Z");
        assertThat(last.path("body").path("reason").asString()).isEqualTo("the first alert was at 07:00");

        // a judgement decided since: awareness cannot move after it
        clock.set(Instant.parse("2026-11-27T12:00:00Z"));
        assertThat(http.postJson(
                                "/api/v1/incidents/" + incident + "/judgements",
                                "{\"question\":\"MATERIAL\",\"answer\":\"YES\",\"reason\":\"x\"}")
                        .status())
                .isEqualTo(201);
        var afterJudgement = counsel.putJson(
                awareness, "{\"awareAt\":\"2026-11-27T13:03:00+01:00\",\"reason\":\"later after all\"}");
        assertThat(afterJudgement.status()).isEqualTo(422);
        assertThat(afterJudgement.json().path("detail").asString()).contains("after the judgement on MATERIAL");
    }

    @Test
    void onlyCounselSetsANoticeAsideOrMovesAwarenessLater() {
        String incident = openIncident("Sandbox copy", AWARE);
        putScope(incident, WIDE);
        String i = "/api/v1/incidents/" + incident;
        long size = treeSize();
        // the commander (the administrator opened it) may not set the Art. 33 notice aside
        var commanderNo = http.postJson(
                i + "/judgements", "{\"question\":\"RISK\",\"answer\":\"NO\",\"reason\":\"only a sandbox\"}");
        assertThat(commanderNo.status()).as(commanderNo.body()).isEqualTo(403);
        assertThat(commanderNo.json().path("detail").asString()).contains("LEGAL");
        var commanderHighNo = http.postJson(
                i + "/judgements", "{\"question\":\"HIGH_RISK\",\"answer\":\"NO\",\"reason\":\"tokens only\"}");
        assertThat(commanderHighNo.status()).isEqualTo(403);
        String art33 = find(obligationsOf(incident).path("obligations"), "eu-gdpr-33-sa", "EU")
                .path("id")
                .asString();
        var notRequired = http.postJson(
                "/api/v1/obligations/" + art33 + "/status",
                "{\"status\":\"NOT_REQUIRED\",\"justification\":\"only a sandbox\"}");
        assertThat(notRequired.status()).isEqualTo(403);
        var later = http.putJson(i + "/awareness", "{\"awareAt\":\"2026-11-26T09:00:00+01:00\",\"reason\":\"test\"}");
        assertThat(later.status()).as(later.body()).isEqualTo(403);
        assertThat(later.json().path("detail").asString()).contains("later").contains("72");
        assertThat(treeSize()).as("nothing written").isEqualTo(size);
        assertThat(find(obligationsOf(incident).path("obligations"), "eu-gdpr-33-sa", "EU")
                        .path("due")
                        .asString())
                .isEqualTo("2026-11-29T07:00:00Z");
        // a judgement that adds a duty, and an earlier awareness, stay the commander's too
        assertThat(http.postJson(i + "/judgements", "{\"question\":\"RISK\",\"answer\":\"YES\",\"reason\":\"cards\"}")
                        .status())
                .isEqualTo(201);
        assertThat(http.putJson(i + "/awareness", "{\"awareAt\":\"2026-11-26T07:30:00+01:00\",\"reason\":\"alert\"}")
                        .status())
                .isEqualTo(200);
        // counsel records both; moved later, the answer, the timeline and the edited notice say so
        var edited = counsel.put(i + "/notices/gdpr-art33", "text/markdown", "Became aware: 07:30");
        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
        assertThat(counsel.get(i + "/notices/gdpr-art33").header("Tandem-Notice-Stale"))
                .isNull();
        var counselLater =
                counsel.putJson(i + "/awareness", "{\"awareAt\":\"2026-11-26T08:00:00+01:00\",\"reason\":\"test\"}");
        assertThat(counselLater.status()).as(counselLater.body()).isEqualTo(200);
        String warning = "awareness moved LATER by 0 h 30 min: the 72-hour deadline (GDPR Art. 33(1)) moved from"
                + " 2026-11-29T06:30:00Z to 2026-11-29T07:00:00Z";
        assertThat(counselLater
                        .json()
                        .path("awarenessMovedLater")
                        .path("warning")
                        .asString())
                .startsWith(warning);
        assertThat(counselLater.json().path("warnings").toString()).contains(warning);
        assertThat(counsel.get(i + "/timeline").body()).contains("WARNING: awareness moved LATER by 0 h 30 min");
        var stale = counsel.get(i + "/notices/gdpr-art33");
        assertThat(stale.header("Tandem-Notice-Stale")).isEqualTo("awareness");
        assertThat(counsel.get("/incidents/" + incident + "/obligations").body())
                .contains("id=\"notice-stale\"");
        var counselNo = counsel.postJson(
                i + "/judgements", "{\"question\":\"RISK\",\"answer\":\"NO\",\"reason\":\"only a sandbox\"}");
        assertThat(counselNo.status()).as(counselNo.body()).isEqualTo(201);
        assertThat(find(counselNo.json().path("notRequired"), "eu-gdpr-33-sa", "EU")
                        .path("id")
                        .asString())
                .isNotEmpty();
        // counsel's page and the API show which judgements set a notice aside
        List<String> marked = new ArrayList<>();
        for (JsonNode j : counsel.get(i + "/judgements").json().path("judgements")) {
            marked.add(j.path("question").asString() + "=" + j.path("answer").asString() + ":"
                    + j.path("setsAside").asBoolean());
        }
        assertThat(marked).containsExactly("RISK=YES:false", "RISK=NO:true");
        assertThat(counsel.get("/incidents/" + incident + "/obligations").body())
                .contains("sets a notice aside");
    }

    @Test
    void onlyCounselDeclaresTheDataEncryptedWhichSetsNoticesAside() {
        String incident = openIncident("Encrypted after all?", AWARE);
        putScope(incident, WIDE);
        String i = "/api/v1/incidents/" + incident;
        String encrypted = WIDE.replace("\"encrypted\":false", "\"encrypted\":true");
        long size = treeSize();
        // the commander (the administrator opened it) may not declare the data unintelligible: that
        // sets aside the notices to individuals (GDPR Art. 34(3)(a), the states' encryption exemptions)
        var commander = putScope(incident, encrypted);
        assertThat(commander.status()).as(commander.body()).isEqualTo(403);
        assertThat(commander.json().path("detail").asString()).contains("LEGAL");
        var form = postForm(
                "/incidents/" + incident + "/scope",
                "subjects=DE%3D1200%2CUS-CA%3D800%2CUS-TX%3D300&data=CONTACT&data=PAYMENT_CARD&encrypted=on");
        assertThat(form.status()).as(form.body()).isEqualTo(403);
        assertThat(treeSize()).as("nothing written").isEqualTo(size);
        find(obligationsOf(incident).path("obligations"), "eu-gdpr-34-individuals", "EU");
        // counsel does; the commander may then keep it so, or take it back (which adds duties)
        var byCounsel = counsel.putJson(i + "/scope", encrypted);
        assertThat(byCounsel.status()).as(byCounsel.body()).isEqualTo(200);
        find(byCounsel.json().path("notRequired"), "eu-gdpr-34-individuals", "EU");
        assertThat(putScope(incident, encrypted.replace("1200", "1300")).status())
                .isEqualTo(200);
        assertThat(putScope(incident, WIDE).status()).isEqualTo(200);
        find(obligationsOf(incident).path("obligations"), "eu-gdpr-34-individuals", "EU");
    }

    @Test
    void onlyCounselMovesTheDeterminationLaterOrTakesUnauthorizedAccessBack() {
        String incident = openIncident("Determined later?", AWARE);
        putScope(incident, "{\"subjects\":{\"KR\":10,\"US-CO\":600},\"data\":[\"CONTACT\",\"FINANCIAL_ACCOUNT\"]}");
        clock.set(Instant.parse("2026-11-28T09:00:00Z"));
        String facts = "/api/v1/incidents/" + incident + "/facts";
        // the commander finds unauthorized access (adds the PIPA report) and may
        assertThat(http.putJson(facts, "{\"unauthorizedAccess\":true}").status())
                .isEqualTo(200);
        String co = find(obligationsOf(incident).path("obligations"), "us-co-individuals", "US-CO")
                .path("due")
                .asString();
        long size = treeSize();
        // but neither moves Colorado's clock later by a determination after awareness, nor takes the
        // unauthorized access back; a bad time is still 422 first
        var later = http.putJson(facts, "{\"determinedAt\":\"2026-11-27T11:00:00-07:00\",\"unauthorizedAccess\":true}");
        assertThat(later.status()).as(later.body()).isEqualTo(403);
        assertThat(later.json().path("detail").asString()).contains("LEGAL");
        var back = http.putJson(facts, "{\"unauthorizedAccess\":false}");
        assertThat(back.status()).as(back.body()).isEqualTo(403);
        var form =
                postForm("/incidents/" + incident + "/facts", "determinedAt=2026-11-27T19%3A00&unauthorizedAccess=on");
        assertThat(form.status()).as(form.body()).isEqualTo(403);
        assertThat(http.putJson(facts, "{\"determinedAt\":\"2026-12-01T00:00:00Z\"}")
                        .status())
                .isEqualTo(422);
        assertThat(treeSize()).as("nothing written").isEqualTo(size);
        assertThat(find(obligationsOf(incident).path("obligations"), "us-co-individuals", "US-CO")
                        .path("due")
                        .asString())
                .isEqualTo(co);
        // counsel does both; the commander may then move the determination earlier again
        var byCounsel = counsel.putJson(facts, "{\"determinedAt\":\"2026-11-27T11:00:00-07:00\"}");
        assertThat(byCounsel.status()).as(byCounsel.body()).isEqualTo(200);
        assertThat(find(byCounsel.json().path("obligations"), "us-co-individuals", "US-CO")
                        .path("due")
                        .asString())
                .isEqualTo("2026-12-28T06:59:59Z");
        assertThat(http.putJson(facts, "{\"determinedAt\":\"2026-11-26T12:00:00Z\"}")
                        .status())
                .isEqualTo(200);
        assertThat(http.putJson(facts, "{\"determinedAt\":null}").status()).isEqualTo(200);
    }

    @Test
    void rejectsAJudgementTimeInTheFutureOrBeforeAwarenessAndWritesNothing() {
        String incident = openIncident("Judged at odd times", AWARE);
        String unaware = openIncident("Judged without awareness", null);
        String judgements = "/api/v1/incidents/" + incident + "/judgements";
        clock.set(Instant.parse("2026-11-27T12:00:00Z"));
        long size = treeSize();
        String body = "{\"question\":\"MATERIAL\",\"answer\":\"YES\",\"reason\":\"x\",\"decidedAt\":";
        var future = http.postJson(judgements, body + "\"2026-11-27T12:00:01Z\"}");
        assertThat(future.status()).isEqualTo(422);
        assertThat(future.json().path("detail").asString()).contains("decidedAt", "in the future");
        var early = http.postJson(judgements, body + "\"2026-11-26T06:59:59Z\"}");
        assertThat(early.status()).isEqualTo(422);
        assertThat(early.json().path("detail").asString()).contains("decidedAt", "before the incident's awareness");
        var unreadable = http.postJson(judgements, body + "\"friday\"}");
        assertThat(unreadable.status()).isEqualTo(422);
        assertThat(unreadable.json().path("detail").asString()).contains("decidedAt", "friday");
        var noOffset = http.postJson(judgements, body + "\"2026-11-26T09:00:00\"}");
        assertThat(noOffset.status()).isEqualTo(422);
        var ancient =
                http.postJson("/api/v1/incidents/" + unaware + "/judgements", body + "\"-999999999-01-01T00:00:00Z\"}");
        assertThat(ancient.status()).as(ancient.body()).isEqualTo(422);
        assertThat(ancient.json().path("detail").asString()).contains("decidedAt", "0001-01-01T00:00:00Z");
        var number = http.postJson(judgements, body + "1764000000}");
        assertThat(number.status()).isEqualTo(422);
        assertThat(number.json().path("detail").asString()).contains("decidedAt");
        assertThat(treeSize()).isEqualTo(size);
        assertThat(http.get(judgements).json().path("judgements")).isEmpty();
    }

    /**
     * The obligations page's scope form (docs/web.md) sets the scope as {@code PUT …/scope} does:
     * counsel, signed in, posts it with the page's CSRF token; the ledger records it as theirs and
     * the obligations are recomputed as the API's would be. A bad value is 422 naming the field,
     * the form keeps what was typed, and nothing is written.
     */
    @Test
    void counselCorrectsAMistakenScopeOnTheObligationsPageAndABadValueWritesNothing() {
        String incident = openIncident("Scope from the page", AWARE);
        String counsel = "counsel-" + Long.toString(System.nanoTime(), 36);
        String password = "correct horse battery staple";
        var created = http.postJson(
                "/api/v1/users",
                "{\"username\":\"" + counsel + "\",\"displayName\":\"Counsel\",\"password\":\"" + password + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        var member = http.putJson("/api/v1/incidents/" + incident + "/members/" + counsel, "{\"role\":\"LEGAL\"}");
        assertThat(member.status()).as(member.body()).isEqualTo(200);
        FormSession browser = new FormSession("http://127.0.0.1:" + port);
        assertThat(browser.signIn(counsel, password).statusCode()).isEqualTo(302);
        String page = "/incidents/" + incident + "/obligations";
        assertThat(browser.get(page).body()).contains("Set the scope", "No scope yet.");
        String csrf = "&_csrf=" + FormSession.encode(browser.csrf(page));
        String post = page.replace("/obligations", "/scope");

        // refused: the field named beside it, what was typed kept, nothing written
        long size = treeSize();
        for (List<String> bad : List.of(
                List.of("XX=5", "subjects", "XX"),
                List.of("DE=-1", "subjects", "-1"),
                List.of("DE=many", "subjects", "many"),
                List.of("", "subjects", "no affected people"))) {
            HttpResponse<String> refused =
                    browser.post(post, "subjects=" + FormSession.encode(bad.get(0)) + "&data=HEALTH" + csrf, null);
            assertThat(refused.statusCode()).as(bad.get(0)).isEqualTo(422);
            assertThat(refused.body())
                    .as(bad.get(0))
                    .contains("id=\"s-subjects-error\"", bad.get(1) + ": ", bad.get(2))
                    .contains("value=\"" + bad.get(0) + "\"")
                    .containsPattern("value=\"HEALTH\"[^>]*checked")
                    .doesNotContain("Exception");
        }
        HttpResponse<String> category = browser.post(post, "subjects=DE%3D40&data=SHOE_SIZE" + csrf, null);
        assertThat(category.statusCode()).isEqualTo(422);
        assertThat(category.body()).contains("id=\"s-data-error\"", "data: ", "SHOE_SIZE", "value=\"DE=40\"");
        assertThat(treeSize()).isEqualTo(size);
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM incident_scope WHERE incident_id = ?", Long.class, incident))
                .isZero();

        // a scope folded in by mistake (the company's own users): the form shows it, prefilled
        assertThat(putScope(
                                incident,
                                "{\"subjects\":{\"DE\":1200,\"US-CA\":800,\"US-TX\":300,\"ZZ\":200},"
                                        + "\"data\":[\"CONTACT\",\"PAYMENT_CARD\"],\"encrypted\":false}")
                        .status())
                .isEqualTo(200);
        String before = browser.get(page).body();
        assertThat(before)
                .contains("Correct the scope", "value=\"DE=1200,US-CA=800,US-TX=300,ZZ=200\"")
                .containsPattern("value=\"PAYMENT_CARD\"[^>]*checked");
        size = treeSize();
        HttpResponse<String> corrected = browser.post(post, "subjects=DE%3D40&data=CONTACT" + csrf, null);
        assertThat(corrected.statusCode()).as(corrected.body()).isEqualTo(302);
        assertThat(corrected.headers().firstValue("Location").orElse("")).contains(page);
        // the same unit as PUT …/scope: scope.updated and obligations.computed, by counsel
        assertThat(treeSize()).isEqualTo(size + 2);
        JsonNode scope = http.get("/api/v1/incidents/" + incident + "/scope").json();
        assertThat(scope.path("subjects").toString()).isEqualTo("{\"DE\":40}");
        assertThat(scope.path("data").toString()).isEqualTo("[\"CONTACT\"]");
        assertThat(scope.path("updatedBy").asString()).isEqualTo(counsel);
        List<String> last = new ArrayList<>();
        for (JsonNode e :
                http.get("/api/v1/incidents/" + incident + "/timeline").json()) {
            last.add(e.path("type").asString() + " " + e.path("actor").asString());
        }
        assertThat(last.subList(last.size() - 2, last.size()))
                .containsExactly("scope.updated " + counsel, "obligations.computed " + counsel);
        JsonNode list = obligationsOf(incident);
        assertThat(list.path("obligations").toString()).doesNotContain("\"US-");
        assertThat(list.path("superseded").toString()).contains("\"US-CA\"");
        String same = openIncident("Scope from the API", AWARE);
        assertThat(putScope(same, "{\"subjects\":{\"DE\":40},\"data\":[\"CONTACT\"],\"encrypted\":false}")
                        .status())
                .isEqualTo(200);
        assertThat(contract(list.path("obligations")))
                .isNotEmpty()
                .isEqualTo(contract(obligationsOf(same).path("obligations")));
        String shown = browser.get(page).body();
        assertThat(shown).contains("value=\"DE=40\"", "Set by <span>" + counsel + "</span>");

        // the page sends the scope it showed: one changed meanwhile (a scan, another person) is not
        // overwritten unseen (409, nothing recorded)
        java.util.regex.Matcher basedOn = java.util.regex.Pattern.compile("name=\"basedOn\" value=\"(\\d+)\"")
                .matcher(shown);
        assertThat(basedOn.find()).as("the form carries the scope it shows").isTrue();
        assertThat(putScope(incident, "{\"subjects\":{\"DE\":41},\"data\":[\"CONTACT\"],\"encrypted\":false}")
                        .status())
                .isEqualTo(200);
        size = treeSize();
        HttpResponse<String> stale =
                browser.post(post, "subjects=DE%3D40&data=CONTACT&basedOn=" + basedOn.group(1) + csrf, null);
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(stale.body()).contains("the scope was changed (ledger entry #");
        assertThat(treeSize()).isEqualTo(size);
        assertThat(http.get("/api/v1/incidents/" + incident + "/scope")
                        .json()
                        .path("subjects")
                        .toString())
                .isEqualTo("{\"DE\":41}");

        // without an awareness time the deadlines cannot run: refused as the API refuses it
        String unaware = openIncident("Scope before awareness", null);
        assertThat(http.putJson("/api/v1/incidents/" + unaware + "/members/" + counsel, "{\"role\":\"LEGAL\"}")
                        .status())
                .isEqualTo(200);
        String unawarePage = "/incidents/" + unaware + "/obligations";
        size = treeSize();
        HttpResponse<String> noAware = browser.post(
                "/incidents/" + unaware + "/scope",
                "subjects=DE%3D40&_csrf=" + FormSession.encode(browser.csrf(unawarePage)),
                null);
        assertThat(noAware.statusCode()).isEqualTo(422);
        assertThat(noAware.body()).contains("id=\"scope-error\"", "awareAt: ");
        assertThat(treeSize()).isEqualTo(size);
    }

    @Test
    void rejectsBadScopesNamingTheValueAndWritesNothing() {
        String incident = openIncident("Bad scopes", AWARE);
        long size = treeSize();
        var unknownCode = putScope(incident, "{\"subjects\":{\"XX\":5},\"data\":[\"CONTACT\"]}");
        assertThat(unknownCode.status()).isEqualTo(422);
        assertThat(unknownCode.response().contentType()).startsWith("application/problem+json");
        assertThat(unknownCode.json().path("detail").asString()).contains("'XX'");
        // the EU's code for Greece is refused naming the ISO 3166-1 code, as --subjects does
        var greece = putScope(incident, "{\"subjects\":{\"EL\":5},\"data\":[\"CONTACT\"]}");
        assertThat(greece.status()).isEqualTo(422);
        assertThat(greece.json().path("detail").asString()).contains("'EL'", "ISO 3166-1 writes Greece as GR");
        var negative = putScope(incident, "{\"subjects\":{\"DE\":-1},\"data\":[\"CONTACT\"]}");
        assertThat(negative.status()).isEqualTo(422);
        assertThat(negative.json().path("detail").asString()).contains("-1");
        var category = putScope(incident, "{\"subjects\":{\"DE\":1},\"data\":[\"SHOE_SIZE\"]}");
        assertThat(category.status()).isEqualTo(422);
        assertThat(category.json().path("detail").asString()).contains("SHOE_SIZE");
        assertThat(putScope(incident, "{\"subjects\":").status()).isEqualTo(400);
        assertThat(putScope("00000000-0000-0000-0000-000000000000", WIDE).status())
                .isEqualTo(404);
        String unaware = openIncident("No awareness time", null);
        long sizeBefore = treeSize();
        var noAware = putScope(unaware, WIDE);
        assertThat(noAware.status()).isEqualTo(422);
        assertThat(noAware.json().path("detail").asString()).contains("awareAt");
        assertThat(treeSize()).isEqualTo(sizeBefore);
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM incident_scope WHERE incident_id IN (?, ?)",
                        Long.class,
                        incident,
                        unaware))
                .isZero();
        assertThat(obligationsOf(incident).path("obligations")).isEmpty();
        assertThat(treeSize()).isGreaterThanOrEqualTo(size);
    }

    @Test
    void anOwnerWhoLeavesTheIncidentOrBecomesItsAuditorOwnsNoObligation() {
        // the owner rule of PUT …/owner holds after the membership changes too: a deadline is never
        // left with a person who can no longer open the incident, nor with its auditor
        String incident = openIncident("Owners who leave", AWARE);
        putScope(incident, WIDE);
        JsonNode owed = obligationsOf(incident).path("obligations");
        String gdprId = find(owed, "eu-gdpr-33-sa", "EU").path("id").asString();
        String txId = find(owed, "us-tx-ag@2023", "US-TX").path("id").asString();
        String leaver = "owner-leaves";
        String liaison = "owner-audits";
        for (String[] m : new String[][] {{leaver, "RESPONDER"}, {liaison, "AUDIT_LIAISON"}}) {
            http.postJson("/api/v1/users", "{\"username\":\"" + m[0] + "\",\"displayName\":\"" + m[0] + "\"}");
            var added =
                    http.putJson("/api/v1/incidents/" + incident + "/members/" + m[0], "{\"role\":\"" + m[1] + "\"}");
            assertThat(added.status()).as(added.body()).isEqualTo(200);
        }
        assertThat(http.putJson("/api/v1/obligations/" + gdprId + "/owner", "{\"owner\":\"" + leaver + "\"}")
                        .status())
                .isEqualTo(200);
        assertThat(http.putJson("/api/v1/obligations/" + txId + "/owner", "{\"owner\":\"" + liaison + "\"}")
                        .status())
                .isEqualTo(200);

        var removed = http.delete("/api/v1/incidents/" + incident + "/members/" + leaver);
        assertThat(removed.status()).as(removed.body()).isEqualTo(204);
        var audits = http.putJson("/api/v1/incidents/" + incident + "/members/" + liaison, "{\"role\":\"AUDITOR\"}");
        assertThat(audits.status()).as(audits.body()).isEqualTo(200);

        JsonNode after = obligationsOf(incident).path("obligations");
        assertThat(find(after, "eu-gdpr-33-sa", "EU").path("owner").isNull()).isTrue();
        assertThat(find(after, "us-tx-ag@2023", "US-TX").path("owner").isNull()).isTrue();
        // each unassignment is its own entry, naming who owned it
        List<JsonNode> unassigned = new ArrayList<>();
        http.get("/api/v1/incidents/" + incident + "/timeline").json().forEach(e -> {
            if (e.path("type").asString().equals("obligation.assigned")
                    && e.path("body").path("owner").isNull()) {
                unassigned.add(e.path("body"));
            }
        });
        assertThat(unassigned)
                .extracting(b -> b.path("obligation").asString() + " "
                        + b.path("previous").asString())
                .containsExactly(gdprId + " " + leaver, txId + " " + liaison);
    }

    @Test
    void recomputationKeepsOwnerAndStatusAndSupersedesWithoutDeleting() {
        String incident = openIncident("Scope narrows and widens", AWARE);
        putScope(incident, WIDE);
        JsonNode wide = obligationsOf(incident).path("obligations");
        String gdprId = find(wide, "eu-gdpr-33-sa", "EU").path("id").asString();
        JsonNode tx = find(wide, "us-tx-ag@2023", "US-TX");
        String txId = tx.path("id").asString();
        http.postJson("/api/v1/users", "{\"username\":\"dpo\",\"displayName\":\"Data Protection Officer\"}");
        var notMember = http.putJson("/api/v1/obligations/" + gdprId + "/owner", "{\"owner\":\"dpo\"}");
        assertThat(notMember.status()).as(notMember.body()).isEqualTo(422);
        assertThat(notMember.json().path("detail").asString())
                .isEqualTo("owner: 'dpo' is no member of this incident: add them first");
        http.postJson("/api/v1/users", "{\"username\":\"audrey\",\"displayName\":\"Audrey Blake\"}");
        for (String[] m : new String[][] {{"dpo", "LEGAL"}, {"audrey", "AUDITOR"}}) {
            var added =
                    http.putJson("/api/v1/incidents/" + incident + "/members/" + m[0], "{\"role\":\"" + m[1] + "\"}");
            assertThat(added.status()).as(added.body()).isEqualTo(200);
        }
        var auditor = http.putJson("/api/v1/obligations/" + gdprId + "/owner", "{\"owner\":\"audrey\"}");
        assertThat(auditor.status()).as(auditor.body()).isEqualTo(422);
        assertThat(auditor.json().path("detail").asString()).contains("auditor independence");
        var owner = http.putJson("/api/v1/obligations/" + gdprId + "/owner", "{\"owner\":\"dpo\"}");
        assertThat(owner.status()).as(owner.body()).isEqualTo(200);
        assertThat(owner.json().path("owner").asString()).isEqualTo("dpo");
        var aside = counsel.postJson(
                "/api/v1/obligations/" + txId + "/status",
                "{\"status\":\"NOT_REQUIRED\",\"justification\":\"counsel: Texas residents were test accounts\"}");
        assertThat(aside.status()).as(aside.body()).isEqualTo(200);
        int rows =
                jdbc.queryForObject("SELECT COUNT(*) FROM obligation WHERE incident_id = ?", Integer.class, incident);

        var narrow = putScope(incident, "{\"subjects\":{\"DE\":1200},\"data\":[\"CONTACT\",\"PAYMENT_CARD\"]}");
        assertThat(narrow.status()).isEqualTo(200);
        JsonNode n = narrow.json();
        JsonNode gdpr = find(n.path("obligations"), "eu-gdpr-33-sa", "EU");
        assertThat(gdpr.path("id").asString()).isEqualTo(gdprId);
        assertThat(gdpr.path("owner").asString()).isEqualTo("dpo");
        JsonNode txGone = find(n.path("superseded"), "us-tx-ag@2023", "US-TX");
        assertThat(txGone.path("status").asString()).isEqualTo("SUPERSEDED");
        assertThat(txGone.path("justification").asString()).contains("test accounts");
        for (JsonNode o : n.path("obligations")) {
            assertThat(o.path("jurisdiction").asString()).doesNotStartWith("US-");
        }
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM obligation WHERE incident_id = ?", Integer.class, incident))
                .isEqualTo(rows);
        var refused = http.postJson("/api/v1/obligations/" + txId + "/status", "{\"status\":\"PENDING\"}");
        assertThat(refused.status()).isEqualTo(409);

        JsonNode again = putScope(incident, WIDE).json();
        JsonNode txBack = find(again.path("obligations"), "us-tx-ag@2023", "US-TX");
        assertThat(txBack.path("id").asString()).isEqualTo(txId);
        assertThat(txBack.path("status").asString()).isEqualTo("NOT_REQUIRED");
        assertThat(again.path("superseded")).isEmpty();

        // the computation entries say what changed
        JsonNode timeline =
                http.get("/api/v1/incidents/" + incident + "/timeline").json();
        List<JsonNode> computed = new ArrayList<>();
        timeline.forEach(e -> {
            if (e.path("type").asString().equals("obligations.computed")) {
                computed.add(e.path("body"));
            }
        });
        assertThat(computed).hasSize(3);
        assertThat(computed.get(0).path("added").size()).isEqualTo(wide.size());
        assertThat(computed.get(1).path("superseded").toString()).contains(txId);
        assertThat(computed.get(1).path("added")).isEmpty();
        assertThat(computed.get(2).path("changed").toString()).contains(txId);
        // both reports draw the obligation yielded again as active, not superseded
        for (String report : List.of("audit-continuity", "incident")) {
            var r = http.get("/api/v1/incidents/" + incident + "/reports/" + report);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(r.body()).contains("us-tx-ag@2023").doesNotContain("(superseded)");
        }
    }

    /** The nearest open deadline of one incident as its page's header finds it, one incident at a time. */
    StoredObligation nearestOf(String incident) {
        return obligations.ofIncident(incident).stream()
                .filter(o -> o.placement() == StoredObligation.Placement.OWED
                        && o.status() == Lifecycle.Status.PENDING
                        && o.due() != null)
                .min(java.util.Comparator.comparing(StoredObligation::due))
                .orElseThrow();
    }

    @Test
    void theIncidentsListFindsEachIncidentsNearestOpenDeadlineInOneQuery() {
        String early = openIncident("Aware early", "2026-11-20T08:00:00Z");
        String late = openIncident("Aware late", AWARE);
        String none = openIncident("No scope yet", AWARE);
        // no card data: nothing is due immediately, so the nearest is a fixed deadline (the header's
        // and list's order with one due immediately: theHeaderAndTheIncidentsListPutWhatIsDueImmediatelyFirst)
        String noCards = WIDE.replace("\"PAYMENT_CARD\"", "\"GOVERNMENT_ID\"");
        assertThat(putScope(early, noCards).status()).isEqualTo(200);
        assertThat(putScope(late, noCards).status()).isEqualTo(200);
        assertThat(obligations.ofIncident(early)).noneMatch(StoredObligation::immediate);
        StoredObligation first = nearestOf(early);

        java.util.Map<String, StoredObligation> next =
                obligations.nextDeadlines(List.of(early, late, none, "nope"), java.util.Set.of());

        assertThat(next).containsOnlyKeys(early, late);
        assertThat(next.get(early).id()).isEqualTo(first.id());
        assertThat(next.get(late).id()).isEqualTo(nearestOf(late).id());
        assertThat(next.get(early).due()).isBefore(next.get(late).due());
        // set aside, the nearest is no longer open: the next one is
        var aside = counsel.postJson(
                "/api/v1/obligations/" + first.id() + "/status",
                "{\"status\":\"NOT_REQUIRED\",\"justification\":\"counsel: no risk to the residents\"}");
        assertThat(aside.status()).as(aside.body()).isEqualTo(200);
        StoredObligation second =
                obligations.nextDeadlines(List.of(early), java.util.Set.of()).get(early);
        assertThat(second.id())
                .isNotEqualTo(first.id())
                .isEqualTo(nearestOf(early).id());
        assertThat(obligations.nextDeadlines(List.of(), java.util.Set.of())).isEmpty();
    }

    @Test
    void filingTheResidentsNoticeStartsTheAttorneyGeneralsClockLikeTheCli() {
        // Cal. Civ. Code 1798.82 as amended by SB 446: the AG copy is due 15 days after the residents' notice.
        String incident = openIncident("Notice from a notice", AWARE);
        putScope(incident, WIDE);
        JsonNode before = obligationsOf(incident);
        JsonNode ag = find(before.path("obligations"), "us-ca-ag@2026", "US-CA");
        assertThat(ag.path("due").isNull()).isTrue();
        // the notice it waits on in words, for the auditor too: no internal rule id
        assertThat(ag.path("dueText").asString())
                .contains("(the California breach law notice to individuals not yet sent)")
                .doesNotContain("us-ca-individuals");
        String residents = find(before.path("obligations"), "us-ca-individuals@2026", "US-CA")
                .path("id")
                .asString();
        String letter = auditDocument(incident, "ca-residents-letter.pdf", "Notice of data breach");
        var filed = http.postJson(
                "/api/v1/obligations/" + residents + "/status",
                "{\"status\":\"FILED\",\"evidence\":\"" + letter + "\"}");
        assertThat(filed.status()).as(filed.body()).isEqualTo(200);
        java.time.Instant sentAt =
                java.time.Instant.parse(filed.json().path("statusChangedAt").asString());

        JsonNode after = obligationsOf(incident);
        JsonNode agAfter = find(after.path("obligations"), "us-ca-ag@2026", "US-CA");
        java.time.ZoneId la = java.time.ZoneId.of("America/Los_Angeles");
        java.time.Instant expected = sentAt.atZone(la)
                .toLocalDate()
                .plusDays(15)
                .atTime(23, 59, 59)
                .atZone(la)
                .toInstant();
        assertThat(agAfter.path("due").asString()).isEqualTo(expected.toString());
        assertThat(agAfter.path("id").asString()).isEqualTo(ag.path("id").asString());
        String command = after.path("command").asString();
        assertThat(command).contains("--sent us-ca-individuals=" + sentAt);
        assertThat(contract(after.path("obligations")))
                .isEqualTo(contract(cli(command).path("obligations")));
        assertThat(timelineTypes(incident)).containsSubsequence("obligation.status-changed", "obligations.computed");
    }

    @Test
    void aNoticeSentBeforeItIsRecordedStartsTheClocksThatRunFromItWhenItWasSent() {
        // Cal. Civ. Code 1798.82(f) as amended: the AG copy is due 15 days after the residents' notice,
        // counted from when it was sent, not from when someone recorded it in Tandem
        String incident = openIncident("Sent before recorded", AWARE);
        putScope(incident, WIDE);
        String residents = find(obligationsOf(incident).path("obligations"), "us-ca-individuals@2026", "US-CA")
                .path("id")
                .asString();
        String path = "/api/v1/obligations/" + residents + "/status";
        String letter = auditDocument(incident, "ca-letters.pdf", "Notice of data breach");
        clock.set(Instant.parse("2026-12-10T09:00:00Z"));
        long size = treeSize();
        for (String bad : List.of(
                "\"yesterday\"",
                "\"2026-12-01T10:00:00\"",
                "\"2026-12-11T00:00:00Z\"",
                "\"2026-11-26T06:59:59Z\"",
                "\"0000-12-31T00:00:00Z\"",
                "42")) {
            var refused = http.postJson(
                    path, "{\"status\":\"FILED\",\"evidence\":\"" + letter + "\",\"sentAt\":" + bad + "}");
            assertThat(refused.status()).as(bad + ": " + refused.body()).isEqualTo(422);
            assertThat(refused.json().path("type").asString()).isEqualTo("urn:tandem:problem:bad-sent-at");
            assertThat(refused.json().path("detail").asString()).startsWith("sentAt: ");
        }
        var notFiled = counsel.postJson(
                path, "{\"status\":\"NOT_REQUIRED\",\"justification\":\"x\",\"sentAt\":\"2026-12-01T10:00:00Z\"}");
        assertThat(notFiled.status()).isEqualTo(422);
        assertThat(notFiled.json().path("detail").asString()).contains("sentAt");
        assertThat(treeSize()).isEqualTo(size);

        var filed = http.postJson(
                path,
                "{\"status\":\"FILED\",\"evidence\":\"" + letter + "\",\"sentAt\":\"2026-12-01T10:00:00-08:00\"}");
        assertThat(filed.status()).as(filed.body()).isEqualTo(200);
        assertThat(filed.json().path("sentAt").asString()).isEqualTo("2026-12-01T18:00:00Z");
        assertThat(filed.json().path("statusChangedAt").asString()).isEqualTo("2026-12-10T09:00:00Z");
        JsonNode after = obligationsOf(incident);
        // 15 days after Tue 1 Dec in Los Angeles: the end of Wed 16 Dec there
        assertThat(find(after.path("obligations"), "us-ca-ag@2026", "US-CA")
                        .path("due")
                        .asString())
                .isEqualTo("2026-12-17T07:59:59Z");
        String command = after.path("command").asString();
        assertThat(command).contains("--sent us-ca-individuals=2026-12-01T18:00:00Z");
        assertThat(contract(after.path("obligations")))
                .isEqualTo(contract(cli(command).path("obligations")));
        assertThat(latestEntryBody(incident, "obligation.status-changed")
                        .path("sentAt")
                        .asString())
                .isEqualTo("2026-12-01T18:00:00Z");

        // the Art. 33 notice marked sent takes the same field
        String notice = "/api/v1/incidents/" + incident + "/notices/gdpr-art33";
        var future = http.postJson(notice + "/sent", "{\"sentAt\":\"2026-12-10T10:00:00Z\"}");
        assertThat(future.status()).isEqualTo(422);
        assertThat(future.json().path("type").asString()).isEqualTo("urn:tandem:problem:bad-sent-at");
        var sent = http.postJson(
                notice + "/sent",
                "{\"sentAt\":\"2026-12-01T08:00:00+01:00\",\"incomplete\":true,\"repository\":\"AUDIT\"}");
        assertThat(sent.status()).as(sent.body()).isEqualTo(201);
        assertThat(sent.json().path("obligation").path("sentAt").asString()).isEqualTo("2026-12-01T07:00:00Z");
        assertThat(latestEntryBody(incident, "notice.sent").path("sentAt").asString())
                .isEqualTo("2026-12-01T07:00:00Z");
        assertThat(latestEntryBody(incident, "obligation.status-changed")
                        .path("sentAt")
                        .asString())
                .isEqualTo("2026-12-01T07:00:00Z");
        // sent after its 72 hours (due 2026-11-29T07:00:00Z): filed, and late; the residents' notice was in time
        JsonNode last = obligationsOf(incident).path("obligations");
        JsonNode art33 = find(last, "eu-gdpr-33-sa", "EU");
        assertThat(art33.path("status").asString()).isEqualTo("FILED");
        assertThat(art33.path("late").asBoolean()).isTrue();
        assertThat(art33.path("missed").asBoolean()).isFalse();
        assertThat(find(last, "us-ca-individuals@2026", "US-CA").path("late").isBoolean())
                .isTrue();
        assertThat(find(last, "us-ca-individuals@2026", "US-CA").path("late").asBoolean())
                .isFalse();
    }

    @Test
    void filingNeedsEvidenceOfTheIncidentAndRefusesInvalidTransitions() {
        String incident = openIncident("Filing", AWARE);
        String other = openIncident("Another incident", AWARE);
        putScope(incident, WIDE);
        String id = find(obligationsOf(incident).path("obligations"), "eu-gdpr-33-sa", "EU")
                .path("id")
                .asString();
        String path = "/api/v1/obligations/" + id + "/status";
        String foreign = auditDocument(other, "x.pdf", "receipt");
        String receipt = auditDocument(incident, "bfdi-receipt.pdf", "BfDI acknowledgement");
        long size = treeSize();
        var noEvidence = http.postJson(path, "{\"status\":\"FILED\"}");
        assertThat(noEvidence.status()).isEqualTo(422);
        assertThat(noEvidence.json().path("detail").asString()).contains("evidence");
        var unknown = http.postJson(path, "{\"status\":\"FILED\",\"evidence\":\"nope\"}");
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.json().path("detail").asString()).contains("'nope'");
        // an item of another incident is answered exactly as an unknown id: it is not said to exist
        var wrongIncident = http.postJson(path, "{\"status\":\"FILED\",\"evidence\":\"" + foreign + "\"}");
        assertThat(wrongIncident.status()).isEqualTo(422);
        assertThat(wrongIncident.json().path("type").asString())
                .isEqualTo(unknown.json().path("type").asString());
        assertThat(wrongIncident.json().path("detail").asString())
                .isEqualTo(unknown.json().path("detail").asString().replace("nope", foreign))
                .doesNotContain("another incident");
        var noWhy = counsel.postJson(path, "{\"status\":\"NOT_REQUIRED\",\"justification\":\"  \"}");
        assertThat(noWhy.status()).isEqualTo(422);
        assertThat(noWhy.json().path("detail").asString()).contains("justification");
        var bad = http.postJson(path, "{\"status\":\"DONE\"}");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().path("detail").asString()).contains("DONE");
        assertThat(http.postJson(path, "{\"status\":\"SUPERSEDED\"}").status()).isEqualTo(422);
        assertThat(http.postJson(path, "{\"status\":\"PENDING\"}").status()).isEqualTo(409);
        assertThat(http.postJson("/api/v1/obligations/nope/status", "{\"status\":\"PENDING\"}")
                        .status())
                .isEqualTo(404);
        var noUser = http.putJson("/api/v1/obligations/" + id + "/owner", "{\"owner\":\"nobody-here\"}");
        assertThat(noUser.status()).isEqualTo(422);
        assertThat(noUser.json().path("detail").asString()).contains("nobody-here");
        assertThat(treeSize()).isEqualTo(size);

        clock.set(Instant.parse("2026-11-27T10:00:00Z"));
        var filed = http.postJson(path, "{\"status\":\"FILED\",\"evidence\":\"" + receipt + "\"}");
        assertThat(filed.status()).as(filed.body()).isEqualTo(200);
        assertThat(filed.json().path("status").asString()).isEqualTo("FILED");
        assertThat(filed.json().path("filingEvidence").asString()).isEqualTo(receipt);
        assertThat(filed.json().path("statusChangedBy").asString()).isEqualTo("admin");
        assertThat(filed.json().path("statusChangedAt").asString()).isEqualTo("2026-11-27T10:00:00Z");
        var twice = counsel.postJson(path, "{\"status\":\"NOT_REQUIRED\",\"justification\":\"changed our mind\"}");
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.response().contentType()).startsWith("application/problem+json");
        assertThat(timelineTypes(incident)).contains("obligation.status-changed");
        assertThat(treeSize()).isEqualTo(size + 1);
    }

    /** The body of the incident's latest ledger entry of {@code type}, as everyone reading the log sees it. */
    JsonNode latestEntryBody(String incident, String type) {
        Long index = jdbc.queryForObject(
                "SELECT MAX(idx) FROM ledger_entry WHERE incident_id = ? AND entry_type = ?",
                Long.class,
                incident,
                type);
        assertThat(index).as("a %s entry of %s", type, incident).isNotNull();
        JsonNode entries = api.get("/api/v1/ledger/entries?from=" + index + "&to=" + (index + 1))
                .json();
        assertThat(entries.get(0).path("entry").path("type").asString()).isEqualTo(type);
        return entries.get(0).path("entry").path("body");
    }

    static void assertCommitment(JsonNode body) {
        assertThat(body.propertyNames()).containsExactlyInAnyOrder("repository", "commitment");
        assertThat(body.path("repository").asString()).isEqualTo("FORENSIC");
    }

    @Test
    void filingWithForensicEvidenceKeepsTheItemsHashOutOfThePublicLog() {
        String incident = openIncident("Filed with privileged evidence", AWARE);
        putScope(incident, WIDE);
        String id = find(obligationsOf(incident).path("obligations"), "eu-gdpr-33-sa", "EU")
                .path("id")
                .asString();
        var receipt = api.postBytes(
                "/api/v1/incidents/" + incident + "/evidence?repository=FORENSIC&kind=DOCUMENT&name=receipt.pdf",
                "privileged receipt".getBytes(StandardCharsets.UTF_8));
        assertThat(receipt.status()).as(receipt.body()).isEqualTo(201);
        String sha256 = receipt.json().path("sha256").asString();
        var filed = http.postJson(
                "/api/v1/obligations/" + id + "/status",
                "{\"status\":\"FILED\",\"evidence\":\""
                        + receipt.json().path("id").asString() + "\"}");
        assertThat(filed.status()).as(filed.body()).isEqualTo(200);
        JsonNode body = latestEntryBody(incident, "obligation.status-changed");
        assertThat(body.toString()).doesNotContain(sha256);
        assertCommitment(body);
    }

    @Test
    void judgementReasonsArePrivilegedUnlessLegalSaysOtherwise() {
        String incident = openIncident("Privileged reasons", AWARE);
        putScope(incident, WIDE);
        var byDefault = http.postJson(
                "/api/v1/incidents/" + incident + "/judgements",
                "{\"question\":\"HIGH_RISK\",\"answer\":\"YES\",\"reason\":\"counsel memo 7\"}");
        assertThat(byDefault.status()).as(byDefault.body()).isEqualTo(201);
        JsonNode privileged = latestEntryBody(incident, "judgement.recorded");
        assertThat(privileged.toString()).doesNotContain("counsel memo 7");
        assertCommitment(privileged);

        var open = counsel.postJson(
                "/api/v1/incidents/" + incident + "/judgements",
                "{\"question\":\"HIGH_RISK\",\"answer\":\"NO\",\"reason\":\"tokens only\",\"privileged\":false}");
        assertThat(open.status()).as(open.body()).isEqualTo(201);
        JsonNode public_ = latestEntryBody(incident, "judgement.recorded");
        assertThat(public_.path("reason").asString()).isEqualTo("tokens only");
        assertThat(public_.path("answer").asString()).isEqualTo("NO");
        // the API still shows the reason to those who may read judgements
        assertThat(http.get("/api/v1/incidents/" + incident + "/judgements")
                        .json()
                        .toString())
                .contains("counsel memo 7", "tokens only");
        var bad = counsel.postJson(
                "/api/v1/incidents/" + incident + "/judgements",
                "{\"question\":\"HIGH_RISK\",\"answer\":\"NO\",\"reason\":\"x\",\"privileged\":\"no\"}");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().path("detail").asString()).contains("privileged");
    }

    @Test
    void notRequiredJustificationsArePrivilegedUnlessLegalSaysOtherwise() {
        String incident = openIncident("Privileged justifications", AWARE);
        putScope(incident, WIDE);
        JsonNode obligations = obligationsOf(incident).path("obligations");
        String tx = find(obligations, "us-tx-ag@2023", "US-TX").path("id").asString();
        String ca = find(obligations, "eu-gdpr-33-sa", "EU").path("id").asString();
        var byDefault = counsel.postJson(
                "/api/v1/obligations/" + tx + "/status",
                "{\"status\":\"NOT_REQUIRED\",\"justification\":\"counsel: test accounts only\"}");
        assertThat(byDefault.status()).as(byDefault.body()).isEqualTo(200);
        JsonNode privileged = latestEntryBody(incident, "obligation.status-changed");
        assertThat(privileged.toString()).doesNotContain("test accounts");
        assertCommitment(privileged);

        var open = counsel.postJson(
                "/api/v1/obligations/" + ca + "/status",
                "{\"status\":\"NOT_REQUIRED\",\"justification\":\"below threshold\",\"privileged\":false}");
        assertThat(open.status()).as(open.body()).isEqualTo(200);
        JsonNode public_ = latestEntryBody(incident, "obligation.status-changed");
        assertThat(public_.path("justification").asString()).isEqualTo("below threshold");
        assertThat(public_.path("to").asString()).isEqualTo("NOT_REQUIRED");
    }

    @Test
    void draftsTheArt33NoticeKeepsEditsAndFilesItAsEvidenceWhenSent() throws Exception {
        String incident = openIncident("Customer records synced to a sandbox", AWARE);
        String path = "/api/v1/incidents/" + incident + "/notices/gdpr-art33";
        assertThat(http.post(path + "/sent").status()).isEqualTo(409);
        putScope(incident, WIDE);
        assertThat(http.get(path).body())
                .contains("[to be completed: start of the breach] to ongoing or unknown")
                .contains("[to be completed: measures taken]");
        // what the record knows of the breach's period and containment goes into the draft
        var occurred = http.putJson(
                "/api/v1/incidents/" + incident + "/occurred-at", "{\"occurredAt\":\"2026-11-25T14:30:00Z\"}");
        assertThat(occurred.status()).as(occurred.body()).isEqualTo(200);
        var contained = http.postJson(
                "/api/v1/incidents/" + incident + "/containment",
                "{\"at\":\"2026-11-26T06:00:00Z\",\"text\":\"sync user deactivated\"}");
        assertThat(contained.status()).as(contained.body()).isEqualTo(201);
        var draft = http.get(path);
        assertThat(draft.status()).as(draft.body()).isEqualTo(200);
        assertThat(draft.response().contentType()).startsWith("text/markdown");
        assertThat(draft.header("Tandem-Notice-State")).isEqualTo("DRAFT");
        assertThat(draft.body())
                .contains("Customer records synced to a sandbox")
                .contains("Example Retail SE")
                .contains("2026-11-26 08:00 +01:00")
                .contains("2026-11-25 15:30 +01:00 (Europe/Berlin) to 2026-11-26 07:00 +01:00 (Europe/Berlin)")
                .contains("The breach was contained on 2026-11-26 07:00 +01:00 (Europe/Berlin).")
                // established in DE, the GDPR covers all 2,300 people the breach concerns (Art. 3(1)),
                // as the obligation's basis says, not only the 1,200 in the EEA
                .contains("about 2,300")
                .contains("payment card data")
                .contains("Ada Lovelace, Data Protection Officer")
                .contains("Lead supervisory authority")
                .contains("Art. 33(3)(d)")
                .contains("[to be completed: likely consequences]");

        String edited = draft.body().replace("[to be completed: likely consequences]", "Card fraud; phishing.");
        var put = http.put(path, "text/markdown; charset=utf-8", edited);
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(put.header("Tandem-Notice-State")).isEqualTo("EDITED");
        assertThat(http.get(path).body()).isEqualTo(edited);
        assertThat(http.put(path, "text/markdown", " ").status()).isEqualTo(422);

        // the text still has gaps of Art. 33(3) content: refused, nothing written, unless confirmed
        long size = treeSize();
        var gaps = http.post(path + "/sent");
        assertThat(gaps.status()).as(gaps.body()).isEqualTo(422);
        assertThat(gaps.json().path("type").asString()).isEqualTo("urn:tandem:problem:notice-incomplete");
        assertThat(gaps.json().path("detail").asString())
                .contains("measures proposed")
                .doesNotContain("likely consequences");
        assertThat(http.postJson(path + "/sent", "{\"incomplete\":\"yes\"}").status())
                .isEqualTo(422);
        assertThat(treeSize()).isEqualTo(size);
        assertThat(http.get(path).header("Tandem-Notice-State")).isEqualTo("EDITED");

        // filed where counsel chooses: here AUDIT, asked for
        var sent = http.postJson(path + "/sent", "{\"incomplete\":true,\"repository\":\"AUDIT\"}");
        assertThat(sent.status()).as(sent.body()).isEqualTo(201);
        // the ledger records that it was sent incomplete, and what it lacked
        List<String> lacked = new ArrayList<>();
        latestEntryBody(incident, "notice.sent").path("incomplete").forEach(g -> lacked.add(g.asString()));
        assertThat(lacked).contains("measures proposed").doesNotContain("likely consequences");
        String evidence = sent.json().path("evidence").path("id").asString();
        assertThat(sent.json().path("obligation").path("status").asString()).isEqualTo("FILED");
        assertThat(sent.json().path("obligation").path("filingEvidence").asString())
                .isEqualTo(evidence);
        JsonNode meta = http.get("/api/v1/evidence/" + evidence).json();
        assertThat(meta.path("repository").asString()).isEqualTo("AUDIT");
        assertThat(meta.path("kind").asString()).isEqualTo("DOCUMENT");
        var content = api.getBytes("/api/v1/evidence/" + evidence + "/content");
        assertThat(new String(content.body(), StandardCharsets.UTF_8)).isEqualTo(edited);
        assertThat(http.get(path).header("Tandem-Notice-State")).isEqualTo("SENT");
        assertThat(http.put(path, "text/markdown", "late edit").status()).isEqualTo(409);
        assertThat(http.post(path + "/sent").status()).isEqualTo(409);
        assertThat(timelineTypes(incident))
                .containsSubsequence("notice.edited", "evidence.added", "notice.sent", "obligation.status-changed");
    }

    @Test
    void anEditedNoticeOlderThanTheAwarenessOrTheScopeIsSentOnlyStoredAgainOrConfirmed() {
        // the text states when the company became aware and whom the breach concerns (Art. 33(3)(a)):
        // edited before either changed, it may state the old facts to the supervisory authority
        String text = "# Notification\n\nBecame aware: 2026-11-26 08:00 +01:00. About 2,300 people.\n";
        String incident = openIncident("Stale notice", AWARE);
        putScope(incident, WIDE);
        String i = "/api/v1/incidents/" + incident;
        String path = i + "/notices/gdpr-art33";
        assertThat(http.put(path, "text/markdown", text).status()).isEqualTo(200);
        var earlier =
                http.putJson(i + "/awareness", "{\"awareAt\":\"2026-11-26T07:30:00+01:00\",\"reason\":\"alert\"}");
        assertThat(earlier.status()).as(earlier.body()).isEqualTo(200);
        assertThat(putScope(incident, WIDE.replace("1200", "4000")).status()).isEqualTo(200);
        assertThat(http.get(path).header("Tandem-Notice-Stale")).isEqualTo("awareness,scope");

        long size = treeSize();
        var refused = http.post(path + "/sent");
        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refused.json().path("type").asString()).isEqualTo("urn:tandem:problem:notice-incomplete");
        assertThat(refused.json().path("detail").asString())
                .contains("2 gaps")
                .contains("awareness: when the company became aware was changed after version 1")
                .contains("scope: the scope was changed after version 1")
                .contains("check the text and store it again");
        assertThat(treeSize()).as("nothing written").isEqualTo(size);
        // the page's "Mark sent" form lists them with the other gaps
        assertThat(http.get("/incidents/" + incident + "/obligations").body())
                .contains("check the text and store it again");

        // checked and stored again, the text is current: sent without a confirmation
        assertThat(http.put(
                                path,
                                "text/markdown",
                                text.replace("08:00", "07:30").replace("2,300", "5,100"))
                        .status())
                .isEqualTo(200);
        // filed as AUDIT, so that the entry's body is in the clear
        var sent = http.postJson(path + "/sent", "{\"repository\":\"AUDIT\"}");
        assertThat(sent.status()).as(sent.body()).isEqualTo(201);
        JsonNode noticeSent = latestEntryBody(incident, "notice.sent");
        assertThat(noticeSent.path("incomplete").isArray())
                .as(noticeSent.toString())
                .isTrue();
        assertThat(noticeSent.path("incomplete")).isEmpty();

        // or the sender confirms sending it as it stands, and the ledger says with what
        String other = openIncident("Stale notice, confirmed", AWARE);
        putScope(other, WIDE);
        String otherPath = "/api/v1/incidents/" + other + "/notices/gdpr-art33";
        assertThat(http.put(otherPath, "text/markdown", text).status()).isEqualTo(200);
        assertThat(putScope(other, WIDE.replace("1200", "4000")).status()).isEqualTo(200);
        var confirmed = http.postJson(otherPath + "/sent", "{\"incomplete\":true,\"repository\":\"AUDIT\"}");
        assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(201);
        List<String> lacked = new ArrayList<>();
        latestEntryBody(other, "notice.sent").path("incomplete").forEach(g -> lacked.add(g.asString()));
        assertThat(lacked).singleElement().asString().startsWith("scope: the scope was changed after version 1");
    }

    @Test
    void everyNoticeEditIsAVersionOfItsOwnThatTheLedgerNamesAndThatReadsBack() throws Exception {
        String incident = openIncident("Versioned notice", AWARE);
        putScope(incident, WIDE);
        String path = "/api/v1/incidents/" + incident + "/notices/gdpr-art33";
        assertThat(http.get(path).header("Tandem-Notice-Version")).isNull();
        List<String> texts = List.of("# First\n", "# Second, longer\n", "# Third: Ümlaut and 🔒\n");
        for (int i = 0; i < texts.size(); i++) {
            var put = http.put(path, "text/markdown; charset=utf-8", texts.get(i));
            assertThat(put.status()).as(put.body()).isEqualTo(200);
            assertThat(put.header("Tandem-Notice-Version")).isEqualTo(Integer.toString(i + 1));
        }
        assertThat(http.get(path).body()).isEqualTo(texts.get(2));
        JsonNode versions = http.get(path + "/versions").json();
        assertThat(versions).hasSize(3);
        // each notice.edited entry names its version and the hash of exactly that text
        List<JsonNode> edits = new ArrayList<>();
        for (JsonNode e :
                http.get("/api/v1/incidents/" + incident + "/timeline").json()) {
            if (e.path("type").asString().equals("notice.edited")) {
                // a draft is counsel's work product: the entry is privileged, opened for the commander
                assertThat(e.path("privileged").asBoolean()).as(e.toString()).isTrue();
                edits.add(e.path("opened"));
            }
        }
        assertThat(edits).hasSize(3);
        for (int i = 0; i < 3; i++) {
            JsonNode entry = edits.get(i);
            int version = entry.path("version").asInt();
            assertThat(version).isEqualTo(i + 1);
            var read = http.get(path + "/versions/" + version);
            assertThat(read.status()).isEqualTo(200);
            assertThat(read.body()).isEqualTo(texts.get(i));
            assertThat(entry.path("sha256").asString())
                    .isEqualTo(read.header("Tandem-Notice-Sha256"))
                    .isEqualTo(NoticeDrafts.sha256(texts.get(i)));
            assertThat(versions.get(i).path("sha256").asString())
                    .isEqualTo(entry.path("sha256").asString());
        }
        assertThat(http.get(path + "/versions/4").status()).isEqualTo(404);
        assertThat(http.get(path + "/versions/first").status()).isEqualTo(400);
        // sending keeps the versions; the text sent is the last one (it has no gaps, and is in time)
        var sent = http.postJson(path + "/sent", "{\"repository\":\"AUDIT\"}");
        assertThat(sent.status()).as(sent.body()).isEqualTo(201);
        assertThat(latestEntryBody(incident, "notice.sent").path("incomplete").isEmpty())
                .isTrue();
        assertThat(http.get(path + "/versions").json()).hasSize(3);
        assertThat(http.get(path + "/versions/1").body()).isEqualTo(texts.get(0));
    }

    @Test
    void aNoticeEditWithIfMatchIsStoredOnlyOverTheTextItWasReadAs() {
        String incident = openIncident("Two editors", AWARE);
        putScope(incident, WIDE);
        String path = "/api/v1/incidents/" + incident + "/notices/gdpr-art33";
        String md = "text/markdown; charset=utf-8";
        // the generated draft's tag is its text's SHA-256, as a stored version's is
        var draft = http.get(path);
        assertThat(draft.header("ETag")).isEqualTo("\"" + NoticeDrafts.sha256(draft.body()) + "\"");
        String draftTag = draft.header("ETag");
        // two people open the draft; the first stores over it, the second is refused and nothing is stored
        var first = http.put(path, md, "# First editor\n", draftTag);
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.header("Tandem-Notice-Version")).isEqualTo("1");
        assertThat(first.header("ETag")).isEqualTo("\"" + NoticeDrafts.sha256("# First editor\n") + "\"");
        var second = http.put(path, md, "# Second editor\n", draftTag);
        assertThat(second.status()).as(second.body()).isEqualTo(412);
        assertThat(second.json().path("type").asString()).isEqualTo("urn:tandem:problem:notice-changed");
        assertThat(second.json().path("detail").asString())
                .startsWith("If-Match: the notice is now version 1 by ")
                .contains(first.header("ETag"));
        assertThat(http.get(path + "/versions").json()).hasSize(1);
        assertThat(http.get(path).body()).isEqualTo("# First editor\n");
        // over the text now read it is stored; a list naming it, and *, match too; a weak tag never does
        var again = http.put(path, md, "# Second editor\n", "\"0000\", " + first.header("ETag"));
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.header("Tandem-Notice-Version")).isEqualTo("2");
        assertThat(http.put(path, md, "# Third\n", "W/" + again.header("ETag")).status())
                .isEqualTo(412);
        assertThat(http.put(path, md, "# Third\n", "*").status()).isEqualTo(200);
        // a header that is no entity tag is named, and nothing is stored
        var bad = http.put(path, md, "# Fourth\n", "3");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("detail").asString()).startsWith("If-Match: '3' is not a list of entity tags");
        assertThat(http.get(path + "/versions").json()).hasSize(3);
        // without If-Match every edit is stored, as before
        assertThat(http.put(path, md, "# Fifth\n").status()).isEqualTo(200);
    }

    @Test
    void aSentNoticeIsFiledAsForensicUnlessCounselAsksForAudit() {
        String incident = openIncident("Sent where counsel chooses", AWARE);
        putScope(incident, WIDE);
        String path = "/api/v1/incidents/" + incident + "/notices/gdpr-art33";
        assertThat(http.postJson(path + "/sent", "{\"incomplete\":true,\"repository\":\"BOTH\"}")
                        .json()
                        .path("detail")
                        .asString())
                .startsWith("repository: must be FORENSIC or AUDIT");
        var sent = http.postJson(path + "/sent", "{\"incomplete\":true}");
        assertThat(sent.status()).as(sent.body()).isEqualTo(201);
        assertThat(sent.json().path("evidence").path("repository").asString()).isEqualTo("FORENSIC");
        String evidence = sent.json().path("evidence").path("id").asString();
        assertThat(http.get("/api/v1/evidence/" + evidence)
                        .json()
                        .path("repository")
                        .asString())
                .isEqualTo("FORENSIC");
        // its notice.sent entry is then a commitment, as the item's evidence.added
        assertCommitment(latestEntryBody(incident, "notice.sent"));
    }

    @Test
    void aNoticeSentAsDraftedKeepsTheTextSentAsItsVersion() {
        String incident = openIncident("Sent as drafted", AWARE);
        putScope(incident, WIDE);
        String path = "/api/v1/incidents/" + incident + "/notices/gdpr-art33";
        String drafted = http.get(path).body();
        var sent = http.postJson(path + "/sent", "{\"incomplete\":true}");
        assertThat(sent.status()).as(sent.body()).isEqualTo(201);
        var now = http.get(path);
        assertThat(now.header("Tandem-Notice-State")).isEqualTo("SENT");
        assertThat(now.header("Tandem-Notice-Version")).isEqualTo("1");
        String evidence = sent.json().path("evidence").path("id").asString();
        String asSent = new String(
                api.getBytes("/api/v1/evidence/" + evidence + "/content").body(), StandardCharsets.UTF_8);
        assertThat(now.body()).isEqualTo(asSent);
        assertThat(drafted.lines().count()).isEqualTo(asSent.lines().count());
    }

    @Test
    void remindsByWebhookOncePerLeadTimeRetriesFailuresAndSurvivesARestart() {
        String title = "Reminder test " + System.nanoTime();
        String incident = openIncident(title, "2026-11-26T07:00:00Z");
        putScope(incident, "{\"subjects\":{\"DE\":1200},\"data\":[\"CONTACT\"]}");
        JsonNode gdpr = find(obligationsOf(incident).path("obligations"), "eu-gdpr-33-sa", "EU");
        String id = gdpr.path("id").asString();
        Instant due = Instant.parse(gdpr.path("due").asString());
        assertThat(due).isEqualTo(Instant.parse("2026-11-29T07:00:00Z"));

        clock.set(due.minus(Duration.ofHours(25)));
        reminders.run();
        assertThat(messagesFor(id)).isEmpty();

        clock.set(due.minus(Duration.ofHours(24)));
        reminders.run();
        assertThat(messagesFor(id)).singleElement().satisfies(m -> {
            JsonNode text = JSON.readTree(m);
            assertThat(text.propertyNames()).containsExactly("text");
            assertThat(text.path("text").asString())
                    .contains("EU GDPR notice to SUPERVISORY_AUTHORITY (EU)")
                    .contains("2026-11-29 08:00 +01:00 (Europe/Berlin)")
                    .contains("in 1 d.")
                    .contains(title);
        });
        clock.advance(Duration.ofMinutes(30));
        reminders.run();
        assertThat(messagesFor(id)).hasSize(1);

        // the webhook fails: nothing is recorded, the next run tries again
        clock.set(due.minus(Duration.ofHours(4)));
        WEBHOOK_STATUS.set(500);
        Reminders.Run failed = reminders.run();
        assertThat(failed.failed()).isPositive();
        assertThat(messagesFor(id)).hasSize(1);
        WEBHOOK_STATUS.set(200);
        reminders.run();
        assertThat(messagesFor(id)).hasSize(2);

        // a restarted job (a new instance over the same database) does not send them again
        Reminders restarted = new Reminders(
                context.getBean(Obligations.class),
                context.getBean(dev.tandem.server.incident.Incidents.class),
                context.getBean(dev.tandem.server.ledger.Ledger.class),
                jdbc,
                clock,
                context.getBean(JsonMapper.class),
                context.getBean(ReminderProperties.class));
        restarted.run();
        assertThat(messagesFor(id)).hasSize(2);

        // a filed obligation is not reminded
        String receipt = api.postBytes(
                        "/api/v1/incidents/" + incident + "/evidence?repository=AUDIT&kind=DOCUMENT&name=r.pdf",
                        "receipt".getBytes(StandardCharsets.UTF_8))
                .json()
                .path("id")
                .asString();
        http.postJson(
                "/api/v1/obligations/" + id + "/status", "{\"status\":\"FILED\",\"evidence\":\"" + receipt + "\"}");
        clock.set(due.minus(Duration.ofMinutes(30)));
        restarted.run();
        assertThat(messagesFor(id)).hasSize(2);

        List<JsonNode> reminded = new ArrayList<>();
        http.get("/api/v1/incidents/" + incident + "/timeline").json().forEach(e -> {
            if (e.path("type").asString().equals("obligation.reminded")) {
                reminded.add(e.path("body"));
            }
        });
        assertThat(reminded).hasSize(2);
        assertThat(reminded.get(0).path("leadTime").asString()).isEqualTo("PT24H");
        assertThat(reminded.get(1).path("leadTime").asString()).isEqualTo("PT4H");
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM obligation_reminder WHERE obligation_id = ?", Integer.class, id))
                .isEqualTo(2);
    }

    /**
     * An open evidence request is reminded before the end of its due date in the incident's time
     * zone, once per lead time (lead times reached together in one message), recorded in the ledger
     * without changing the request; a declined request is reminded no more.
     */
    @Test
    void remindsOfAnOpenEvidenceRequestBeforeTheEndOfItsDueDate() {
        String tag = Long.toString(System.nanoTime(), 36);
        String title = "Request reminder " + tag;
        String incident = openIncident(title, null);
        String auditorName = "auditor-" + tag;
        assertThat(api.postJson("/api/v1/users", "{\"username\":\"" + auditorName + "\"}")
                        .status())
                .isEqualTo(201);
        String token = TestUsers.token(accounts, auditorName, "reminders");
        assertThat(api.putJson("/api/v1/incidents/" + incident + "/members/" + auditorName, "{\"role\":\"AUDITOR\"}")
                        .status())
                .isEqualTo(200);
        Api auditor = api.as(token);
        Api.Response filed = auditor.postJson(
                "/api/v1/incidents/" + incident + "/evidence-requests",
                "{\"text\":\"The access review of the integration user, <!channel> & all\",\"due\":\"2026-11-30\","
                        + "\"controls\":[\"CC6.1\"]}");
        assertThat(filed.status()).as(filed.body()).isEqualTo(201);
        String request = filed.json().path("id").asString();
        // the end of 30 November in Berlin (UTC+1)
        Instant due = Instant.parse("2026-11-30T23:00:00Z");

        clock.set(due.minus(Duration.ofHours(25)));
        reminders.run();
        assertThat(messagesFor(request)).isEmpty();

        clock.set(due.minus(Duration.ofHours(24)));
        reminders.run();
        assertThat(messagesFor(request)).singleElement().satisfies(m -> {
            String text = JSON.readTree(m).path("text").asString();
            assertThat(text)
                    .contains("evidence request from " + auditorName + " is due 2026-11-30")
                    .contains("(end of the day in Europe/Berlin: 2026-12-01 00:00 +01:00 (Europe/Berlin))")
                    .contains("in 1 d.")
                    .contains("Controls: CC6.1")
                    .contains("Incident: " + title)
                    // Slack's control characters in the auditor's text are escaped
                    .contains("&lt;!channel&gt; &amp; all")
                    .doesNotContain("<!channel>");
        });
        reminders.run();
        assertThat(messagesFor(request)).hasSize(1);

        // the 4 h and 1 h lead times reached together: one message for the nearest
        clock.set(due.minus(Duration.ofMinutes(30)));
        reminders.run();
        assertThat(messagesFor(request)).hasSize(2);
        assertThat(messagesFor(request).get(1)).contains("in 30 min");
        assertThat(auditor.get("/api/v1/evidence-requests/" + request)
                        .json()
                        .path("status")
                        .asString())
                .isEqualTo("OPEN");

        List<JsonNode> reminded = new ArrayList<>();
        http.get("/api/v1/incidents/" + incident + "/timeline").json().forEach(e -> {
            if (e.path("type").asString().equals("evidence-request.reminded")) {
                reminded.add(e.path("body"));
            }
        });
        assertThat(reminded).hasSize(2);
        assertThat(reminded.get(0).path("leadTime").asString()).isEqualTo("PT24H");
        assertThat(reminded.get(1).path("leadTime").asString()).isEqualTo("PT1H");
        assertThat(reminded.get(1).path("covers").toString()).isEqualTo("[\"PT1H\",\"PT4H\"]");
        assertThat(reminded.get(1).path("dueOn").asString()).isEqualTo("2026-11-30");
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM evidence_request_reminder WHERE request_id = ?", Integer.class, request))
                .isEqualTo(3);

        // declined by the incident commander: no more reminders, not even overdue ones
        Api.Response declined = api.postJson(
                "/api/v1/evidence-requests/" + request + "/decline", "{\"reason\":\"out of the audit's scope\"}");
        assertThat(declined.status()).as(declined.body()).isEqualTo(200);
        clock.set(due.plus(Duration.ofHours(2)));
        reminders.run();
        assertThat(messagesFor(request)).hasSize(2);
    }

    @Autowired
    org.springframework.context.ApplicationContext context;

    static List<String> messagesFor(String obligationId) {
        return RECEIVED.stream().filter(m -> m.contains(obligationId)).toList();
    }
}
