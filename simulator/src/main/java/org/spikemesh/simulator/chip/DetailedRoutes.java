package org.spikemesh.simulator.chip;

import org.spikemesh.chip.ChipConfig;
import org.spikemesh.chip.Router;
import org.spikemesh.compiler.program.ChipProgram;
import org.spikemesh.compiler.program.CoreProgram;
import org.spikemesh.compiler.program.RouteTable;

/**
 * What the detailed time model needs to know of every core and route, fixed for the run: each core's place (tile and
 * port) and per-neuron times, and per route entry its destination core, its contention-free path time and the time the
 * destination spends on the message (receive + synapses of the axon x synop time of the destination's format).
 */
final class DetailedRoutes {
    final int cores;
    final boolean[] lif;
    final int[] neurons;
    final int[] tileX;
    final int[] tileY;
    final int[] port;
    final double[] spikeNs;
    final double activeNs;
    final double inactiveNs;
    /** extra time of a spike that leaves its neuron at rest (see EventCharges#firedAtRestNs). */
    final double firedAtRestNs;
    /** time to send one message (message_out + destination_core charges). */
    final double sendNs;
    /** per core: offset of its route entries in the flat arrays below. */
    final int[] routeBase;
    /** per core: its route table's per-neuron offsets. */
    final int[][] routeStart;
    final int[] dest;
    final int[] hops;
    final double[] pathNs;
    final double[] processNs;
    /** per core, its global core number (equal send times go lowest first). */
    final int[] place;

    DetailedRoutes(ChipProgram program, EventCharges charges) {
        ChipConfig chip = program.chip();
        this.cores = program.cores().size();
        this.lif = new boolean[cores];
        this.neurons = new int[cores];
        this.port = new int[cores];
        this.place = new int[cores];
        this.spikeNs = new double[cores];
        this.routeBase = new int[cores + 1];
        this.routeStart = new int[cores][];
        this.tileX = program.tileX();
        this.tileY = program.tileY();
        for (CoreProgram cp : program.cores()) {
            int c = cp.index();
            lif[c] = cp.neurons() != null;
            neurons[c] = lif[c] ? cp.size() : 0;
            port[c] = chip.coord(cp.globalCore()).coreInTile();
            place[c] = cp.globalCore();
            spikeNs[c] = charges.spikeNs(lif[c]);
            routeStart[c] = cp.routes().routeStart();
            routeBase[c + 1] = routeBase[c] + cp.routes().neuronRoutes().length;
        }
        this.activeNs = charges.activeNs();
        this.inactiveNs = charges.inactiveNs();
        this.firedAtRestNs = charges.firedAtRestNs();
        this.sendNs = charges.messageOutNs() + charges.destinationNs();
        int n = routeBase[cores];
        this.dest = new int[n];
        this.hops = new int[n];
        this.pathNs = new double[n];
        this.processNs = new double[n];
        for (CoreProgram cp : program.cores()) {
            fill(program, cp, charges);
        }
    }

    private void fill(ChipProgram program, CoreProgram cp, EventCharges charges) {
        Router router = program.chip().router();
        RouteTable rt = cp.routes();
        int[] entries = rt.neuronRoutes();
        for (int r = 0; r < entries.length; r++) {
            int slot = entries[r] >>> RouteTable.AXON_BITS;
            int axon = entries[r] & RouteTable.AXON_MASK;
            int g = routeBase[cp.index()] + r;
            int d = rt.destCore(slot);
            CoreProgram dp = program.cores().get(d);
            org.spikemesh.compiler.program.SynapseMemory m = dp.synapses();
            int synapses = axon < m.axons() ? m.axonSynapses(axon) : 0;
            int ew = rt.hopsEastWest(slot);
            int ns = rt.hopsNorthSouth(slot);
            dest[g] = d;
            hops[g] = ew + ns;
            pathNs[g] = ew + ns == 0 ? router.withinTileSpike().timeNs()
                    : ew * router.hopEastWest().timeNs() + ns * router.hopNorthSouth().timeNs()
                    + rt.chipCrossings(slot) * router.interChip().timeNs();
            processNs[g] = charges.receiveNs() + synapses * charges.synopNs(EventCharges.formatIndex(dp.format()));
        }
    }
}
