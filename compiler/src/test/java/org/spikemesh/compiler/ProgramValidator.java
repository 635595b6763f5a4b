package org.spikemesh.compiler;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.spikemesh.chip.ChipConfig;
import org.spikemesh.chip.Core;
import org.spikemesh.chip.SynapseEncoding;
import org.spikemesh.compiler.program.ChipProgram;
import org.spikemesh.compiler.program.CoreProgram;
import org.spikemesh.compiler.program.RouteTable;
import org.spikemesh.compiler.program.SynapseMemory;

/**
 * Checks a program against the chip's limits from the program's own arrays only (not from the compiler's
 * bookkeeping): neurons, axons, synapse memory recomputed from the stored synapses in the format the core uses,
 * output routes, distinct existing cores, targets and delays in the encoding, every route pointing at an axon that
 * exists on its destination.
 */
final class ProgramValidator {
    private ProgramValidator() {
    }

    static List<String> violations(ChipProgram p) {
        List<String> bad = new ArrayList<>();
        ChipConfig chip = p.chip();
        Core core = chip.core();
        SynapseEncoding enc = core.encoding();
        Set<Integer> used = new HashSet<>();
        int total = chip.totalCores(chip.mesh().chips());
        for (CoreProgram c : p.cores()) {
            String at = "core " + c.globalCore() + " (" + c.process().name() + ")";
            if (!used.add(c.globalCore()) || c.globalCore() < 0 || c.globalCore() >= total) {
                bad.add(at + ": duplicate or nonexistent core");
            }
            if (c.size() > core.maxNeurons()) {
                bad.add(at + ": " + c.size() + " neurons > " + core.maxNeurons());
            }
            SynapseMemory m = c.synapses();
            if (m.axons() > core.maxFanInAxons()) {
                bad.add(at + ": " + m.axons() + " axons > " + core.maxFanInAxons());
            }
            long bits;
            if (m.synapses() == 0) {
                bits = 0;
            } else if ("dense".equals(c.format())) {
                bits = (long) m.axons() * c.size() * enc.bitsPerSynapse("dense");
            } else {
                bits = (long) m.synapses() * enc.bitsPerSynapse("sparse");
            }
            if ((bits + 7) / 8 > core.synapseMemoryBytes()) {
                bad.add(at + ": " + (bits + 7) / 8 + " bytes of synapse memory > " + core.synapseMemoryBytes());
            }
            if (!enc.formats().contains(c.format()) && m.synapses() > 0) {
                bad.add(at + ": format " + c.format() + " not offered by the chip");
            }
            for (int j = 0; j < m.synapses(); j++) {
                if ((m.post()[j] & 0xFFFF) >= c.size()) {
                    bad.add(at + ": synapse " + j + " targets neuron " + (m.post()[j] & 0xFFFF) + " beyond the core");
                    break;
                }
                if (m.delay() != null && m.delay()[j] > (1 << enc.delayBits()) - 1) {
                    bad.add(at + ": delay " + m.delay()[j] + " beyond " + enc.delayBits() + " bits");
                    break;
                }
            }
            RouteTable rt = c.routes();
            if (rt.neuronRoutes().length > core.maxFanOutRoutes()) {
                bad.add(at + ": " + rt.neuronRoutes().length + " output routes > " + core.maxFanOutRoutes());
            }
            for (int e : rt.neuronRoutes()) {
                int slot = e >>> RouteTable.AXON_BITS;
                int axon = e & RouteTable.AXON_MASK;
                int dest = rt.destCore(slot);
                if (axon >= p.cores().get(dest).synapses().axons()) {
                    bad.add(at + ": route to axon " + axon + " of core " + dest + " which has fewer axons");
                    break;
                }
            }
        }
        return bad;
    }
}
