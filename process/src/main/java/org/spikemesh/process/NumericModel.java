package org.spikemesh.process;

import java.util.Locale;

/** Which arithmetic a process is run with, as Lava's {@code select_tag}: bit-accurate fixed point or floating point. */
public enum NumericModel {
    /** Lava's bit-accurate Loihi models ({@code fixed_pt}). */
    FIXED_PT("fixed_pt"),
    /** Lava's floating-point models ({@code floating_pt}). */
    FLOAT_PT("float_pt");

    private final String tag;

    NumericModel(String tag) {
        this.tag = tag;
    }

    /** @return the name used in files and on the command line */
    public String tag() {
        return tag;
    }

    /**
     * Parses a model name.
     *
     * @param text {@code fixed_pt}, {@code float_pt} (also {@code floating_pt})
     * @return the model
     * @throws IllegalArgumentException naming the valid values
     */
    public static NumericModel parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        switch (t) {
            case "fixed_pt":
            case "fixed":
                return FIXED_PT;
            case "float_pt":
            case "floating_pt":
            case "float":
                return FLOAT_PT;
            default:
                throw new IllegalArgumentException("unknown model '" + text + "': valid are fixed_pt, float_pt");
        }
    }
}
