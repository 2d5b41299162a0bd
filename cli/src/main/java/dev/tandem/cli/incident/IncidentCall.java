package dev.tandem.cli.incident;

import dev.tandem.cli.ServerCommand;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One call of the incident API with {@code --format text|json}: text for people, the server's answer
 * as it came for programs (docs/adr/118-incidents-timeline-and-obligations-from-the-command-line.md).
 */
abstract class IncidentCall extends ServerCommand.TextOrJson {
    /** The options of this command by the field or parameter of the API they give ({@code awareAt}: {@code --aware-at}). */
    Map<String, String> options() {
        return Map.of();
    }

    /** The option that gives the field a refusal's detail starts with ({@code title is required…}: {@code --title}). */
    @Override
    protected @Nullable String option(String detail) {
        int end = 0;
        while (end < detail.length() && Character.isJavaIdentifierPart(detail.charAt(end))) end++;
        return options().get(detail.substring(0, end));
    }
}
