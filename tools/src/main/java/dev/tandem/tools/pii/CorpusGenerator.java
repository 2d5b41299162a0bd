package dev.tandem.tools.pii;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.tandem.pii.Entity;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A seeded, labeled corpus covering every entity in every supported format (logs, CSV, TSV, JSON,
 * JSON Lines, HAR with base64 bodies, gzip, zip), mixed with decoys. Labels go to
 * {@code labels.jsonl}, one {@code {"file":…,"start":S,"end":E,"entity":…}} a line, with the
 * scanner's naming ({@code archive.zip!/inner.csv}, {@code capture.har!/json/pointer}) and paths
 * relative to the corpus folder. The same seed and size give the same bytes.
 */
public final class CorpusGenerator {
    /** What was written. */
    public record Result(long bytes, int files, long labels) {}

    private static final String[] KINDS = {
        "log", "csv", "json", "jsonl", "log", "har", "tsv", "zip", "gz", "csv", "products"
    };
    /** Without archives: what ripgrep can read as it is, for the throughput benchmark. */
    private static final String[] PLAIN_KINDS = {"log", "csv", "json", "jsonl", "log", "har", "tsv", "csv", "products"};

    private final Values v;

    public CorpusGenerator(long seed) {
        this.v = new Values(seed);
    }

    public Result generate(Path dir, long size, boolean writeLabels) throws IOException {
        return generate(dir, size, writeLabels, true);
    }

    /** As {@link #generate(Path, long, boolean)}; without {@code archives}, no gzip or zip files. */
    public Result generate(Path dir, long size, boolean writeLabels, boolean archives) throws IOException {
        String[] kinds = archives ? KINDS : PLAIN_KINDS;
        Files.createDirectories(dir);
        long fileSize = Math.clamp(size / 48, 16 * 1024, 8L << 20);
        long written = 0;
        int files = 0;
        long labels = 0;
        try (BufferedWriter out = writeLabels ? Files.newBufferedWriter(dir.resolve("labels.jsonl"), UTF_8) : null) {
            for (int i = 0; written < size; i++) {
                String kind = kinds[i % kinds.length];
                int target = (int) Math.min(fileSize, Math.max(4096, size - written));
                String n = String.format(Locale.ROOT, "%04d", i);
                List<Doc> docs = new ArrayList<>();
                long bytes = switch (kind) {
                    case "log" ->
                        plain(dir, "logs/app-" + n + ".log", log(new Doc("logs/app-" + n + ".log"), target), docs);
                    case "csv" ->
                        plain(
                                dir,
                                "exports/contacts-" + n + ".csv",
                                csv(new Doc("exports/contacts-" + n + ".csv"), target, ','),
                                docs);
                    case "tsv" ->
                        plain(
                                dir,
                                "exports/contacts-" + n + ".tsv",
                                csv(new Doc("exports/contacts-" + n + ".tsv"), target, '\t'),
                                docs);
                    case "json" ->
                        plain(
                                dir,
                                "api/contacts-" + n + ".json",
                                json(new Doc("api/contacts-" + n + ".json"), target),
                                docs);
                    case "jsonl" ->
                        plain(
                                dir,
                                "events/events-" + n + ".jsonl",
                                jsonl(new Doc("events/events-" + n + ".jsonl"), target),
                                docs);
                    case "har" -> har(dir, "captures/checkout-" + n + ".har", target, docs);
                    case "products" ->
                        plain(
                                dir,
                                "exports/products-" + n + ".csv",
                                products(new Doc("exports/products-" + n + ".csv"), target),
                                docs);
                    case "zip" -> zip(dir, "archives/export-" + n + ".zip", target, docs);
                    default -> gz(dir, "logs/app-" + n + ".log.gz", target, docs);
                };
                written += bytes;
                files++;
                if (out != null) {
                    for (Doc d : docs) {
                        for (Doc.Label l : d.labels) {
                            out.write("{\"file\":\"" + l.file() + "\",\"start\":" + l.start() + ",\"end\":" + l.end()
                                    + ",\"entity\":\"" + l.entity() + "\"}\n");
                            labels++;
                        }
                    }
                }
            }
        }
        return new Result(written, files, labels);
    }

    private static long plain(Path dir, String name, Doc d, List<Doc> docs) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        byte[] b = d.bytes();
        Files.write(p, b);
        docs.add(d);
        return b.length;
    }

    private long gz(Path dir, String name, int target, List<Doc> docs) throws IOException {
        String inner = name.substring(name.lastIndexOf('/') + 1).replace(".gz", "");
        Doc d = log(new Doc(name + "!/" + inner), target * 4);
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(p))) {
            o.write(d.bytes());
        }
        docs.add(d);
        return Files.size(p);
    }

    private long zip(Path dir, String name, int target, List<Doc> docs) throws IOException {
        Doc csv = csv(new Doc(name + "!/contacts.csv"), target * 2, ',');
        Doc log = log(new Doc(name + "!/logs/app.log"), target);
        Doc json = json(new Doc(name + "!/nested.zip!/contacts.json"), target / 2);
        java.io.ByteArrayOutputStream nested = new java.io.ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(nested)) {
            z.putNextEntry(new ZipEntry("contacts.json"));
            z.write(json.bytes());
        }
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(p))) {
            z.putNextEntry(new ZipEntry("contacts.csv"));
            z.write(csv.bytes());
            z.putNextEntry(new ZipEntry("logs/app.log"));
            z.write(log.bytes());
            z.putNextEntry(new ZipEntry("nested.zip"));
            z.write(nested.toByteArray());
        }
        docs.add(csv);
        docs.add(log);
        docs.add(json);
        return Files.size(p);
    }

    // ---- logs ----

    Doc log(Doc d, int target) {
        while (d.length() < target) {
            d.text(v.timestamp())
                    .text(v.r.nextInt(5) == 0 ? " WARN  " : " INFO  ")
                    .text("[" + v.uuid() + "] ");
            switch (v.r.nextInt(10)) {
                case 0 ->
                    d.text("login ok for ")
                            .entity(Entity.EMAIL_ADDRESS, v.email())
                            .text(" from ")
                            .entity(Entity.IP_ADDRESS, v.ip())
                            .text(" " + v.words(3));
                case 1 ->
                    d.text("payment authorised card=")
                            .entity(Entity.CREDIT_CARD, v.card())
                            .text(" amount=12.50 EUR " + v.decoy());
                case 2 ->
                    d.text("refund to ")
                            .entity(Entity.IBAN_CODE, v.iban())
                            .text(" requested by ")
                            .entity(Entity.PHONE_NUMBER, v.phone());
                case 3 ->
                    d.text("kyc check ssn=").entity(Entity.US_SSN, v.ssn()).text(" status=ok " + v.words(4));
                case 4 ->
                    d.text("client ")
                            .entity(Entity.IP_ADDRESS, v.ip())
                            .text(" GET /api/v2/items?page=3 200 " + v.r.nextInt(900) + "ms");
                case 5 -> d.text(v.decoy()).text(" " + v.words(5));
                case 6 -> {
                    // an order note: commerce numbers, then the customer's card, named
                    d.text(v.commerceNote()).text("; ");
                    if (v.r.nextBoolean()) d.text("paid with card ").entity(Entity.CREDIT_CARD, v.card());
                    else d.text(v.words(3));
                }
                default -> d.text(v.words(6 + v.r.nextInt(10)));
            }
            d.text("\n");
        }
        return d;
    }

    // ---- a product export: GTINs, UPCs, ISBNs, SKUs and order numbers, no personal data ----

    Doc products(Doc d, int target) {
        d.text("sku,gtin,upc,isbn,title,price,order_number,tracking_number,supplier_ref\r\n");
        while (d.length() < target) {
            d.text(v.numberLikeACard())
                    .text(",")
                    .text(v.r.nextBoolean() ? v.gtinLikeACard() : v.gtin())
                    .text(",")
                    .text(v.gtin())
                    .text(",")
                    .text(v.isbn())
                    .text(",\"")
                    .text(v.words(3))
                    .text("\",")
                    .text(v.r.nextInt(200) + "." + v.digits(2))
                    .text(",")
                    .text(v.numberLikeACard())
                    .text(",")
                    .text(v.r.nextBoolean() ? v.usps() : v.fedex())
                    .text(",")
                    .text(v.ibanShapedReference())
                    .text("\r\n");
        }
        return d;
    }

    // ---- CSV and TSV ----

    Doc csv(Doc d, int target, char sep) {
        String[] header = {
            "Id",
            "FirstName",
            "LastName",
            "Email",
            "Phone",
            "MailingStreet",
            "MailingCity",
            "MailingState",
            "MailingPostalCode",
            "MailingCountry",
            "Birthdate",
            "CardNumber",
            "IBAN",
            "SSN",
            "OrderNumber",
            "LastLoginIp",
            "Description"
        };
        d.text(String.join(String.valueOf(sep), header)).text("\r\n");
        while (d.length() < target) {
            String[] place = v.pick(Values.PLACES);
            String first = v.first();
            String last = v.last();
            boolean quote = sep == ',' && v.r.nextInt(4) == 0;
            field(d, null, v.salesforceId(), sep, false);
            field(d, Entity.PERSON, first, sep, quote);
            field(d, Entity.PERSON, last, sep, quote);
            field(d, Entity.EMAIL_ADDRESS, v.email(first, last), sep, false);
            boolean phone = v.r.nextInt(5) != 0;
            field(d, phone ? Entity.PHONE_NUMBER : null, phone ? v.phone() : "", sep, quote);
            field(d, Entity.LOCATION, v.street(), sep, quote);
            field(d, Entity.LOCATION, place[0], sep, false);
            field(d, null, place[1], sep, false);
            field(d, Entity.LOCATION, place[3], sep, false);
            field(d, null, place[2], sep, false);
            field(d, Entity.DATE_OF_BIRTH, v.birthdate(), sep, false);
            field(d, v.r.nextInt(3) == 0 ? Entity.CREDIT_CARD : null, null, sep, false);
            field(d, v.r.nextInt(3) == 0 ? Entity.IBAN_CODE : null, null, sep, false);
            field(d, v.r.nextInt(4) == 0 ? Entity.US_SSN : null, null, sep, false);
            field(d, null, "ORD-" + v.digits(8), sep, false);
            field(d, Entity.IP_ADDRESS, v.ip(), sep, false);
            if (quote) {
                d.text("\"" + v.words(3) + ", " + v.decoy() + "\nsecond line \"\"quoted\"\" " + v.words(2) + "\"");
            } else {
                d.text(v.decoy().replace(String.valueOf(sep), " "));
            }
            d.text("\r\n");
        }
        return d;
    }

    /** One field: labeled when {@code e} is set; {@code value} null means "generate for e or leave empty". */
    private void field(Doc d, Entity e, String value, char sep, boolean quote) {
        String val = value;
        if (val == null) {
            val = e == null
                    ? ""
                    : switch (e) {
                        case CREDIT_CARD -> v.card();
                        case IBAN_CODE -> v.iban();
                        case US_SSN -> v.ssn();
                        default -> "";
                    };
        }
        if (quote) d.text("\"");
        if (e != null && !val.isEmpty()) d.entity(e, val);
        else d.text(val);
        if (quote) d.text("\"");
        d.text(String.valueOf(sep));
    }

    // ---- JSON (a Salesforce REST query result) and JSON Lines ----

    Doc json(Doc d, int target) {
        d.text("{\"totalSize\":1000,\"done\":true,\"records\":[\n");
        boolean firstRecord = true;
        while (d.length() < target) {
            if (!firstRecord) d.text(",\n");
            firstRecord = false;
            String[] place = v.pick(Values.PLACES);
            String first = v.first();
            String last = v.last();
            String id = v.salesforceId();
            d.text("{\"attributes\":{\"type\":\"Contact\",\"url\":\"/services/data/v59.0/sobjects/Contact/" + id
                    + "\"},");
            d.text("\"Id\":\"" + id + "\",\"FirstName\":\"").entity(Entity.PERSON, first);
            d.text("\",\"LastName\":\"").entity(Entity.PERSON, last);
            d.text("\",\"Email\":\"").entity(Entity.EMAIL_ADDRESS, v.email(first, last));
            d.text("\",\"Phone\":\"").entity(Entity.PHONE_NUMBER, v.phone());
            d.text("\",\"MailingAddress\":{\"street\":\"").entity(Entity.LOCATION, v.street());
            d.text("\",\"city\":\"").entity(Entity.LOCATION, place[0]);
            d.text("\",\"state\":\"" + place[1] + "\",\"postalCode\":\"").entity(Entity.LOCATION, place[3]);
            d.text("\",\"country\":\"" + place[2] + "\"},\"Birthdate\":\"").entity(Entity.DATE_OF_BIRTH, v.birthdate());
            d.text("\",\"Description\":\"" + v.decoy() + "\",\"LoyaltyPoints\":" + v.r.nextInt(10000));
            d.text(",\"LastOrder\":{\"OrderNumber\":\"" + v.numberLikeACard() + "\",\"TrackingNumber\":\"" + v.usps()
                    + "\",\"Notes\":\"" + v.commerceNote() + "\"}");
            if (v.r.nextInt(3) == 0)
                d.text(",\"PaymentCard\":\"")
                        .entity(Entity.CREDIT_CARD, v.card())
                        .text("\"");
            if (v.r.nextInt(3) == 0)
                d.text(",\"BankAccount\":\"").entity(Entity.IBAN_CODE, v.iban()).text("\"");
            d.text("}");
        }
        d.text("\n]}\n");
        return d;
    }

    Doc jsonl(Doc d, int target) {
        while (d.length() < target) {
            String first = v.first();
            String last = v.last();
            d.text("{\"ts\":\"" + v.timestamp() + "\",\"event\":\"checkout\",\"user\":{\"email\":\"")
                    .entity(Entity.EMAIL_ADDRESS, v.email(first, last))
                    .text("\",\"name\":\"")
                    .entity(Entity.PERSON, first + " " + last)
                    .text("\"},\"ip\":\"")
                    .entity(Entity.IP_ADDRESS, v.ip())
                    .text("\",\"ua\":\"Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0.6099.109\",\"order\":\"ORD-"
                            + v.digits(8) + "\",\"note\":\"" + v.decoy() + "\"");
            if (v.r.nextInt(4) == 0)
                d.text(",\"ssn\":\"").entity(Entity.US_SSN, v.ssn()).text("\"");
            d.text("}\n");
        }
        return d;
    }

    // ---- HAR 1.2 ----

    private long har(Path dir, String name, int target, List<Doc> docs) throws IOException {
        StringBuilder har = new StringBuilder();
        har.append(
                "{\"log\":{\"version\":\"1.2\",\"creator\":{\"name\":\"tandem-corpus\",\"version\":\"1.0\"},\"entries\":[\n");
        for (int i = 0; har.length() < target; i++) {
            String base = name + "!/log/entries/" + i;
            if (i > 0) har.append(",\n");
            Doc url = new Doc(base + "/request/url");
            url.text("https://shop.example.com/checkout/confirm?session=" + v.uuid() + "&contact=")
                    .entity(Entity.EMAIL_ADDRESS, v.email());
            Doc ip = new Doc(base + "/request/headers/1/value");
            ip.entity(Entity.IP_ADDRESS, v.ipv4());
            Doc post = new Doc(base + "/request/postData/text");
            post.text("{\"cardNumber\":\"")
                    .entity(Entity.CREDIT_CARD, v.card())
                    .text("\",\"billing\":{\"firstName\":\"")
                    .entity(Entity.PERSON, v.first())
                    .text("\",\"lastName\":\"")
                    .entity(Entity.PERSON, v.last())
                    .text("\",\"street\":\"")
                    .entity(Entity.LOCATION, v.street())
                    .text("\",\"phone\":\"")
                    .entity(Entity.PHONE_NUMBER, v.phone())
                    .text("\"},\"build\":\"" + v.decoy() + "\"}");
            Doc body = new Doc(base + "/response/content/text");
            body.text("{\"customer\":{\"id\":\"" + v.uuid() + "\",\"email\":\"")
                    .entity(Entity.EMAIL_ADDRESS, v.email())
                    .text("\",\"iban\":\"")
                    .entity(Entity.IBAN_CODE, v.iban())
                    .text("\",\"lastLogin\":\"" + v.timestamp() + "\",\"birthdate\":\"")
                    .entity(Entity.DATE_OF_BIRTH, v.birthdate())
                    .text("\"},\"recommendations\":[\"sku-" + v.digits(6) + "\"]}");
            har.append("{\"startedDateTime\":\"")
                    .append(v.timestamp())
                    .append("\",\"time\":120,\"request\":{")
                    .append("\"method\":\"POST\",\"url\":")
                    .append(quote(url))
                    .append(
                            ",\"httpVersion\":\"HTTP/2\",\"headers\":[{\"name\":\"Host\",\"value\":\"shop.example.com\"},")
                    .append("{\"name\":\"X-Forwarded-For\",\"value\":")
                    .append(quote(ip))
                    .append("}],")
                    .append("\"queryString\":[],\"cookies\":[],\"headersSize\":-1,\"bodySize\":-1,")
                    .append("\"postData\":{\"mimeType\":\"application/json\",\"text\":")
                    .append(quote(post))
                    .append("}},\"response\":{\"status\":200,\"statusText\":\"OK\",\"httpVersion\":\"HTTP/2\",")
                    .append("\"headers\":[],\"cookies\":[],\"redirectURL\":\"\",\"headersSize\":-1,\"bodySize\":-1,")
                    .append("\"content\":{\"size\":")
                    .append(body.length())
                    .append(",\"mimeType\":\"application/json\",\"encoding\":\"base64\",\"text\":\"")
                    .append(Base64.getEncoder().encodeToString(body.bytes()))
                    .append("\"}},\"cache\":{},\"timings\":{\"send\":1,\"wait\":100,\"receive\":19}}");
            docs.add(url);
            docs.add(ip);
            docs.add(post);
            docs.add(body);
        }
        har.append("\n]}}\n");
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, har, UTF_8);
        return Files.size(p);
    }

    /** A JSON string literal of a value (RFC 8259 §7); the labels stay offsets into the value itself. */
    private static String quote(Doc d) {
        String s = new String(d.bytes(), UTF_8);
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                default -> {
                    if (c < 0x20) sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        return sb.append('"').toString();
    }
}
