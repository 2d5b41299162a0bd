package dev.tandem.regulation.notice;

import java.util.ArrayList;
import java.util.List;

/**
 * A notice as sections a person can edit before it is sent; once sent, the server keeps the rendered
 * Markdown as evidence.
 *
 * @param gaps what the draft could not fill from the incident record
 */
public record NoticeDraft(String title, String recipient, String citation, List<Section> sections, List<String> gaps) {
    public NoticeDraft {
        sections = List.copyOf(sections);
        gaps = List.copyOf(gaps);
    }

    /** One part of the notice, tied to the provision that asks for it. */
    public record Section(String heading, String citation, String body) {}

    /** The same draft with one section's body replaced, as an editor would. */
    public NoticeDraft withSection(String heading, String body) {
        List<Section> s = new ArrayList<>();
        boolean found = false;
        for (Section x : sections) {
            if (x.heading().equals(heading)) {
                s.add(new Section(heading, x.citation(), body));
                found = true;
            } else {
                s.add(x);
            }
        }
        if (!found) {
            throw new IllegalArgumentException("no section '" + heading + "' in " + title);
        }
        return new NoticeDraft(title, recipient, citation, s, gaps);
    }

    public String toMarkdown() {
        StringBuilder b = new StringBuilder();
        b.append("# ").append(title).append("\n\n");
        b.append("To: ").append(recipient).append("  \n");
        b.append("Under: ").append(citation).append("\n\n");
        for (Section s : sections) {
            b.append("## ")
                    .append(s.heading())
                    .append(" (")
                    .append(s.citation())
                    .append(")\n\n");
            b.append(s.body()).append("\n\n");
        }
        b.append("---\n\nDraft prepared by Tandem. Not legal advice: review before sending.\n");
        return b.toString();
    }

    public String toText() {
        StringBuilder b = new StringBuilder();
        b.append(title).append('\n').append("=".repeat(title.length())).append("\n\n");
        b.append("To: ").append(recipient).append('\n');
        b.append("Under: ").append(citation).append("\n\n");
        for (Section s : sections) {
            String h = s.heading() + " (" + s.citation() + ")";
            b.append(h).append('\n').append("-".repeat(h.length())).append('\n');
            b.append(s.body()).append("\n\n");
        }
        b.append("Draft prepared by Tandem. Not legal advice: review before sending.\n");
        return b.toString();
    }
}
