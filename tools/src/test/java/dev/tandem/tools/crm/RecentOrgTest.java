package dev.tandem.tools.crm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's org, dated in the days before the demo: the canonical org moved by whole weeks, nothing else. */
class RecentOrgTest {
    private static final Pattern DAY = Pattern.compile("(?<!\\d)(20\\d\\d)-(\\d\\d)-(\\d\\d)(?!\\d)");
    private static final Pattern COMPACT = Pattern.compile("(?<!\\d)(20\\d\\d)(\\d\\d)(\\d\\d)(?=\\d{6}\\.\\d{3})");
    /** The Setup pages' downloads (Login History, Setup Audit Trail) date as an en_US user sees them: 3/1/2025. */
    private static final Pattern US = Pattern.compile("(?<![\\d/])(\\d{1,2})/(\\d{1,2})/(20\\d\\d)(?!\\d)");

    @TempDir
    Path dir;

    @Test
    void theIncidentDayFallsInTheWeekUpToTheDayAskedAndTheOrgIsTheCanonicalOneMovedByWholeWeeks() throws IOException {
        LocalDate asked = LocalDate.of(2026, 12, 5);
        var recent = CrmOrgGenerator.Settings.endingNear(7, 20, 500, asked);
        LocalDate incidentDay = recent.start().plusDays(recent.days() - 4);
        assertThat(incidentDay).isBetween(asked.minusDays(6), asked);
        long moved = ChronoUnit.DAYS.between(CrmOrgGenerator.Settings.START, recent.start());
        assertThat(moved % 7)
                .as("whole weeks: the same weekdays, so the same draws")
                .isZero();

        Path canonical = dir.resolve("canonical");
        Path near = dir.resolve("recent");
        CrmOrgGenerator.generate(CrmOrgGenerator.Settings.of(7, 20, 500), canonical);
        CrmOrgGenerator.generate(recent, near);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(canonical)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThan(10);
        for (Path f : files) {
            Path there = near.resolve(moved(canonical.relativize(f).toString(), moved));
            assertThat(there).as("the same file, its day moved").exists();
            assertThat(Files.readString(there, StandardCharsets.UTF_8))
                    .as(there.toString())
                    .isEqualTo(moved(Files.readString(f, StandardCharsets.UTF_8), moved));
        }
        String capture = Files.readString(near.resolve("har/checkout-session.har"));
        assertThat(capture).contains("\"startedDateTime\" : \"" + incidentDay + "T14:02:12.000Z\"");
    }

    private static String moved(String text, long days) {
        String dashed = DAY.matcher(text).replaceAll(m -> day(m, days).toString());
        String compact = COMPACT.matcher(dashed).replaceAll(m -> day(m, days).format(DateTimeFormatter.BASIC_ISO_DATE));
        return US.matcher(compact).replaceAll(m -> {
            LocalDate d = LocalDate.of(
                            Integer.parseInt(m.group(3)), Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)))
                    .plusDays(days);
            return d.getMonthValue() + "/" + d.getDayOfMonth() + "/" + d.getYear();
        });
    }

    private static LocalDate day(java.util.regex.MatchResult m, long days) {
        return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)))
                .plusDays(days);
    }
}
