package org.spikemesh.compiler;

/** A network that cannot be mapped onto the chip; the message is one line naming the limit, the need and the capacity. */
public final class MappingException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** @param message one line: which limit, which population, how much is needed and how much there is */
    public MappingException(String message) {
        super(message);
    }
}
