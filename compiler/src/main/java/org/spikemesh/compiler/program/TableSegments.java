package org.spikemesh.compiler.program;

import java.util.List;

/** The segments of a program that holds its arrays, read from its route tables and synapse memories. */
final class TableSegments implements SynapseSegments {
    private final ChipProgram program;

    TableSegments(ChipProgram program) {
        this.program = program;
    }

    @Override
    public void forEach(Sink sink) {
        List<CoreProgram> cores = program.cores();
        for (CoreProgram c : cores) {
            RouteTable rt = c.routes();
            int[] rs = rt.routeStart();
            int[] routes = rt.neuronRoutes();
            for (int i = 0; i < c.size(); i++) {
                for (int r = rs[i]; r < rs[i + 1]; r++) {
                    int entry = routes[r];
                    int d = rt.destCore(entry >>> RouteTable.AXON_BITS);
                    SynapseMemory m = cores.get(d).synapses();
                    int axon = entry & RouteTable.AXON_MASK;
                    int from = m.axonStart(axon);
                    int n = m.axonStart(axon + 1) - from;
                    int place = sink.segment(c.index(), i, d, axon, m.axonLane() == null ? 0 : m.axonLane()[axon], n);
                    short[] post = m.post();
                    short[] weight = m.weight();
                    byte[] delay = m.delay();
                    for (int j = 0; j < n; j++) {
                        sink.synapse(d, place + j, post[from + j] & 0xFFFF, weight[from + j],
                                delay == null ? 0 : delay[from + j]);
                    }
                }
            }
        }
    }

    @Override
    public boolean delays() {
        for (CoreProgram c : program.cores()) {
            if (c.synapses().delay() != null) {
                return true;
            }
        }
        return false;
    }
}
