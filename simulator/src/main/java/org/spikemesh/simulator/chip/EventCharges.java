package org.spikemesh.simulator.chip;

import org.spikemesh.chip.Charge;
import org.spikemesh.chip.ChargePer;
import org.spikemesh.chip.ChipConfig;
import org.spikemesh.chip.Core;

/**
 * The chip's per-event costs folded into one coefficient per counted event: the fixed fields of {@code core} (synop,
 * active and inactive updates, spike out, message receive) plus every {@link Charge} of {@code core.events} on the
 * same count. Energy coefficients of the events alone give the extra energy of a step, so that chips without events
 * keep their energy sums term for term.
 */
final class EventCharges {
    /** synapse format index: dense */
    static final int DENSE = 0;
    /** synapse format index: sparse */
    static final int SPARSE = 1;
    /** synapse format index: shared */
    static final int SHARED = 2;
    /** synapse format index: a core without synapses */
    static final int NONE = 3;
    private static final String[] FORMATS = {"dense", "sparse", "shared", "none"};

    /** energy (index 0) and time (index 1) of the events alone, per counted event. */
    private final double[] neuronStep = new double[2];
    private final double[] updated = new double[2];
    private final double[] resting = new double[2];
    private final double[] neuronSpike = new double[2];
    private final double[] spike = new double[2];
    private final double[] messageOut = new double[2];
    private final double[] destination = new double[2];
    private final double[] messageIn = new double[2];
    private final double[][] synop = new double[4][2];
    private final Core core;
    private final boolean any;

    EventCharges(ChipConfig chip) {
        this.core = chip.core();
        for (Charge c : chip.events()) {
            for (double[] slot : slots(c)) {
                slot[0] += c.cost().energyPj();
                slot[1] += c.cost().timeNs();
            }
        }
        this.any = !chip.events().isEmpty();
    }

    private double[][] slots(Charge c) {
        if (c.per() == ChargePer.SYNOP) {
            int n = 0;
            double[][] r = new double[4][];
            for (int f = 0; f < 4; f++) {
                if (c.appliesToFormat(FORMATS[f])) {
                    r[n++] = synop[f];
                }
            }
            return java.util.Arrays.copyOf(r, n);
        }
        return new double[][]{slot(c.per())};
    }

    private double[] slot(ChargePer per) {
        return switch (per) {
            case NEURON_STEP -> neuronStep;
            case UPDATED_NEURON -> updated;
            case RESTING_NEURON -> resting;
            case NEURON_SPIKE -> neuronSpike;
            case SPIKE -> spike;
            case MESSAGE_OUT -> messageOut;
            case DESTINATION_CORE -> destination;
            case MESSAGE_IN -> messageIn;
            case SYNOP -> throw new IllegalArgumentException("synop charges go by format");
        };
    }

    /**
     * @param format a core's synapse format (dense, sparse, shared or none)
     * @return its index
     */
    static int formatIndex(String format) {
        for (int f = 0; f < FORMATS.length; f++) {
            if (FORMATS[f].equals(format)) {
                return f;
            }
        }
        return NONE;
    }

    /** @return whether the chip lists any extra events */
    boolean any() {
        return any;
    }

    /**
     * @param format synapse format index of the receiving core
     * @return ns per synaptic op
     */
    double synopNs(int format) {
        return core.synop().timeNs() + synop[format][1];
    }

    /** @return ns per active (state-changing) neuron update, access included */
    double activeNs() {
        return core.neuronUpdateActive().timeNs() + neuronStep[1] + updated[1];
    }

    /** @return ns per update of a neuron at rest, access included */
    double inactiveNs() {
        return core.neuronUpdateInactive().timeNs() + neuronStep[1] + resting[1];
    }

    /**
     * @param lif true for a core of LIF neurons, false for a spike source
     * @return ns per spike sent by such a core
     */
    double spikeNs(boolean lif) {
        return core.spikeOut().timeNs() + spike[1] + (lif ? neuronSpike[1] : 0);
    }

    /**
     * A spike that leaves its neuron at rest is an inactive update for the fixed fields but a state-changing one for
     * the events (SANA-FE: a neuron that fires was updated).
     *
     * @return ns to add per such spike: the events' updated minus resting time
     */
    double firedAtRestNs() {
        return updated[1] - resting[1];
    }

    /** @return ns per message received */
    double receiveNs() {
        return core.messageReceive().timeNs() + messageIn[1];
    }

    /** @return ns per message sent (the events alone; the fixed fields charge none) */
    double messageOutNs() {
        return messageOut[1];
    }

    /** @return ns per (spike, destination core) (the events alone) */
    double destinationNs() {
        return destination[1];
    }

    /**
     * The energy of the events alone for a set of counts (0 without events).
     *
     * @param c counts of a step or a run
     * @param into receives pJ by kind: synaptic ops, neuron updates, spikes and messages (three doubles)
     */
    void extraPj(Counts c, double[] into) {
        double syn = 0;
        for (int f = 0; f < 4; f++) {
            syn += c.synopsByFormat[f] * synop[f][0];
        }
        double upd = (c.active + c.inactive) * neuronStep[0] + (c.active + c.restingSpikes) * updated[0]
                + (c.inactive - c.restingSpikes) * resting[0];
        double spk = c.lifSpikes * neuronSpike[0] + c.spikes * spike[0] + c.messages * messageOut[0]
                + c.destinations * destination[0] + c.messagesIn * messageIn[0];
        into[0] = syn;
        into[1] = upd;
        into[2] = spk;
    }

    /** The counts the events multiply. */
    static final class Counts {
        final long[] synopsByFormat = new long[4];
        long active;
        long inactive;
        long lifSpikes;
        long restingSpikes;
        long spikes;
        long messages;
        long destinations;
        long messagesIn;

        void add(Counts o) {
            for (int f = 0; f < 4; f++) {
                synopsByFormat[f] += o.synopsByFormat[f];
            }
            active += o.active;
            inactive += o.inactive;
            lifSpikes += o.lifSpikes;
            restingSpikes += o.restingSpikes;
            spikes += o.spikes;
            messages += o.messages;
            destinations += o.destinations;
            messagesIn += o.messagesIn;
        }

        void clear() {
            java.util.Arrays.fill(synopsByFormat, 0);
            active = inactive = lifSpikes = restingSpikes = spikes = messages = destinations = messagesIn = 0;
        }
    }
}
