package dev.tandem.ledger;

/** The outcome of opening a signed note: its verified text, or why it was rejected. */
public sealed interface NoteCheck permits NoteCheck.Opened, NoteCheck.Rejected {

    boolean ok();

    /** At least one signature by the expected key verified; {@code text} is the signed text. */
    record Opened(String text) implements NoteCheck {
        @Override
        public boolean ok() {
            return true;
        }
    }

    record Rejected(String reason) implements NoteCheck {
        @Override
        public boolean ok() {
            return false;
        }
    }
}
