package dev.tandem.tools.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import dev.tandem.pii.detect.Ibans;
import dev.tandem.pii.detect.PaymentCards;
import dev.tandem.pii.detect.SocialSecurityNumbers;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The throughput corpora of {@code tandem bench scan}: what a leak's customer exports look like,
 * dense with personal data (about one finding per 60 bytes): contacts CSV, API JSON Lines, payment
 * logs and support logs. {@link Kind#ASCII} has only ASCII bytes; {@link Kind#NON_ASCII} carries
 * names and addresses in Latin with diacritics, Cyrillic, Greek and CJK (UTF-8), the case where
 * ripgrep's default Unicode mode is slow. Values are valid for the scanner's checks (Luhn, ISO 13616
 * check digits, SSA rules, libphonenumber metadata); most are distinct, as in a real export. Not
 * labeled: accuracy is measured on the evaluation corpus ({@code tandem eval pii}).
 */
public final class ScanCorpora {
    public enum Kind {
        ASCII("ascii"),
        NON_ASCII("non-ascii");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    private static final String[] FIRST_ASCII = {
        "Jane", "John", "Ada", "Alan", "Grace", "Linus", "Mary", "Noah", "Emma", "Liam", "Olivia", "Ethan", "Priya",
        "Wei", "Fatima", "Mateo", "Chloe", "Omar", "Sofia", "Lucas"
    };
    private static final String[] LAST_ASCII = {
        "Doe",
        "Smith",
        "Lovelace",
        "Turing",
        "Hopper",
        "Brown",
        "Nguyen",
        "Okafor",
        "Sharma",
        "Chen",
        "Rossi",
        "Jensen",
        "Silva",
        "Haddad",
        "Kowalski",
        "Garcia",
        "Martin",
        "Walker",
        "Young",
        "Clark"
    };
    private static final String[] FIRST_WORLD = {
        "Jürgen",
        "José",
        "Zoë",
        "François",
        "Søren",
        "Chloé",
        "Łukasz",
        "Renée",
        "Björn",
        "Ángela",
        "Çağla",
        "Anna",
        "Дмитрий",
        "Ольга",
        "Γιώργος",
        "Ελένη",
        "陈",
        "佐藤",
        "김",
        "Nguyễn"
    };
    private static final String[] FIRST_WORLD_ASCII = {
        "juergen",
        "jose",
        "zoe",
        "francois",
        "soeren",
        "chloe",
        "lukasz",
        "renee",
        "bjoern",
        "angela",
        "cagla",
        "anna",
        "dmitry",
        "olga",
        "giorgos",
        "eleni",
        "chen",
        "sato",
        "kim",
        "nguyen"
    };
    private static final String[] LAST_WORLD = {
        "Müller", "García", "Dubois", "Kowalczyk", "Ødegård", "Šimić", "Öztürk", "Núñez", "Håkansson", "Đorđević",
        "Иванов", "Смирнова", "Παπαδόπουλος", "伟", "太郎", "민준", "Thị Hồng", "Lefèvre", "Gonçalves", "Weiß"
    };
    private static final String[] LAST_WORLD_ASCII = {
        "mueller", "garcia", "dubois", "kowalczyk", "odegard", "simic", "ozturk", "nunez", "hakansson", "djordjevic",
        "ivanov", "smirnova", "papadopoulos", "wei", "taro", "minjun", "hong", "lefevre", "goncalves", "weiss"
    };
    private static final String[] STREETS_ASCII = {
        "Main St", "Market Street", "Elm Avenue", "Baker Street", "Queen St W", "Oak Lane", "Mission St", "Pine Road"
    };
    private static final String[] CITIES_ASCII = {
        "San Francisco", "Austin", "New York", "London", "Toronto", "Seattle", "Dublin", "Boston"
    };
    private static final String[] STREETS_WORLD = {
        "Hauptstraße",
        "Rue de la Faïence",
        "Gran Vía",
        "Østerbrogade",
        "ulica Świętokrzyska",
        "Tverskaya ул.",
        "οδός Ερμού",
        "丸の内",
        "Đường Lê Lợi",
        "Straße des 17. Juni"
    };
    private static final String[] CITIES_WORLD = {
        "München", "Besançon", "Málaga", "København", "Łódź", "Москва", "Αθήνα", "東京都千代田区", "Hà Nội", "Zürich"
    };
    private static final String[] DOMAINS = {
        "example.com", "gmail.com", "yahoo.co.uk", "web.de", "orange.fr", "proton.me", "company.io", "outlook.com"
    };
    private static final String[] IBAN_SHAPES = {
        "DE:nnnnnnnnnnnnnnnnnn", "FR:nnnnnnnnnnnnnnnnnnnnnnn", "ES:nnnnnnnnnnnnnnnnnnnn", "NL:aaaannnnnnnnnn",
        "GB:aaaannnnnnnnnnnnnn", "BE:nnnnnnnnnnnn", "AT:nnnnnnnnnnnnnnnn", "CH:nnnnnnnnnnnnnnnnn"
    };
    private static final String[] PHONE_REGIONS = {"US", "DE", "GB", "FR", "ES", "IT", "NL", "BR", "IN", "JP", "AU"};
    private static final String[] CARD_PREFIXES = {"4", "4", "51", "55", "2221", "6011", "3530"};
    private static final String[] LEVELS = {"INFO", "INFO", "INFO", "WARN", "DEBUG"};

    private final SplittableRandom r;
    private final Kind kind;
    private final List<String> phones = new ArrayList<>();
    private long id = 100_000;

    public ScanCorpora(long seed, Kind kind) {
        this.r = new SplittableRandom(seed);
        this.kind = kind;
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        for (String region : PHONE_REGIONS) {
            for (PhoneNumberUtil.PhoneNumberType type : new PhoneNumberUtil.PhoneNumberType[] {
                PhoneNumberUtil.PhoneNumberType.MOBILE, PhoneNumberUtil.PhoneNumberType.FIXED_LINE
            }) {
                PhoneNumber ex = util.getExampleNumberForType(region, type);
                if (ex == null) continue;
                int made = 0;
                for (int attempt = 0; attempt < 2000 && made < 200; attempt++) {
                    long nn = ex.getNationalNumber();
                    PhoneNumber n = new PhoneNumber()
                            .setCountryCode(ex.getCountryCode())
                            .setNationalNumber(nn - nn % 10_000 + r.nextLong(10_000));
                    if (!util.isValidNumber(n)) continue;
                    made++;
                    phones.add(util.format(
                            n,
                            r.nextBoolean()
                                    ? PhoneNumberUtil.PhoneNumberFormat.INTERNATIONAL
                                    : PhoneNumberUtil.PhoneNumberFormat.E164));
                }
            }
        }
    }

    /** Writes files of about {@code fileSize} bytes into {@code dir} until {@code size} bytes; returns the bytes. */
    public long generate(Path dir, long size, long fileSize) throws IOException {
        Files.createDirectories(dir);
        long written = 0;
        String[] kinds = {"contacts.csv", "customers.jsonl", "payments.log", "support.log"};
        for (int i = 0; written < size; i++) {
            String k = kinds[i % kinds.length];
            String name = String.format(Locale.ROOT, "%04d-%s", i, k);
            written += file(dir.resolve(name), k, Math.min(fileSize, size - written));
        }
        return written;
    }

    /** One file of {@code kind} (by its name's ending: .csv, .jsonl, .log) of about {@code size} bytes. */
    public long file(Path file, String kindName, long size) throws IOException {
        long n = 0;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            StringBuilder sb = new StringBuilder(512);
            if (kindName.endsWith(".csv")) {
                byte[] h = "id,first_name,last_name,email,phone,street,city,card,iban,ip,created\n".getBytes(UTF_8);
                out.write(h);
                n += h.length;
            }
            while (n < size) {
                sb.setLength(0);
                if (kindName.endsWith(".csv")) csv(sb);
                else if (kindName.endsWith(".jsonl")) jsonl(sb);
                else if (kindName.startsWith("payments") || kindName.endsWith("payments.log")) payment(sb);
                else support(sb);
                byte[] b = sb.toString().getBytes(UTF_8);
                out.write(b);
                n += b.length;
            }
        }
        return n;
    }

    private void csv(StringBuilder sb) {
        int p = r.nextInt(FIRST_ASCII.length);
        int q = r.nextInt(LAST_ASCII.length);
        sb.append(++id).append(',').append(first(p)).append(',').append(last(q)).append(',');
        sb.append(email(p, q)).append(',').append(phone()).append(',');
        sb.append('"').append(1 + r.nextInt(200)).append(' ').append(street()).append("\",");
        sb.append(city()).append(',').append(card()).append(',').append(iban()).append(',');
        sb.append(ip()).append(',').append(date()).append('\n');
    }

    private void jsonl(StringBuilder sb) {
        int p = r.nextInt(FIRST_ASCII.length);
        int q = r.nextInt(LAST_ASCII.length);
        sb.append("{\"id\":\"cus_")
                .append(++id)
                .append("\",\"name\":\"")
                .append(first(p))
                .append(' ');
        sb.append(last(q)).append("\",\"email\":\"").append(email(p, q)).append("\",\"phone\":\"");
        sb.append(phone())
                .append("\",\"address\":{\"line1\":\"")
                .append(1 + r.nextInt(200))
                .append(' ');
        sb.append(street()).append("\",\"city\":\"").append(city()).append("\"},\"last_ip\":\"");
        sb.append(r.nextInt(4) == 0 ? ipv6() : ip()).append("\",\"ssn\":\"").append(ssn());
        sb.append("\",\"created\":\"").append(date()).append("\"}\n");
    }

    private void payment(StringBuilder sb) {
        int p = r.nextInt(FIRST_ASCII.length);
        int q = r.nextInt(LAST_ASCII.length);
        sb.append(date()).append(' ').append(LEVELS[r.nextInt(LEVELS.length)]).append(" payment captured order=");
        sb.append(++id)
                .append(" card=")
                .append(card())
                .append(" amount=")
                .append(r.nextInt(500))
                .append('.');
        sb.append(10 + r.nextInt(90))
                .append(" EUR customer=")
                .append(email(p, q))
                .append(" name=\"");
        sb.append(first(p))
                .append(' ')
                .append(last(q))
                .append("\" iban=")
                .append(iban())
                .append('\n');
    }

    private void support(StringBuilder sb) {
        int p = r.nextInt(FIRST_ASCII.length);
        int q = r.nextInt(LAST_ASCII.length);
        sb.append(date()).append(' ').append(LEVELS[r.nextInt(LEVELS.length)]).append(" ticket=");
        sb.append(++id).append(" from=").append(email(p, q)).append(" ip=").append(ip());
        sb.append(" msg=\"").append(first(p)).append(' ').append(last(q)).append(" of ");
        sb.append(1 + r.nextInt(200)).append(' ').append(street()).append(", ").append(city());
        sb.append(" asks to be called at ")
                .append(phone())
                .append("; SSN on file ")
                .append(ssn());
        sb.append("\"\n");
    }

    private String first(int i) {
        return kind == Kind.ASCII ? FIRST_ASCII[i] : FIRST_WORLD[i];
    }

    private String last(int i) {
        return kind == Kind.ASCII ? LAST_ASCII[i] : LAST_WORLD[i];
    }

    private String street() {
        String[] s = kind == Kind.ASCII ? STREETS_ASCII : STREETS_WORLD;
        return s[r.nextInt(s.length)];
    }

    private String city() {
        String[] s = kind == Kind.ASCII ? CITIES_ASCII : CITIES_WORLD;
        return s[r.nextInt(s.length)];
    }

    private String email(int p, int q) {
        String f = kind == Kind.ASCII ? FIRST_ASCII[p].toLowerCase(Locale.ROOT) : FIRST_WORLD_ASCII[p];
        String l = kind == Kind.ASCII ? LAST_ASCII[q].toLowerCase(Locale.ROOT) : LAST_WORLD_ASCII[q];
        return f + (r.nextBoolean() ? "." : "_") + l + r.nextInt(10_000) + "@" + DOMAINS[r.nextInt(DOMAINS.length)];
    }

    private String phone() {
        return phones.get(r.nextInt(phones.size()));
    }

    private String digits(int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) sb.append((char) ('0' + r.nextInt(10)));
        return sb.toString();
    }

    private String card() {
        String p = CARD_PREFIXES[r.nextInt(CARD_PREFIXES.length)];
        String body = p + digits(15 - p.length());
        String card = body + PaymentCards.luhnCheckDigit(body);
        return switch (r.nextInt(3)) {
            case 0 -> card;
            case 1 -> group(card, ' ');
            default -> group(card, '-');
        };
    }

    private static String group(String s, char sep) {
        StringBuilder sb = new StringBuilder(s.length() + s.length() / 4);
        for (int i = 0; i < s.length(); i++) {
            if (i > 0 && i % 4 == 0) sb.append(sep);
            sb.append(s.charAt(i));
        }
        return sb.toString();
    }

    private String iban() {
        String shape = IBAN_SHAPES[r.nextInt(IBAN_SHAPES.length)];
        String cc = shape.substring(0, 2);
        StringBuilder bban = new StringBuilder();
        for (int i = 3; i < shape.length(); i++) {
            bban.append(shape.charAt(i) == 'a' ? (char) ('A' + r.nextInt(26)) : (char) ('0' + r.nextInt(10)));
        }
        return cc + Ibans.checkDigits(cc, bban.toString()) + bban;
    }

    private String ssn() {
        while (true) {
            String d = String.format(
                    Locale.ROOT, "%03d%02d%04d", 1 + r.nextInt(899), 1 + r.nextInt(99), 1 + r.nextInt(9999));
            if (SocialSecurityNumbers.isValid(d))
                return d.substring(0, 3) + "-" + d.substring(3, 5) + "-" + d.substring(5);
        }
    }

    private String ip() {
        // public-looking addresses (documentation and ordinary ranges), never 0.x or 127.x
        return (11 + r.nextInt(180)) + "." + r.nextInt(256) + "." + r.nextInt(256) + "." + (1 + r.nextInt(254));
    }

    private String ipv6() {
        return String.format(
                Locale.ROOT, "2001:db8:%x:%x::%x", r.nextInt(0x10000), r.nextInt(0x10000), 1 + r.nextInt(0xfffe));
    }

    private String date() {
        return String.format(
                Locale.ROOT,
                "2026-%02d-%02dT%02d:%02d:%02dZ",
                1 + r.nextInt(12),
                1 + r.nextInt(28),
                r.nextInt(24),
                r.nextInt(60),
                r.nextInt(60));
    }
}
