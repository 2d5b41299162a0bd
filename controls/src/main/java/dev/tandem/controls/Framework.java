package dev.tandem.controls;

/** The control frameworks of the catalog. */
public enum Framework {
    /** AICPA Trust Services Criteria (2017), points of focus as revised in 2022. */
    SOC2("SOC2"),
    /** ISO/IEC 27001:2022 Annex A. */
    ISO27001_2022("ISO27001:2022"),
    /** ISO/IEC 27001:2013 Annex A.16 only: what the 2022 incident controls replace. */
    ISO27001_2013("ISO27001:2013");

    private final String label;

    Framework(String label) {
        this.label = label;
    }

    /** The name used in the catalog file and in answers. */
    public String label() {
        return label;
    }

    static Framework ofLabel(String label) {
        for (Framework f : values()) {
            if (f.label.equals(label)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown framework " + label);
    }
}
