package org.spikemesh.compiler;

import org.spikemesh.chip.ChipConfig;
import org.spikemesh.chip.SynapseEncoding;

/** Checks that every weight and delay of a fixed-point network fits the chip's synapse encoding. */
final class EncodingCheck {
    private EncodingCheck() {
    }

    static void check(FlatNetwork net, ChipConfig chip) {
        SynapseEncoding enc = chip.core().encoding();
        int maxDelay = (1 << enc.delayBits()) - 1;
        long wMax = (1L << (enc.weightBits() - 1)) - 1;
        long wMin = -(1L << (enc.weightBits() - 1));
        for (SynapseGroup g : net.groups()) {
            int d = g.table().maxDelay();
            if (d > maxDelay) {
                throw new MappingException("synapse group " + g.name() + ": delay " + d + " needs more than the "
                        + enc.delayBits() + " delay bits of " + chip.name() + " (valid delays 0.." + maxDelay + ")");
            }
            if (g.process() instanceof org.spikemesh.process.lib.LearningSynapses) {
                // a rule may drive a weight anywhere in its sign mode's 8-bit range (Lava's clip_weights)
                org.spikemesh.process.fixed.SignMode m = g.process().declaredSignMode();
                int lo = m == org.spikemesh.process.fixed.SignMode.EXCITATORY ? 0
                        : m == org.spikemesh.process.fixed.SignMode.INHIBITORY ? -255 : -256;
                int hi = m == org.spikemesh.process.fixed.SignMode.INHIBITORY ? 0 : 255;
                if (lo < wMin || hi > wMax) {
                    throw new MappingException("synapse group " + g.name() + ": learning can set its weights anywhere"
                            + " in " + lo + ".." + hi + ", which needs more than the " + enc.weightBits()
                            + " weight bits of " + chip.name() + " (valid " + wMin + ".." + wMax + ")");
                }
            }
            if (g.weights() == null) {
                continue;
            }
            org.spikemesh.process.Values ws = g.weights();
            for (int k = 0, n = ws.size(); k < n; k++) {
                int w = (int) ws.get(k);
                if (w > wMax || w < wMin) {
                    throw new MappingException("synapse group " + g.name() + ": weight " + w + " needs more than the "
                            + enc.weightBits() + " weight bits of " + chip.name() + " (valid " + wMin + ".." + wMax + ")");
                }
            }
        }
    }
}
