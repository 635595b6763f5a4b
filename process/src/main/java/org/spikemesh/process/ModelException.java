package org.spikemesh.process;

/**
 * A user error in a process model: names the process, the field and what would be valid. Its message is meant to
 * be shown as it is, on one line.
 */
public final class ModelException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** @param message one line naming the process, the field and what would be valid */
    public ModelException(String message) {
        super(message);
    }

    /**
     * @param process the process (or null)
     * @param field the field or port (or null)
     * @param problem what is wrong and what would be valid
     * @return the exception
     */
    public static ModelException of(String process, String field, String problem) {
        StringBuilder sb = new StringBuilder();
        if (process != null) {
            sb.append("process '").append(process).append("'");
        }
        if (field != null) {
            sb.append(sb.length() > 0 ? ", " : "").append("field '").append(field).append("'");
        }
        if (sb.length() > 0) {
            sb.append(": ");
        }
        return new ModelException(sb.append(problem).toString());
    }
}
