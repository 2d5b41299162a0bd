package dev.tandem.app;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.tandem.tools.crm.CrmOrgGenerator;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Evidence large enough that a PII scan or a leak analysis runs for a second or more, generated
 * from a seed (the same seed gives the same bytes), never downloaded.
 */
final class JobInputs {
    private static final String[] FIRST = {"Ana", "Bruno", "Chloé", "Dmitri", "Emma", "Farid", "Greta", "Hiro"};
    private static final String[] LAST = {"Martin", "Nowak", "Okafor", "Petit", "Quinn", "Rossi", "Silva", "Tanaka"};
    private static final String[] CITIES = {"Lyon", "Paris", "Lille", "Nantes", "Bordeaux", "Toulouse"};

    private JobInputs() {}

    /**
     * A customer export: {@code rows} customers, each with an e-mail address and a French mobile
     * number, the personal data a PII scan reports.
     */
    static Path customerCsv(Path file, long seed, int rows) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (BufferedWriter out = Files.newBufferedWriter(file, UTF_8)) {
            out.write("customer_id,first_name,last_name,email,phone,city,country,lifetime_value\n");
            for (int i = 0; i < rows; i++) {
                String first = FIRST[random.nextInt(FIRST.length)];
                String last = LAST[random.nextInt(LAST.length)];
                out.write(String.format(
                        Locale.ROOT,
                        "C%08d,%s,%s,%s.%s%d@example-shop.fr,+33 6 %02d %02d %02d %02d,%s,FR,%d.%02d\n",
                        seed % 1000 * 1_000_000 + i,
                        first,
                        last,
                        first.toLowerCase(Locale.ROOT).replace('é', 'e'),
                        last.toLowerCase(Locale.ROOT),
                        random.nextInt(10_000),
                        random.nextInt(100),
                        random.nextInt(100),
                        random.nextInt(100),
                        random.nextInt(100),
                        CITIES[random.nextInt(CITIES.length)],
                        random.nextInt(5000),
                        random.nextInt(100)));
            }
        }
        return file;
    }

    /**
     * Salesforce Event Log Files of a generated org ({@link CrmOrgGenerator}, event logs only), zipped
     * as a responder uploads a folder: what a leak analysis reads member by member.
     */
    static Path eventLogZip(Path dir, long seed, long rows) throws IOException {
        Path org = dir.resolve("org-" + seed);
        CrmOrgGenerator.generate(
                new CrmOrgGenerator.Settings(seed, 200, rows, 30, LocalDate.of(2025, 3, 1), true), org);
        Path zip = dir.resolve("eventlogs-" + seed + ".zip");
        Path logs = org.resolve("eventlogs");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(logs)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        try (OutputStream out = Files.newOutputStream(zip);
                ZipOutputStream z = new ZipOutputStream(out)) {
            for (Path f : files) {
                z.putNextEntry(new ZipEntry(logs.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, z);
                z.closeEntry();
            }
        }
        CrashSafetyIT.deleteTree(org);
        return zip;
    }
}
