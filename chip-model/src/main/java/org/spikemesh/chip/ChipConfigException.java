package org.spikemesh.chip;

/** A wrong chip file: the message names the file, the YAML path and what would be valid, on one line. */
public final class ChipConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** @param message one line */
    public ChipConfigException(String message) {
        super(message);
    }
}
