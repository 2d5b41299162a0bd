package dev.tandem.regulation.notice;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a GDPR or UK GDPR Art. 33 notice still lacks before it is sent: each "[to be completed: …]" the draft
 * left (the Art. 33(3) content the record does not know), and, for a notice sent after its 72 hours,
 * the reasons for the delay Art. 33(1) asks for when the text gives none.
 */
public final class NoticeGaps {
    private NoticeGaps() {}

    private static final Pattern GAP = Pattern.compile("\\[to be completed: ([^\\]\\n]*)\\]");

    /** The gap of a late notice whose text says nothing of the delay. */
    public static final String DELAY = Art33Notice.EU_GDPR.delayGap();

    /**
     * The gaps of {@code text}, in order of appearance, each once.
     *
     * @param late the notice is sent after its deadline: its text must give the reasons for the delay
     */
    public static List<String> of(String text, boolean late) {
        return of(text, late, Art33Notice.EU_GDPR);
    }

    /** The gaps of {@code text} as a notice of {@code notice}, whose late text cites its own Art. 33(1). */
    public static List<String> of(String text, boolean late, Art33Notice notice) {
        Set<String> gaps = new LinkedHashSet<>();
        Matcher m = GAP.matcher(text);
        while (m.find()) {
            gaps.add(m.group(1).strip());
        }
        boolean delayAsked =
                gaps.stream().anyMatch(g -> g.toLowerCase(Locale.ROOT).contains("later than 72 hours"));
        if (late && !delayAsked && !text.toLowerCase(Locale.ROOT).contains("reasons for the delay")) {
            gaps.add(notice.delayGap());
        }
        return new ArrayList<>(gaps);
    }
}
