package dev.tandem.salesforce;

import dev.tandem.intake.Problem;
import dev.tandem.intake.Problems;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The times of one Setup download (Login History, Setup Audit Trail), read once the whole file has
 * shown which way its dates go. A download is written in the locale of the user who made it: US
 * English writes {@code 3/4/2025} for March 4, British English, French and most others for April 3.
 * A date past the 12th tells the order ({@code 15/3/2025} is day first), as do a month's name
 * ({@code 15 mars 2025} day first, {@code Mar 15, 2025} month first) and a zone name not in use on
 * one reading's date ({@link SetupTimes.Reading}); a file whose dates all read either way is
 * read day first when they are all written the day-first way ({@link
 * SetupTimes.Reading#dayFirstStyle()}), else month first, and one whose dates tell both orders is
 * read the way most of them tell, its other rows named as malformed. Each of these decisions, and a zone abbreviation that
 * another zone writes at another offset ({@code IST}, {@code CST}) unless the file also holds its
 * zone's name in the other season ({@code CDT} beside {@code CST}), is reported as
 * {@link Problem.Kind#TIMES_ASSUMED} with the file's line that shows it (docs/leak-patterns.md,
 * "Login History and Setup Audit Trail").
 *
 * @param <T> a row, made with its {@link SetupTimes.Reading#usual()} time
 */
final class FileTimes<T> {
    private final String file;
    private final String column;
    private final String where;
    private final List<Kept<T>> kept = new ArrayList<>();

    private long monthOnly;
    private long dayOnly;
    private long eitherWay;
    /** Of {@link #eitherWay}, those written as day-first locales write ({@link SetupTimes.Reading#dayFirstStyle()}). */
    private long eitherWayDayStyle;

    private long firstMonthOnlyLine;
    private String firstMonthOnly = "";
    private long firstDayOnlyLine;
    private String firstDayOnly = "";
    private long firstEitherLine;
    private String firstEither = "";
    /** Each ambiguous abbreviation read, with the first line that has it. */
    private final Map<String, Long> ambiguousZones = new LinkedHashMap<>();
    /** Every abbreviation read. */
    private final java.util.Set<String> zones = new java.util.HashSet<>();

    /**
     * @param column the time's column as the problems name it ({@code Login Time}, {@code CreatedDate})
     * @param where its position for the problems ({@code "column 2; "})
     */
    FileTimes(String file, String column, String where) {
        this.file = file;
        this.column = column;
        this.where = where;
    }

    /** The reading of {@code value} at {@code line}: null (and a malformed row) when it is no time at all. */
    SetupTimes.Reading read(long line, String value, Problems problems) {
        SetupTimes.Reading r = SetupTimes.read(value);
        if (!r.readable()) {
            problems.malformedRow(file, line, SetupTimes.unreadable(column, value, where));
            return r;
        }
        if (r.onlyMonthFirst()) {
            if (monthOnly++ == 0) {
                firstMonthOnlyLine = line;
                firstMonthOnly = value.strip();
            }
        } else if (r.onlyDayFirst()) {
            if (dayOnly++ == 0) {
                firstDayOnlyLine = line;
                firstDayOnly = value.strip();
            }
        } else if (r.eitherWay()) {
            if (r.dayFirstStyle()) {
                eitherWayDayStyle++;
            }
            if (eitherWay++ == 0) {
                firstEitherLine = line;
                firstEither = value.strip();
            }
        }
        if (r.abbreviation() != null
                && zones.add(r.abbreviation())
                && !SetupTimes.othersWriting(r.abbreviation()).isEmpty()) {
            ambiguousZones.putIfAbsent(r.abbreviation(), line);
        }
        return r;
    }

    /**
     * The reading of {@code value} at {@code line}: through the file's {@code times} for a CSV
     * download ({@link #read}), or alone for a JSON record ({@code times} null: its ISO 8601 time is
     * read row by row), a value that is no time at all named as a malformed row either way.
     */
    static SetupTimes.Reading read(
            @Nullable FileTimes<?> times, String file, long line, String column, String value, Problems problems) {
        if (times != null) {
            return times.read(line, value, problems);
        }
        SetupTimes.Reading r = SetupTimes.read(value);
        if (!r.readable()) {
            problems.malformedRow(file, line, SetupTimes.unreadable(column, value, ""));
        }
        return r;
    }

    /** A row held until {@link #finish}, with its line and both readings of its time. */
    private record Kept<T>(T row, long line, SetupTimes.Reading reading) {}

    /** Keeps {@code row} (made with the time {@link #read} gave) until {@link #finish}. */
    void keep(long line, SetupTimes.Reading r, T row) {
        kept.add(new Kept<>(row, line, r));
    }

    /**
     * Decides the file's order, reports it where it was not plain, and gives each kept row to
     * {@code accept} at its time ({@code retime} makes the row anew where the order chosen reads
     * another time than it was made with); a row that reads only the other way is a malformed row.
     */
    void finish(Problems problems, RowAt<T> retime, Consumer<T> accept) {
        // no date tells either order, and every one is written the day-first way
        boolean byStyle = dayOnly == 0 && monthOnly == 0 && eitherWay > 0 && eitherWayDayStyle == eitherWay;
        boolean dayFirstChosen = dayOnly > monthOnly || byStyle;
        report(problems, dayFirstChosen, byStyle);
        for (Kept<T> k : kept) {
            SetupTimes.Reading r = k.reading();
            long chosen = dayFirstChosen ? r.dayFirst() : r.monthFirst();
            if (chosen == Timestamps.UNKNOWN) {
                problems.malformedRow(
                        file,
                        k.line(),
                        column + " reads only " + (dayFirstChosen ? "month" : "day")
                                + " first, where this file's dates read "
                                + (dayFirstChosen ? "day" : "month") + " first (" + where + "line "
                                + (dayFirstChosen ? firstDayOnlyLine : firstMonthOnlyLine) + ")");
                continue;
            }
            accept.accept(chosen == r.usual() ? k.row() : retime.at(k.row(), chosen));
        }
        kept.clear();
    }

    /** A row made anew at another time. */
    @FunctionalInterface
    interface RowAt<T> {
        T at(T row, long millis);
    }

    private void report(Problems problems, boolean dayFirstChosen, boolean byStyle) {
        if (dayOnly > 0 && monthOnly > 0) {
            problems.report(
                    file,
                    dayFirstChosen ? firstDayOnlyLine : firstMonthOnlyLine,
                    Problem.Kind.TIMES_ASSUMED,
                    column + ": dates read both ways (" + dayOnly + " only day first, as line " + firstDayOnlyLine
                            + " \"" + firstDayOnly + "\"; " + monthOnly + " only month first, as line "
                            + firstMonthOnlyLine + " \"" + firstMonthOnly + "\"): read "
                            + (dayFirstChosen ? "day" : "month") + " first, the others named as malformed;"
                            + " a download holds one locale's dates, so this file joins two: read them apart");
        } else if (dayOnly > 0 && eitherWay > 0) {
            problems.report(
                    file,
                    firstDayOnlyLine,
                    Problem.Kind.TIMES_ASSUMED,
                    column + ": dates read day first (d/M/yyyy), as line " + firstDayOnlyLine + " \"" + firstDayOnly
                            + "\" can only be read; " + eitherWay + " that read either way read so too");
        } else if (byStyle) {
            problems.report(
                    file,
                    firstEitherLine,
                    Problem.Kind.TIMES_ASSUMED,
                    column + ": every date reads either way (line " + firstEitherLine + " \"" + firstEither
                            + "\"): read day first (d/M/yyyy), as they are written with a leading zero and on 24"
                            + " hours, as day-first locales write dates and US English does not (2/4/2025,"
                            + " 11:13:34 PM); if that is wrong, download it again with the locale English (United"
                            + " States)");
        } else if (eitherWay > 0 && monthOnly == 0) {
            problems.report(
                    file,
                    firstEitherLine,
                    Problem.Kind.TIMES_ASSUMED,
                    column + ": every date reads either way (line " + firstEitherLine + " \"" + firstEither
                            + "\"): read month first (M/d/yyyy, US English); if the download was made in a"
                            + " day-first locale, download it again with the locale English (United States)");
        }
        // PDT beside PST: the file was written in Los Angeles' zone, not Manila's
        ambiguousZones
                .keySet()
                .removeIf(a -> SetupTimes.seasonPartners(a).stream().anyMatch(zones::contains));
        ambiguousZones.forEach((abbreviation, line) -> problems.report(
                file,
                line,
                Problem.Kind.TIMES_ASSUMED,
                column + ": " + abbreviation + " read as UTC" + offset(abbreviation) + "; "
                        + String.join(", ", SetupTimes.othersWriting(abbreviation)) + " write it too: if the"
                        + " download was made by a user set to one of those, download it again set to GMT"));
    }

    private static String offset(String abbreviation) {
        java.time.ZoneOffset o = SetupTimes.offsetOf(abbreviation);
        return o == null ? "" : o.getId().replace("Z", "+00:00");
    }
}
