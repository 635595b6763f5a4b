package org.spikemesh.simulator.chip;

import java.util.ArrayList;
import java.util.List;
import org.spikemesh.compiler.program.ChipProgram;
import org.spikemesh.compiler.program.PlasticBlock;
import org.spikemesh.compiler.program.SynapseMemory;
import org.spikemesh.process.lib.LearningSynapses;
import org.spikemesh.process.lib.SynapseTable;
import org.spikemesh.simulator.learning.FixedPlasticity;
import org.spikemesh.simulator.learning.FixedPreTraces;
import org.spikemesh.simulator.learning.LearningRandom;

/**
 * The learning phase of one shard: its cores' plastic blocks. During step t the shard marks every source neuron
 * whose spike it delivers; after the step's deliveries each block records the pre spikes (its inputs' neurons that
 * were marked) and the post spikes (its core's own spikes of step t), and at the end of an epoch learns. Changed
 * weights go straight into the shard's synapse copy ({@link InboundTable}), shifted as the core stores them, so the
 * spikes of step t+1 meet the new weights, as in Lava.
 */
final class ShardLearning {
    /** one plastic block at one core of the shard. */
    static final class Block {
        final PlasticBlock program;
        final FixedPlasticity state;
        final int localCore;
        /** per input: program-wide source neuron. */
        final int[] source;

        /** per synapse of the block: its index in the shard's synapse copy, and in the process's weights Var. */
        private final int[] shardIndex;
        final int[] varIndex;
        private final InboundTable synapses;
        private final int shift;

        Block(PlasticBlock program, FixedPlasticity state, int localCore, int[] source, int[] shardIndex,
              int[] varIndex, InboundTable synapses, int shift) {
            this.program = program;
            this.state = state;
            this.localCore = localCore;
            this.source = source;
            this.shardIndex = shardIndex;
            this.varIndex = varIndex;
            this.synapses = synapses;
            this.shift = shift;
            state.sink((s, nw) -> synapses.setWeight(shardIndex[s], (short) (nw << shift)));
        }

        /** Copies every weight of the block into the shard's synapses (after a write through the API). */
        void refresh() {
            short[] w = state.weights();
            for (int s = 0; s < w.length; s++) {
                synapses.setWeight(shardIndex[s], (short) (w[s] << shift));
            }
        }
    }

    final List<Block> blocks = new ArrayList<>();
    /** per learning process of the shard: its shared pre traces and, per program-wide neuron, its input (-1). */
    private final List<FixedPreTraces> processes = new ArrayList<>();
    private final List<int[]> inputOfNeuron = new ArrayList<>();
    private final List<List<Block>> blocksOf = new ArrayList<>();
    private final java.util.IdentityHashMap<LearningSynapses, Integer> processIndex = new java.util.IdentityHashMap<>();
    private final long[] fired;
    private int[] firedList = new int[64];
    private int firedCount;
    /** learning updates of each core of the shard this step. */
    final long[] stepUpdates;

    private ShardLearning(int neurons, int shardSize) {
        this.fired = new long[(neurons + 63) >>> 6];
        this.stepUpdates = new long[shardSize];
    }

    /**
     * @return the shard's learning, or null when none of its cores holds plastic synapses
     */
    static ShardLearning build(ChipProgram program, int first, int last, int[] neuronBase, InboundTable inbound,
                               long runSeed) {
        ShardLearning l = null;
        for (PlasticBlock pb : program.plastic()) {
            if (pb.core() < first || pb.core() >= last) {
                continue;
            }
            if (l == null) {
                l = new ShardLearning(neuronBase[neuronBase.length - 1], last - first);
            }
            l.blocks.add(l.block(program, pb, first, neuronBase, inbound, runSeed));
        }
        return l;
    }

    /**
     * The block's synapses: for each input, its synapses in the process's table whose output is on this core, in
     * table order, which is the order of the input's axon at the core.
     */
    private Block block(ChipProgram program, PlasticBlock pb, int first, int[] neuronBase, InboundTable inbound,
                        long runSeed) {
        LearningSynapses proc = pb.process();
        SynapseTable t = proc.table();
        int pres = proc.numInputs();
        int lo = pb.postOffset();
        int hi = lo + pb.posts();
        int[] prepared = proc.preparedWeights();
        int[] rowStart = new int[pres + 1];
        for (int i = 0; i < pres; i++) {
            int n = 0;
            for (int s = t.rowStart()[i]; s < t.rowStart()[i + 1]; s++) {
                n += t.post()[s] >= lo && t.post()[s] < hi ? 1 : 0;
            }
            rowStart[i + 1] = rowStart[i] + n;
        }
        int size = rowStart[pres];
        int[] post = new int[size];
        int[] w = new int[size];
        int[] varIndex = new int[size];
        int[] shardIndex = new int[size];
        int[] source = new int[pres];
        int[] axonSyn = inbound.axonSynapses(pb.core());
        for (int i = 0; i < pres; i++) {
            int k = rowStart[i];
            source[i] = pb.axonOfPre()[i] < 0 ? -1 : neuronBase[pb.preCore()[i]] + pb.preLocal()[i];
            for (int s = t.rowStart()[i]; s < t.rowStart()[i + 1]; s++) {
                int q = t.post()[s];
                if (q >= lo && q < hi) {
                    post[k] = q - lo;
                    w[k] = prepared[s];
                    varIndex[k] = proc.varIndex(s, i);
                    shardIndex[k] = axonSyn[pb.axonOfPre()[i]] + k - rowStart[i];
                    k++;
                }
            }
        }
        long seed = proc.rule().seed() != null ? proc.rule().seed() : runSeed;
        LearningRandom random = new LearningRandom(seed, proc.name());
        Integer pi = processIndex.get(proc);
        if (pi == null) {
            pi = processes.size();
            processIndex.put(proc, pi);
            processes.add(new FixedPreTraces(proc.rule(), pres, random));
            int[] map = new int[neuronBase[neuronBase.length - 1]];
            java.util.Arrays.fill(map, -1);
            inputOfNeuron.add(map);
            blocksOf.add(new ArrayList<>());
        }
        int[] map = inputOfNeuron.get(pi);
        for (int i = 0; i < pres; i++) {
            if (source[i] >= 0) {
                map[source[i]] = i;
            }
        }
        FixedPlasticity state = new FixedPlasticity(proc.rule(), proc.declaredSignMode(), pres, pb.posts(), lo,
                random, processes.get(pi), rowStart, post, w);
        SynapseMemory mem = program.cores().get(pb.core()).synapses();
        int anyAxon = -1;
        for (int a : pb.axonOfPre()) {
            anyAxon = Math.max(anyAxon, a);
        }
        int lane = mem.axonLane() == null || anyAxon < 0 ? 0 : mem.axonLane()[anyAxon];
        int shift = lane == 0 ? Math.max(0, proc.weightExp()) : 0;
        Block b = new Block(pb, state, pb.core() - first, source, shardIndex, varIndex, inbound, shift);
        blocksOf.get(pi).add(b);
        return b;
    }

    /** Marks that the spike of program-wide neuron g was delivered in this shard this step. */
    void fired(int g) {
        long bit = 1L << g;
        int word = g >>> 6;
        if ((fired[word] & bit) == 0) {
            fired[word] |= bit;
            if (firedCount == firedList.length) {
                firedList = java.util.Arrays.copyOf(firedList, firedCount * 2);
            }
            firedList[firedCount++] = g;
        }
    }

    /**
     * After the deliveries of step t: records the pre spikes (the marked neurons, through each process's map) and the
     * post spikes (each core's own), learns where an epoch ends, and clears the marks.
     */
    void step(int t, CoreRuntime[] cores, int first) {
        for (int p = 0; p < processes.size(); p++) {
            FixedPreTraces pre = processes.get(p);
            int[] map = inputOfNeuron.get(p);
            for (int k = 0; k < firedCount; k++) {
                int i = map[firedList[k]];
                if (i >= 0) {
                    pre.spike(i, t);
                }
            }
        }
        for (Block b : blocks) {
            CoreRuntime core = cores[first + b.localCore];
            for (int k = 0; k < core.spikeCount; k++) {
                b.state.postSpike(core.spikes[k], t);
            }
        }
        for (int p = 0; p < processes.size(); p++) {
            List<Block> bs = blocksOf.get(p);
            if (!bs.get(0).state.learnsAt(t)) {
                continue;
            }
            FixedPreTraces pre = processes.get(p);
            pre.buildHistory(t);
            for (Block b : bs) {
                stepUpdates[b.localCore] += b.state.learn(t);
            }
            pre.endEpoch();
        }
        for (int k = 0; k < firedCount; k++) {
            fired[firedList[k] >>> 6] = 0;
        }
        firedCount = 0;
    }
}
