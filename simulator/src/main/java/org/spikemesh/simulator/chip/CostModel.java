package org.spikemesh.simulator.chip;

import org.spikemesh.chip.ChipConfig;
import org.spikemesh.chip.Core;
import org.spikemesh.chip.Router;

/**
 * Time and energy of counted operations, from the chip config. A core's step time is the sum of its operations times
 * their times; a step's time is the slowest core, plus its traffic (the longest contention-free path of the step plus
 * the serialisation of the busiest link: {@code (load - 1) / bandwidth}), plus the barrier for the tiles in use.
 * Energy is every operation times its energy, plus static power times simulated time.
 */
public final class CostModel {
    private final Core core;
    private final Router router;
    private final ChipConfig chip;
    private final int tilesInUse;
    private final EventCharges charges;

    /**
     * @param chip chip configuration
     * @param tilesInUse tiles holding mapped cores (they set the barrier time)
     */
    public CostModel(ChipConfig chip, int tilesInUse) {
        this.chip = chip;
        this.core = chip.core();
        this.router = chip.router();
        this.tilesInUse = tilesInUse;
        this.charges = new EventCharges(chip);
    }

    /** @return the per-event coefficients including {@code core.events} */
    EventCharges charges() {
        return charges;
    }

    /**
     * @param synops synaptic operations
     * @param active neuron updates of neurons not at rest
     * @param inactive neuron updates of neurons at rest
     * @param spikes spikes sent
     * @param messagesIn messages received
     * @return the core's time in ns
     */
    public double coreTimeNs(long synops, long active, long inactive, long spikes, long messagesIn) {
        return synops * core.synop().timeNs() + active * core.neuronUpdateActive().timeNs()
                + inactive * core.neuronUpdateInactive().timeNs() + spikes * core.spikeOut().timeNs()
                + messagesIn * core.messageReceive().timeNs();
    }

    /**
     * The energy a core spent over a run by the kinds a core spends it on: its counts times the fixed costs, plus
     * {@code core.events}; they add up to the core's energy. Hops, links, learning, barrier and static power belong
     * to no one core.
     *
     * @param c the core
     * @param t its run totals: synops, active, inactive, spikes, messages in, messages out and (optional) spikes
     *          that left their neuron at rest and (spike, destination core) pairs; without the pairs they are taken
     *          equal to the messages out, which holds for unicast routers only
     * @return pJ of its synaptic ops, neuron updates and spikes (sent, and the messages it received)
     */
    public double[] coreEnergyByKind(org.spikemesh.compiler.program.CoreProgram c, long[] t) {
        double[] k = {t[0] * synopPj(), t[1] * activePj() + t[2] * inactivePj(), t[3] * spikePj() + t[4] * receivePj()};
        if (!charges.any()) {
            return k;
        }
        EventCharges.Counts n = new EventCharges.Counts();
        n.synopsByFormat[EventCharges.formatIndex(c.format())] = t[0];
        n.active = t[1];
        n.inactive = t[2];
        n.spikes = t[3];
        n.lifSpikes = c.neurons() != null ? t[3] : 0;
        n.restingSpikes = t.length > 6 ? t[6] : 0;
        n.messagesIn = t[4];
        n.messages = t[5];
        n.destinations = t.length > 7 ? t[7] : t[5];
        double[] e = new double[3];
        charges.extraPj(n, e);
        for (int i = 0; i < 3; i++) {
            k[i] += e[i];
        }
        return k;
    }

    /** @return pJ per synaptic op */
    public double synopPj() {
        return core.synop().energyPj();
    }

    /** @return pJ per active neuron update */
    public double activePj() {
        return core.neuronUpdateActive().energyPj();
    }

    /** @return pJ per inactive neuron update */
    public double inactivePj() {
        return core.neuronUpdateInactive().energyPj();
    }

    /** @return pJ per spike sent */
    public double spikePj() {
        return core.spikeOut().energyPj();
    }

    /** @return pJ per message received */
    public double receivePj() {
        return core.messageReceive().energyPj();
    }

    /**
     * @param ew east-west hops
     * @param ns north-south hops
     * @param withinTile messages that stay in their tile
     * @return pJ of the mesh hops
     */
    public double hopsPj(long ew, long ns, long withinTile) {
        return ew * router.hopEastWest().energyPj() + ns * router.hopNorthSouth().energyPj()
                + withinTile * router.withinTileSpike().energyPj();
    }

    /**
     * @param crossings chip-to-chip link crossings
     * @return pJ
     */
    public double interChipPj(long crossings) {
        return crossings * router.interChip().energyPj();
    }

    /**
     * @param maxPathNs longest contention-free path of the step's messages
     * @param busiestLink load of the busiest link in the step
     * @return traffic time of the step in ns
     */
    public double trafficNs(int maxPathNs, long busiestLink) {
        return maxPathNs + (busiestLink > 1 ? (busiestLink - 1) / router.linkBandwidthMsgsPerNs() : 0);
    }

    /**
     * @param busiestLink load of the busiest link
     * @return mean queueing wait of a message on that link, ns
     */
    public double meanWaitNs(long busiestLink) {
        return busiestLink > 1 ? (busiestLink - 1) / (2 * router.linkBandwidthMsgsPerNs()) : 0;
    }

    /** @return barrier time per step for the tiles in use, ns */
    public double barrierNs() {
        return chip.barrierNs(tilesInUse);
    }

    /** @return barrier energy per step, pJ */
    public double barrierPj() {
        return chip.barrier().energyPj();
    }

    /**
     * @param ns simulated time
     * @return static energy of all chips in that time, pJ (W x ns = 1e3 pJ)
     */
    public double staticPj(double ns) {
        return chip.staticPowerWatts() * chip.mesh().chips() * ns * 1e3;
    }

    /** @return messages a link buffers before the sender stalls */
    /** @return ns of one synaptic update in the learning phase */
    public double learningNs() {
        return chip.learning().update().timeNs();
    }

    /** @return pJ of one synaptic update in the learning phase */
    public double learningPj() {
        return chip.learning().update().energyPj();
    }

    public int bufferDepth() {
        return router.bufferDepth();
    }
}
