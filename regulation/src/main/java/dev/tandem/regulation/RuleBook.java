package dev.tandem.regulation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.MissingNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The rules as versioned data: {@code rules.json} in this package, or a file counsel edits, loaded
 * and checked as a whole at start. Every error names the file, the rule and the field.
 */
public final class RuleBook {
    /** Codes that are jurisdictions without being ISO 3166 codes. */
    private static final Set<String> PSEUDO_JURISDICTIONS = Set.of("EU", "GLOBAL");

    private final String name;
    private final String version;
    private final String disclaimer;
    private final Map<String, List<String>> regions;
    private final Map<String, Question> questions;
    private final HolidayCalendars calendars;
    private final Map<String, String> calendarDescriptions;
    private final List<Rule> rules;
    private final Set<String> localLaws;
    private final Map<String, Map<String, Rule.Transposition>> transpositions;
    private final List<ResearchNote> researchNotes;
    private final @Nullable Review review;

    /** A question the law leaves to judgement, as the rule file words it. */
    public record Question(String key, String text, String citation) {}

    /**
     * What was searched for a change in the law and found (or not), for counsel to check: kept in the
     * rule file next to the rules, and printed in {@code docs/regulation-rules.md}.
     *
     * @param searched the day the search was made
     */
    public record ResearchNote(String topic, LocalDate searched, String text) {}

    /**
     * Counsel's review of the rule book on one day: each finding names the rules it concerns (by id
     * without version; none for a law the book lacks), what was found, the source checked and what
     * was done. Printed in {@code docs/regulation-rules.md}.
     */
    public record Review(LocalDate date, List<Finding> findings) {
        public Review {
            findings = List.copyOf(findings);
        }
    }

    /** What a review did with a finding. */
    public enum Outcome {
        /** The rule agrees with the source checked. */
        CONFIRMED,
        /** A wrong deadline, trigger, threshold or citation was corrected. */
        FIXED,
        /** A rule the book lacked was added. */
        ADDED,
        /** The law is unclear: the rule's text says what counsel must decide. */
        COUNSEL_DECIDES,
        /** A law the book lacks and this review did not add. */
        MISSING
    }

    /** One finding of a {@link Review}. */
    public record Finding(List<String> rules, Outcome outcome, String text, String source) {
        public Finding {
            rules = List.copyOf(rules);
        }
    }

    private RuleBook(
            String name,
            String version,
            String disclaimer,
            Map<String, List<String>> regions,
            Map<String, Question> questions,
            HolidayCalendars calendars,
            Map<String, String> calendarDescriptions,
            List<Rule> rules,
            Set<String> localLaws,
            Map<String, Map<String, Rule.Transposition>> transpositions,
            List<ResearchNote> researchNotes,
            @Nullable Review review) {
        this.review = review;
        this.localLaws = Set.copyOf(localLaws);
        this.transpositions = Map.copyOf(transpositions);
        this.researchNotes = List.copyOf(researchNotes);
        this.name = name;
        this.version = version;
        this.disclaimer = disclaimer;
        this.regions = regions;
        this.questions = questions;
        this.calendars = calendars;
        this.calendarDescriptions = calendarDescriptions;
        this.rules = List.copyOf(rules);
    }

    /** The rules shipped with Tandem. */
    public static RuleBook standard() {
        try (InputStream in = RuleBook.class.getResourceAsStream("rules.json")) {
            if (in == null) {
                throw new RuleBookException("rules.json is missing from the classpath");
            }
            // its calendars are opened on first use: a deadline counted in business days is rare
            // next to the cost of reading holiday XML (RuleBookTest opens them all)
            return load(in, "rules.json", false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads and checks a rule file, its holiday calendars included; {@code name} is how errors refer to it. */
    public static RuleBook load(InputStream in, String name) {
        return load(in, name, true);
    }

    private static RuleBook load(InputStream in, String name, boolean openCalendars) {
        JsonNode root;
        try {
            root = tree(in, name);
        } catch (JacksonException e) {
            throw new RuleBookException(name + ": not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null
                            ? ""
                            : " at line " + e.getLocation().getLineNr()));
        }
        return new Parser(name, openCalendars).book(root);
    }

    /**
     * The document as a tree, read with Jackson's streaming parser: the same tree an
     * {@code ObjectMapper} reads (a later duplicate key replaces an earlier one), without building a
     * mapper, which costs more than reading the whole file when {@code tandem deadlines} starts.
     */
    static JsonNode tree(InputStream in, String name) {
        try (JsonParser p = new JsonFactory().createParser(ObjectReadContext.empty(), in)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                return MissingNode.getInstance();
            }
            JsonNode root = node(p, first);
            if (p.nextToken() != null) {
                throw new RuleBookException(name + ": not valid JSON: more after the end of the document at line "
                        + p.currentLocation().getLineNr());
            }
            return root;
        }
    }

    private static JsonNode node(JsonParser p, JsonToken t) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        return switch (t) {
            case START_OBJECT -> {
                ObjectNode o = f.objectNode();
                for (String field = p.nextName(); field != null; field = p.nextName()) {
                    o.set(field, node(p, p.nextToken()));
                }
                yield o;
            }
            case START_ARRAY -> {
                ArrayNode a = f.arrayNode();
                for (JsonToken x = p.nextToken(); x != JsonToken.END_ARRAY; x = p.nextToken()) {
                    a.add(node(p, x));
                }
                yield a;
            }
            case VALUE_STRING -> f.stringNode(p.getString());
            case VALUE_NUMBER_INT ->
                switch (p.getNumberType()) {
                    case INT -> f.numberNode(p.getIntValue());
                    case LONG -> f.numberNode(p.getLongValue());
                    default -> f.numberNode(p.getBigIntegerValue());
                };
            case VALUE_NUMBER_FLOAT -> f.numberNode(p.getDoubleValue());
            case VALUE_TRUE -> f.booleanNode(true);
            case VALUE_FALSE -> f.booleanNode(false);
            case VALUE_NULL -> f.nullNode();
            default -> throw new IllegalStateException("unexpected JSON token " + t);
        };
    }

    public String name() {
        return name;
    }

    public String version() {
        return version;
    }

    public String disclaimer() {
        return disclaimer;
    }

    public List<Rule> rules() {
        return rules;
    }

    /**
     * The time zone of an EU/EEA member state's supervisory authority (where it sits), for a notice
     * to the lead supervisory authority of the GDPR's one-stop shop (Art. 56(1)): the rule file's
     * {@code EU} zone (Brussels) is not the lead authority's where the main establishment is in
     * Ireland, Portugal, Finland, Greece and the other states off Central European Time. Null for
     * a code that is not a member state's.
     */
    public static @org.jspecify.annotations.Nullable ZoneId capitalZone(String memberState) {
        String id = AUTHORITY_ZONES.get(memberState);
        return id == null ? null : ZoneId.of(id);
    }

    private static final Map<String, String> AUTHORITY_ZONES = Map.ofEntries(
            Map.entry("AT", "Europe/Vienna"),
            Map.entry("BE", "Europe/Brussels"),
            Map.entry("BG", "Europe/Sofia"),
            Map.entry("HR", "Europe/Zagreb"),
            Map.entry("CY", "Asia/Nicosia"),
            Map.entry("CZ", "Europe/Prague"),
            Map.entry("DK", "Europe/Copenhagen"),
            Map.entry("EE", "Europe/Tallinn"),
            Map.entry("FI", "Europe/Helsinki"),
            Map.entry("FR", "Europe/Paris"),
            Map.entry("DE", "Europe/Berlin"),
            Map.entry("GR", "Europe/Athens"),
            Map.entry("HU", "Europe/Budapest"),
            Map.entry("IE", "Europe/Dublin"),
            Map.entry("IT", "Europe/Rome"),
            Map.entry("LV", "Europe/Riga"),
            Map.entry("LT", "Europe/Vilnius"),
            Map.entry("LU", "Europe/Luxembourg"),
            Map.entry("MT", "Europe/Malta"),
            Map.entry("NL", "Europe/Amsterdam"),
            Map.entry("PL", "Europe/Warsaw"),
            Map.entry("PT", "Europe/Lisbon"),
            Map.entry("RO", "Europe/Bucharest"),
            Map.entry("SK", "Europe/Bratislava"),
            Map.entry("SI", "Europe/Ljubljana"),
            Map.entry("ES", "Europe/Madrid"),
            Map.entry("SE", "Europe/Stockholm"),
            Map.entry("IS", "Atlantic/Reykjavik"),
            Map.entry("LI", "Europe/Vaduz"),
            Map.entry("NO", "Europe/Oslo"));

    /** The rule of an id with its {@code @version}, as obligations carry it; empty when the book has none. */
    public java.util.Optional<Rule> rule(String id) {
        for (Rule r : rules) {
            if (r.id().equals(id)) return java.util.Optional.of(r);
        }
        return java.util.Optional.empty();
    }

    /**
     * Countries whose subdivisions have breach laws of their own (the US states and territories):
     * there a national rule does not stand in for a missing subdivision rule, so people in a
     * subdivision no rule names are reported as uncovered.
     */
    public Set<String> localLaws() {
        return localLaws;
    }

    public Map<String, List<String>> regions() {
        return regions;
    }

    public Map<String, Question> questions() {
        return questions;
    }

    public HolidayCalendars calendars() {
        return calendars;
    }

    public Map<String, String> calendarDescriptions() {
        return calendarDescriptions;
    }

    /**
     * The national laws transposing each directive the rules name ({@code NIS2}), by member state
     * in code order: in force from a date, or not confirmed in force. A state not listed has no record.
     */
    public Map<String, Map<String, Rule.Transposition>> transpositions() {
        return transpositions;
    }

    /** What was searched and found for counsel to check, in file order. */
    public List<ResearchNote> researchNotes() {
        return researchNotes;
    }

    /** Counsel's review of this rule book, if the file records one. */
    public Optional<Review> review() {
        return Optional.ofNullable(review);
    }

    /** Versions of one rule share the part of the id before {@code @}. */
    public static String family(String id) {
        int at = id.indexOf('@');
        return at < 0 ? id : id.substring(0, at);
    }

    private static final class Parser {
        private final String file;
        private final boolean openCalendars;

        Parser(String file, boolean openCalendars) {
            this.file = file;
            this.openCalendars = openCalendars;
        }

        RuleBook book(JsonNode root) {
            fields(
                    root,
                    file,
                    Set.of(
                            "version",
                            "disclaimer",
                            "regions",
                            "zones",
                            "calendars",
                            "questions",
                            "localLaws",
                            "transpositions",
                            "researchNotes",
                            "review",
                            "rules"));
            String version = text(root, "version", file);
            String disclaimer = text(root, "disclaimer", file);
            Map<String, List<String>> regions = new LinkedHashMap<>();
            for (var e : object(root, "regions", file).properties()) {
                List<String> members = new ArrayList<>();
                for (JsonNode m : e.getValue()) {
                    String c = m.asString();
                    if (!RegionCodes.isCountry(c)) {
                        throw error(file + ": region " + e.getKey() + ": '" + c + "' is not an ISO 3166-1 code");
                    }
                    members.add(c);
                }
                regions.put(e.getKey(), List.copyOf(members));
            }
            Map<String, ZoneId> zones = new HashMap<>();
            for (var e : object(root, "zones", file).properties()) {
                zones.put(e.getKey(), zone(e.getValue().asString(), file + ": zones." + e.getKey()));
            }
            Map<String, String> calendarSpecs = new LinkedHashMap<>();
            Map<String, String> calendarDescriptions = new LinkedHashMap<>();
            for (var e : object(root, "calendars", file).properties()) {
                String where = file + ": calendars." + e.getKey();
                fields(e.getValue(), where, Set.of("jollyday", "description"));
                calendarSpecs.put(e.getKey(), text(e.getValue(), "jollyday", where));
                calendarDescriptions.put(e.getKey(), text(e.getValue(), "description", where));
            }
            HolidayCalendars calendars =
                    openCalendars ? new HolidayCalendars(calendarSpecs) : HolidayCalendars.lazy(calendarSpecs);
            Map<String, Question> questions = new LinkedHashMap<>();
            for (var e : object(root, "questions", file).properties()) {
                String where = file + ": questions." + e.getKey();
                fields(e.getValue(), where, Set.of("text", "citation"));
                questions.put(
                        e.getKey(),
                        new Question(
                                e.getKey(), text(e.getValue(), "text", where), text(e.getValue(), "citation", where)));
            }
            Map<String, Map<String, Rule.Transposition>> transpositions = new LinkedHashMap<>();
            if (root.has("transpositions")) {
                for (var e : object(root, "transpositions", file).properties()) {
                    transpositions.put(
                            e.getKey(), transposition(e.getValue(), file + ": transpositions." + e.getKey()));
                }
            }
            List<ResearchNote> notes = new ArrayList<>();
            if (root.has("researchNotes")) {
                JsonNode rn = root.get("researchNotes");
                if (!rn.isArray()) {
                    throw error(file + ": researchNotes must be an array");
                }
                int k = 0;
                for (JsonNode note : rn) {
                    String where = file + ": researchNotes[" + k++ + "]";
                    fields(note, where, Set.of("topic", "searched", "text"));
                    notes.add(new ResearchNote(
                            text(note, "topic", where),
                            date(text(note, "searched", where), where + ".searched"),
                            text(note, "text", where)));
                }
            }
            JsonNode list = root.get("rules");
            if (list == null || !list.isArray() || list.isEmpty()) {
                throw error(file + ": 'rules' must be a non-empty array");
            }
            List<Rule> rules = new ArrayList<>();
            Set<String> ids = new HashSet<>();
            int i = 0;
            for (JsonNode n : list) {
                Rule r = rule(n, i++, regions, zones, calendars, questions, transpositions);
                if (!ids.add(r.id())) {
                    throw error(file + ": rule " + r.id() + " is defined twice");
                }
                rules.add(r);
            }
            checkVersions(rules);
            Set<String> families = new HashSet<>();
            rules.forEach(r -> families.add(family(r.id())));
            for (Rule r : rules) {
                String after = r.deadline().after();
                if (after != null && !families.contains(after)) {
                    throw error(file + ": rule " + r.id() + ": deadline.after names no rule: '" + after
                            + "' (give a rule id without its @version)");
                }
            }
            Set<String> localLaws = new HashSet<>();
            if (root.has("localLaws")) {
                for (JsonNode c : root.get("localLaws")) {
                    if (!RegionCodes.isCountry(c.asString())) {
                        throw error(file + ": localLaws: '" + c.asString() + "' is not an ISO 3166-1 code");
                    }
                    localLaws.add(c.asString());
                }
            }
            Review review = root.has("review") ? review(root.get("review"), families) : null;
            return new RuleBook(
                    file,
                    version,
                    disclaimer,
                    Map.copyOf(regions),
                    questions,
                    calendars,
                    calendarDescriptions,
                    rules,
                    localLaws,
                    transpositions,
                    notes,
                    review);
        }

        /**
         * Counsel's review: {@code {"date":"2026-12-07","findings":[{"rules":["us-ar-ag"],
         * "outcome":"FIXED","text":…,"source":…}]}}; each rule named must be in the book.
         */
        private Review review(JsonNode r, Set<String> families) {
            String where = file + ": review";
            fields(r, where, Set.of("date", "findings"));
            LocalDate date = date(text(r, "date", where), where + ".date");
            JsonNode list = r.get("findings");
            if (list == null || !list.isArray() || list.isEmpty()) {
                throw error(where + ".findings must be a non-empty array");
            }
            List<Finding> findings = new ArrayList<>();
            int k = 0;
            for (JsonNode f : list) {
                String at = where + ".findings[" + k++ + "]";
                fields(f, at, Set.of("rules", "outcome", "text", "source"));
                List<String> named = new ArrayList<>();
                JsonNode rs = f.get("rules");
                if (rs == null || !rs.isArray()) {
                    throw error(at + ".rules must be an array of rule ids (empty for a law the book lacks)");
                }
                for (JsonNode id : rs) {
                    if (!families.contains(id.asString())) {
                        throw error(at + ".rules: '" + id.asString()
                                + "' names no rule (give a rule id without its @version)");
                    }
                    named.add(id.asString());
                }
                String outcome = text(f, "outcome", at);
                Outcome o;
                try {
                    o = Outcome.valueOf(outcome);
                } catch (IllegalArgumentException e) {
                    throw error(at + ".outcome: '" + outcome + "' is not one of " + Arrays.toString(Outcome.values()));
                }
                findings.add(new Finding(named, o, text(f, "text", at), text(f, "source", at)));
            }
            return new Review(date, findings);
        }

        /**
         * One directive's national laws: {@code {"checked":"2026-12-05","states":{"DE":{"from":...,
         * "law":...,"source":...}, "FR":{"status":"NOT_CONFIRMED","law":...,"source":...}}}}. A state's
         * entry has either {@code from} (in force since) or {@code status} NOT_CONFIRMED, never both.
         */
        private Map<String, Rule.Transposition> transposition(JsonNode d, String where) {
            fields(d, where, Set.of("directive", "checked", "states"));
            text(d, "directive", where);
            LocalDate checked = date(text(d, "checked", where), where + ".checked");
            Map<String, Rule.Transposition> states = new TreeMap<>();
            for (var e : object(d, "states", where).properties()) {
                String tw = where + ".states." + e.getKey();
                if (!RegionCodes.isCountry(e.getKey())) {
                    throw error(tw + ": not an ISO 3166-1 code");
                }
                JsonNode t = e.getValue();
                fields(t, tw, Set.of("from", "status", "law", "source", "primary"));
                boolean dated = t.has("from");
                boolean unconfirmed = t.has("status");
                if (dated == unconfirmed) {
                    throw error(tw + ": give either 'from' (in force since) or 'status': \"NOT_CONFIRMED\"");
                }
                if (unconfirmed && !"NOT_CONFIRMED".equals(text(t, "status", tw))) {
                    throw error(tw + ": status must be NOT_CONFIRMED, got '" + text(t, "status", tw) + "'");
                }
                states.put(
                        e.getKey(),
                        new Rule.Transposition(
                                dated ? date(text(t, "from", tw), tw + ".from") : null,
                                text(t, "law", tw),
                                t.has("primary") && bool(t, "primary", tw),
                                text(t, "source", tw),
                                checked));
            }
            return Collections.unmodifiableMap(new LinkedHashMap<>(states));
        }

        private void checkVersions(List<Rule> rules) {
            Map<String, List<Rule>> families = new LinkedHashMap<>();
            rules.forEach(r -> families.computeIfAbsent(family(r.id()), k -> new ArrayList<>())
                    .add(r));
            families.forEach((family, versions) -> {
                for (int a = 0; a < versions.size(); a++) {
                    for (int b = a + 1; b < versions.size(); b++) {
                        Rule x = versions.get(a);
                        Rule y = versions.get(b);
                        LocalDate xTo = x.inForce().to() == null
                                ? LocalDate.MAX
                                : x.inForce().to();
                        LocalDate yTo = y.inForce().to() == null
                                ? LocalDate.MAX
                                : y.inForce().to();
                        if (!x.inForce().from().isAfter(yTo)
                                && !y.inForce().from().isAfter(xTo)) {
                            throw error(file + ": rules " + x.id() + " and " + y.id()
                                    + " are versions of one rule whose in-force dates overlap");
                        }
                    }
                }
            });
        }

        private Rule rule(
                JsonNode n,
                int index,
                Map<String, List<String>> regions,
                Map<String, ZoneId> zones,
                HolidayCalendars calendars,
                Map<String, Question> questions,
                Map<String, Map<String, Rule.Transposition>> transpositions) {
            String where0 = file + ": rules[" + index + "]";
            String id = text(n, "id", where0);
            String where = file + ": rule " + id;
            fields(
                    n,
                    where,
                    Set.of(
                            "id",
                            "regime",
                            "jurisdiction",
                            "recipient",
                            "trigger",
                            "question",
                            "deadline",
                            "zone",
                            "content",
                            "citation",
                            "confidence",
                            "source",
                            "inForce",
                            "notes",
                            "warning",
                            "primary",
                            "transposition"));
            String jurisdiction = text(n, "jurisdiction", where);
            if (!PSEUDO_JURISDICTIONS.contains(jurisdiction)) {
                try {
                    String norm = RegionCodes.normalise(jurisdiction);
                    if (!norm.equals(jurisdiction)) {
                        throw error(where + ": jurisdiction '" + jurisdiction + "' should be written " + norm);
                    }
                } catch (InvalidScopeException e) {
                    throw error(where + ": jurisdiction: " + e.getMessage());
                }
            }
            Recipient recipient = enumValue(Recipient.class, text(n, "recipient", where), where + ": recipient");
            Rule.Trigger trigger = trigger(object(n, "trigger", where), where + ": trigger", regions);
            Rule.QuestionRef question = null;
            if (n.has("question")) {
                JsonNode q = n.get("question");
                String qw = where + ": question";
                fields(q, qw, Set.of("key", "requiredIf", "presumed", "citation"));
                String key = text(q, "key", qw);
                if (!questions.containsKey(key)) {
                    throw error(qw + ": unknown question '" + key + "' (known: " + questions.keySet() + ")");
                }
                question = new Rule.QuestionRef(
                        key,
                        enumValue(Answer.class, text(q, "requiredIf", qw), qw + ".requiredIf"),
                        bool(q, "presumed", qw),
                        q.has("citation") ? text(q, "citation", qw) : null);
            }
            Rule.DeadlineSpec deadline = deadline(object(n, "deadline", where), where + ": deadline", calendars);
            if (deadline.from() == Rule.ClockStart.DECISION && question == null) {
                throw error(where + ": deadline runs from a DECISION but the rule has no question");
            }
            boolean fromNotice =
                    deadline.from() == Rule.ClockStart.NOTICE || deadline.from() == Rule.ClockStart.INCOMPLETE_NOTICE;
            if (fromNotice != (deadline.after() != null)) {
                throw error(where + ": deadline: 'after' names the notice a NOTICE or INCOMPLETE_NOTICE clock runs"
                        + " from, and only then");
            }
            if (deadline.after() != null && deadline.after().equals(family(id))) {
                throw error(where + ": deadline.after names the rule itself");
            }
            ZoneId zone;
            if (n.has("zone")) {
                zone = zone(text(n, "zone", where), where + ": zone");
            } else {
                zone = zones.get(jurisdiction);
                if (zone == null && jurisdiction.length() > 2) {
                    zone = zones.get(jurisdiction.substring(0, 2));
                }
                if (zone == null) {
                    throw error(where + ": no time zone for jurisdiction " + jurisdiction
                            + " (give 'zone' or add it to 'zones')");
                }
            }
            List<String> content = new ArrayList<>();
            JsonNode c = n.get("content");
            if (c == null || !c.isArray() || c.isEmpty()) {
                throw error(where + ": 'content' must list what the notice must contain");
            }
            c.forEach(x -> content.add(x.asString()));
            JsonNode f = object(n, "inForce", where);
            fields(f, where + ": inForce", Set.of("from", "to"));
            LocalDate from = date(text(f, "from", where + ": inForce"), where + ": inForce.from");
            LocalDate to = f.has("to") ? date(f.get("to").asString(), where + ": inForce.to") : null;
            if (to != null && to.isBefore(from)) {
                throw error(where + ": inForce.to " + to + " is before inForce.from " + from);
            }
            Set<String> primary = new HashSet<>();
            if (n.has("primary")) {
                for (JsonNode x : n.get("primary")) {
                    if (!Rule.FIELDS.contains(x.asString())) {
                        throw error(
                                where + ": primary: unknown field '" + x.asString() + "' (known: " + Rule.FIELDS + ")");
                    }
                    primary.add(x.asString());
                }
            }
            Confidence confidence = enumValue(Confidence.class, text(n, "confidence", where), where + ": confidence");
            boolean decisive = primary.containsAll(Rule.DECISIVE);
            if (decisive != (confidence == Confidence.PRIMARY)) {
                throw error(where + ": confidence " + confidence + " disagrees with 'primary' " + primary
                        + ": a rule is PRIMARY exactly when " + Rule.DECISIVE + " were read in the law's text");
            }
            Map<String, Rule.Transposition> transposition = Map.of();
            if (n.has("transposition")) {
                String directive = text(n, "transposition", where);
                transposition = transpositions.get(directive);
                if (transposition == null) {
                    throw error(where + ": transposition names no entry of 'transpositions': '" + directive
                            + "' (known: " + String.join(", ", transpositions.keySet()) + ")");
                }
            }
            return new Rule(
                    id,
                    text(n, "regime", where),
                    jurisdiction,
                    recipient,
                    trigger,
                    question,
                    deadline,
                    zone,
                    List.copyOf(content),
                    text(n, "citation", where),
                    confidence,
                    text(n, "source", where),
                    new Rule.InForce(from, to),
                    n.has("notes") ? text(n, "notes", where) : null,
                    Set.copyOf(primary),
                    transposition,
                    n.has("warning") ? text(n, "warning", where) : null);
        }

        private Rule.Trigger trigger(JsonNode t, String where, Map<String, List<String>> regions) {
            fields(
                    t,
                    where,
                    Set.of(
                            "scope",
                            "categories",
                            "minAffected",
                            "orAffectedAtLeast",
                            "role",
                            "encryptionSafeHarbour",
                            "requiresFacts",
                            "fanOut",
                            "excludesFacts",
                            "orFacts",
                            "anywhereIfEstablishedIn",
                            "requiresEstablishmentIn",
                            "under"));
            List<String> scope = new ArrayList<>();
            JsonNode s = t.get("scope");
            if (s == null || !s.isArray()) {
                throw error(where + ": 'scope' must be an array (empty when no affected people are needed)");
            }
            for (JsonNode x : s) {
                String code = x.asString();
                if (!regions.containsKey(code)) {
                    try {
                        if (!RegionCodes.normalise(code).equals(code)) {
                            throw error(where + ": scope code '" + code + "' is not in normal form");
                        }
                    } catch (InvalidScopeException e) {
                        throw error(where + ": scope: " + e.getMessage());
                    }
                }
                scope.add(code);
            }
            Set<DataCategory> categories = EnumSet.noneOf(DataCategory.class);
            if (t.has("categories")) {
                for (JsonNode x : t.get("categories")) {
                    categories.add(enumValue(DataCategory.class, x.asString(), where + ": categories"));
                }
            }
            Set<Rule.Fact> facts = facts(t, "requiresFacts", where);
            Set<Rule.Fact> excludes = facts(t, "excludesFacts", where);
            Set<Rule.Fact> orFacts = facts(t, "orFacts", where);
            if (!orFacts.isEmpty() && scope.isEmpty()) {
                throw error(where + ": orFacts needs a scope to find people in");
            }
            List<String> anywhere = codes(t, "anywhereIfEstablishedIn", where, regions);
            List<String> establishment = codes(t, "requiresEstablishmentIn", where, regions);
            long min = t.has("minAffected") ? positiveLong(t, "minAffected", where) : (scope.isEmpty() ? 0 : 1);
            Long or = t.has("orAffectedAtLeast") ? positiveLong(t, "orAffectedAtLeast", where) : null;
            Long under = t.has("under") ? positiveLong(t, "under", where) : null;
            if (under != null && under <= min) {
                throw error(where + ": 'under' " + under + " leaves no count at or above minAffected " + min);
            }
            if (scope.isEmpty() && (t.has("minAffected") || or != null || t.has("under"))) {
                throw error(where + ": a threshold needs a scope to count people in");
            }
            return new Rule.Trigger(
                    List.copyOf(scope),
                    Set.copyOf(categories),
                    min,
                    or,
                    t.has("role")
                            ? enumValue(Rule.Role.class, text(t, "role", where), where + ": role")
                            : Rule.Role.ANY,
                    t.has("encryptionSafeHarbour") && bool(t, "encryptionSafeHarbour", where),
                    Set.copyOf(facts),
                    t.has("fanOut")
                            ? enumValue(Rule.FanOut.class, text(t, "fanOut", where), where + ": fanOut")
                            : Rule.FanOut.NONE,
                    Set.copyOf(excludes),
                    Set.copyOf(orFacts),
                    anywhere,
                    establishment,
                    under);
        }

        private static Set<Rule.Fact> facts(JsonNode t, String field, String where) {
            Set<Rule.Fact> facts = EnumSet.noneOf(Rule.Fact.class);
            if (t.has(field)) {
                for (JsonNode x : t.get(field)) {
                    facts.add(enumValue(Rule.Fact.class, x.asString(), where + ": " + field));
                }
            }
            return facts;
        }

        private static List<String> codes(JsonNode t, String field, String where, Map<String, List<String>> regions) {
            List<String> codes = new ArrayList<>();
            if (t.has(field)) {
                for (JsonNode x : t.get(field)) {
                    String c = x.asString();
                    if (!regions.containsKey(c) && !RegionCodes.isCountry(c)) {
                        throw error(where + ": " + field + ": '" + c + "' is neither a region nor an ISO 3166-1 code");
                    }
                    codes.add(c);
                }
            }
            return List.copyOf(codes);
        }

        private Rule.DeadlineSpec deadline(JsonNode d, String where, HolidayCalendars calendars) {
            fields(
                    d,
                    where,
                    Set.of(
                            "kind",
                            "amount",
                            "calendar",
                            "from",
                            "text",
                            "dayEnds",
                            "urgent",
                            "after",
                            "startDayCounts"));
            Rule.DeadlineKind kind = enumValue(Rule.DeadlineKind.class, text(d, "kind", where), where + ".kind");
            int amount = 0;
            if (kind == Rule.DeadlineKind.NONE) {
                if (d.has("amount")) {
                    throw error(where + ": a deadline of kind NONE takes no amount");
                }
            } else {
                amount = (int) positiveLong(d, "amount", where);
            }
            String calendar = d.has("calendar") ? text(d, "calendar", where) : null;
            if (kind == Rule.DeadlineKind.BUSINESS_DAYS) {
                if (calendar == null) {
                    throw error(where + ": business days need a 'calendar'");
                }
                if (!calendars.contains(calendar)) {
                    throw error(where + ": unknown calendar '" + calendar + "'");
                }
            } else if (calendar != null) {
                throw error(where + ": only BUSINESS_DAYS deadlines take a calendar");
            }
            LocalTime dayEnds = Rule.DeadlineSpec.END_OF_DAY;
            if (d.has("dayEnds")) {
                if (kind != Rule.DeadlineKind.CALENDAR_DAYS
                        && kind != Rule.DeadlineKind.BUSINESS_DAYS
                        && kind != Rule.DeadlineKind.MONTHS) {
                    throw error(where + ": only deadlines counted in days or months take 'dayEnds'");
                }
                try {
                    dayEnds = LocalTime.parse(text(d, "dayEnds", where));
                } catch (DateTimeException e) {
                    throw error(where + ": dayEnds '" + d.get("dayEnds").asString() + "' is not a time (HH:MM)");
                }
            }
            boolean startDayCounts = d.has("startDayCounts") && bool(d, "startDayCounts", where);
            if (startDayCounts && kind != Rule.DeadlineKind.CALENDAR_DAYS) {
                throw error(where + ": only deadlines counted in calendar days take 'startDayCounts'");
            }
            String text = text(d, "text", where);
            // "Immediately" and "without undue delay" come before any fixed deadline; the wording
            // decides unless the rule says otherwise.
            boolean urgent =
                    d.has("urgent") ? bool(d, "urgent", where) : kind == Rule.DeadlineKind.NONE && urgentWording(text);
            if (urgent && kind != Rule.DeadlineKind.NONE) {
                throw error(where + ": only a deadline without a fixed time (NONE) can be urgent");
            }
            return new Rule.DeadlineSpec(
                    kind,
                    amount,
                    calendar,
                    enumValue(Rule.ClockStart.class, text(d, "from", where), where + ".from"),
                    text,
                    dayEnds,
                    urgent,
                    d.has("after") ? text(d, "after", where) : null,
                    startDayCounts);
        }

        private static final List<String> URGENT_WORDS = List.of(
                "immediately",
                "without undue delay",
                "without delay",
                "without unreasonable delay",
                "promptly",
                "as soon as possible",
                "as soon as feasible",
                "as quickly as possible",
                "most expedient",
                "as soon as practicable");

        static boolean urgentWording(String text) {
            String t = text.toLowerCase(java.util.Locale.ROOT);
            return URGENT_WORDS.stream().anyMatch(t::contains);
        }

        private static void fields(JsonNode n, String where, Set<String> allowed) {
            if (!n.isObject()) {
                throw error(where + ": expected an object");
            }
            for (String f : n.propertyNames()) {
                if (!allowed.contains(f)) {
                    throw error(where + ": unknown field '" + f + "'");
                }
            }
        }

        private static JsonNode object(JsonNode n, String field, String where) {
            JsonNode v = n.get(field);
            if (v == null || !v.isObject()) {
                throw error(where + ": '" + field + "' is missing or not an object");
            }
            return v;
        }

        private static String text(JsonNode n, String field, String where) {
            JsonNode v = n.get(field);
            if (v == null || !v.isString() || v.asString().isBlank()) {
                throw error(where + ": '" + field + "' is missing or not a non-empty string");
            }
            return v.asString();
        }

        private static boolean bool(JsonNode n, String field, String where) {
            JsonNode v = n.get(field);
            if (v == null || !v.isBoolean()) {
                throw error(where + ": '" + field + "' must be true or false");
            }
            return v.booleanValue();
        }

        private static long positiveLong(JsonNode n, String field, String where) {
            JsonNode v = n.get(field);
            if (v == null || !v.isIntegralNumber() || v.asLong() <= 0) {
                throw error(where + ": '" + field + "' must be a positive whole number");
            }
            return v.asLong();
        }

        private static <E extends Enum<E>> E enumValue(Class<E> type, String value, String where) {
            try {
                return Enum.valueOf(type, value);
            } catch (IllegalArgumentException e) {
                throw error(where + ": unknown value '" + value + "' (known: "
                        + java.util.Arrays.toString(type.getEnumConstants()) + ")");
            }
        }

        private static ZoneId zone(String id, String where) {
            try {
                return ZoneId.of(id);
            } catch (DateTimeException e) {
                throw error(where + ": unknown time zone '" + id + "'");
            }
        }

        private static LocalDate date(String s, String where) {
            try {
                return LocalDate.parse(s);
            } catch (DateTimeException e) {
                throw error(where + ": '" + s + "' is not a date (YYYY-MM-DD)");
            }
        }

        private static RuleBookException error(String message) {
            return new RuleBookException(message);
        }
    }

    @Override
    public String toString() {
        return name + " (version " + version + ", " + rules.size() + " rules)";
    }
}
