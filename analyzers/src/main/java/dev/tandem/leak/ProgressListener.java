package dev.tandem.leak;

/** Told how an analysis advances: at each input and every few thousand rows. */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = p -> {};

    void progress(Progress progress);

    /**
     * @param inputsDone inputs finished so far
     * @param inputsTotal inputs given (archive members are not counted)
     * @param current the input being read, or "" when reading is over
     * @param events activity events read so far
     * @param phase READING while inputs are read, CORRELATING after, DONE at the end
     */
    record Progress(int inputsDone, int inputsTotal, String current, long events, Phase phase) {}

    /** Where an analysis is. */
    enum Phase {
        READING,
        CORRELATING,
        DONE
    }
}
