package org.spikemesh.compiler;

/**
 * Options of one compilation.
 *
 * @param chips chips to map onto (0: as many as the chip config says; -1: as many as the network needs)
 * @param seed seed of the placement's local search
 * @param placementMoves local-search moves (negative: a default scaled to the network; 0: greedy start only)
 * @param rates measured spikes per step of each neuron, by population name (from a previous run; populations not
 *              given count one spike per neuron per step), or null
 * @param pins blocks pinned to cores (a placement file), or null
 * @param streamed whether to emit a streamed program where it can: one whose cores hold their counts but no synapse
 *                 and route arrays (11-12 bytes per synapse at 100 synapses per neuron), its synapses emitted again
 *                 from the network whenever a simulator builds its tables ({@link
 *                 org.spikemesh.compiler.program.ChipProgram#segments()}). Networks that learn and chips with the
 *                 detailed time model, whose simulators read the arrays, get a program with its arrays.
 */
public record CompileOptions(int chips, long seed, long placementMoves, java.util.Map<String, double[]> rates,
                             java.util.List<PlacementFile.Pin> pins, boolean streamed) {
    /**
     * A program with its arrays.
     *
     * @param chips chips
     * @param seed seed
     * @param placementMoves local-search moves
     * @param rates measured rates or null
     * @param pins pinned blocks or null
     */
    public CompileOptions(int chips, long seed, long placementMoves, java.util.Map<String, double[]> rates,
                          java.util.List<PlacementFile.Pin> pins) {
        this(chips, seed, placementMoves, rates, pins, false);
    }

    /**
     * Without pinned blocks.
     *
     * @param chips chips
     * @param seed seed
     * @param placementMoves local-search moves
     * @param rates measured rates or null
     */
    public CompileOptions(int chips, long seed, long placementMoves, java.util.Map<String, double[]> rates) {
        this(chips, seed, placementMoves, rates, null);
    }

    /**
     * @param p pinned blocks
     * @return a copy with these pins
     */
    public CompileOptions withPins(java.util.List<PlacementFile.Pin> p) {
        return new CompileOptions(chips, seed, placementMoves, rates, p, streamed);
    }

    /**
     * @param r measured spikes per step of each neuron by population name
     * @return a copy with these rates
     */
    public CompileOptions withRates(java.util.Map<String, double[]> r) {
        return new CompileOptions(chips, seed, placementMoves, r, pins, streamed);
    }

    /** @return defaults: the config's chips, seed 1, default local search, unit rates */
    public static CompileOptions defaults() {
        return new CompileOptions(0, 1, -1, null);
    }

    /**
     * @param n chips: at least 1, or 0 for as many as the chip config says, or {@link Compiler#AUTO_CHIPS} for as many
     *          as the network needs
     * @return a copy with n chips
     * @throws IllegalArgumentException for any other n
     */
    public CompileOptions withChips(int n) {
        if (n < Compiler.AUTO_CHIPS || n > org.spikemesh.chip.ChipConfigs.MAX_CHIPS) {
            throw new IllegalArgumentException("chips must be 1.." + org.spikemesh.chip.ChipConfigs.MAX_CHIPS
                    + ", or 0 for as many as the chip says, or " + Compiler.AUTO_CHIPS + " for as many as the network"
                    + " needs; got " + n);
        }
        return new CompileOptions(n, seed, placementMoves, rates, pins, streamed);
    }

    /**
     * @param s seed
     * @return a copy with seed s
     */
    public CompileOptions withSeed(long s) {
        return new CompileOptions(chips, s, placementMoves, rates, pins, streamed);
    }

    /**
     * @param s whether to emit a streamed program where it can
     * @return a copy with that choice
     */
    public CompileOptions withStreamed(boolean s) {
        return new CompileOptions(chips, seed, placementMoves, rates, pins, s);
    }
}
