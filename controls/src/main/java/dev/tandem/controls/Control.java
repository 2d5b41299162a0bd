package dev.tandem.controls;

import java.util.List;

/**
 * One control of the catalog.
 *
 * @param id as auditors write it: {@code CC6.1}, {@code A.5.24}, {@code A.16.1.1}
 * @param group the criteria group or Annex A theme
 * @param title a short title in our own words
 * @param replaces for an ISO/IEC 27001:2022 control, the 2013 controls it replaces (only the A.16
 *     incident controls are listed)
 */
public record Control(String id, Framework framework, String group, String title, List<String> replaces) {
    public Control {
        replaces = List.copyOf(replaces);
    }
}
