package org.spikemesh.process.learning;

/** A learning-rule string that cannot be parsed: names the equation, the column (1-based) and what was expected. */
public final class RuleSyntaxException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final int column;

    /**
     * @param target dw, dd or dt
     * @param text the rule
     * @param index 0-based position of the error
     * @param problem what is wrong and what would be valid
     */
    public RuleSyntaxException(String target, String text, int index, String problem) {
        super(target + " = \"" + text + "\": column " + (index + 1) + ": " + problem);
        this.column = index + 1;
    }

    /** @return 1-based column of the error */
    public int column() {
        return column;
    }
}
