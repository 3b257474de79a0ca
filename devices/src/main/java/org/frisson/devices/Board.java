package org.frisson.devices;

/**
 * A board Frisson knows: its name on the command line, BrainFlow's board id, and how it is reached
 * (which connection parameters it needs, for the listing and for error messages).
 */
public record Board(String name, int id, String connection) {

    public Board {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("board name must not be blank");
        }
    }

    /** {@code board 'cyton'}: how messages name it. */
    public String label() {
        return "board '" + name + "'";
    }
}
