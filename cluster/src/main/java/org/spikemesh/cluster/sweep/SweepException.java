package org.spikemesh.cluster.sweep;

/** A wrong sweep file or sweep option: one line naming the file, the field and what would be valid. */
public final class SweepException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** @param message one line */
    public SweepException(String message) {
        super(message);
    }
}
