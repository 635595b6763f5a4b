package org.spikemesh.process.learning;

/**
 * What a factor of a learning-rule product reads, with its bit width in Loihi's learning engine (Lava's
 * {@code FACTOR_TO_WIDTH_DICT}): dependencies 1 bit, traces 7, synaptic variables 9 (signed), constants 8.
 */
public enum Term {
    /** pre-synaptic spike in this epoch. */
    X0("x0", 1),
    /** post-synaptic spike in this epoch. */
    Y0("y0", 1),
    /** first pre-synaptic trace. */
    X1("x1", 7),
    /** second pre-synaptic trace. */
    X2("x2", 7),
    /** first post-synaptic trace. */
    Y1("y1", 7),
    /** second post-synaptic trace. */
    Y2("y2", 7),
    /** third post-synaptic trace. */
    Y3("y3", 7),
    /** synaptic weight. */
    W("w", 9),
    /** synaptic delay tag (Lava's tag_2). */
    D("d", 9),
    /** synaptic tag (Lava's tag_1). */
    T("t", 9),
    /** a constant. */
    C("C", 8);

    private final String symbol;
    private final int width;

    Term(String symbol, int width) {
        this.symbol = symbol;
        this.width = width;
    }

    /** @return the name in rule strings */
    public String symbol() {
        return symbol;
    }

    /** @return bit width of the factor; its value is clipped to [-2^width, 2^width - 1] */
    public int width() {
        return width;
    }

    /** @return index among the pre traces (x1 0, x2 1) or post traces (y1 0, y2 1, y3 2) */
    public int traceIndex() {
        switch (this) {
            case X1:
            case Y1:
                return 0;
            case X2:
            case Y2:
                return 1;
            case Y3:
                return 2;
            default:
                throw new IllegalStateException(symbol + " is not a trace");
        }
    }
}
