package dev.tandem.server.change;

import dev.tandem.change.EmergencyReview;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code tandem.change.*}: how long after it ran an emergency change may be approved before it is a
 * CC8.1 change-management exception (24 hours unless set).
 */
@ConfigurationProperties("tandem.change")
public record ChangeProperties(@Nullable Duration emergencyApprovalWindow) {
    public Duration window() {
        return emergencyApprovalWindow == null || emergencyApprovalWindow.isNegative()
                ? EmergencyReview.DEFAULT_WINDOW
                : emergencyApprovalWindow;
    }
}
