package org.spikemesh.simulator.chip;

import java.util.ArrayList;
import java.util.List;
import org.spikemesh.compiler.program.ChipProgram;
import org.spikemesh.compiler.program.PlasticBlock;
import org.spikemesh.compiler.program.SynapseMemory;
import org.spikemesh.process.lib.LearningDense;
import org.spikemesh.simulator.learning.FixedPlasticity;
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

        private final int[] synapseOfPre;
        private final short[] weights;
        private final int shift;

        Block(PlasticBlock program, FixedPlasticity state, int localCore, int[] source, int[] synapseOfPre,
              short[] weights, int shift) {
            this.program = program;
            this.state = state;
            this.localCore = localCore;
            this.source = source;
            this.synapseOfPre = synapseOfPre;
            this.weights = weights;
            this.shift = shift;
            int posts = program.posts();
            state.sink((s, nw) -> weights[synapseOfPre[s / posts] + s % posts] = (short) (nw << shift));
        }

        /** Copies every weight of the block into the shard's synapses (after a write through the API). */
        void refresh() {
            int posts = program.posts();
            int[] w = state.weights();
            for (int s = 0; s < w.length; s++) {
                weights[synapseOfPre[s / posts] + s % posts] = (short) (w[s] << shift);
            }
        }
    }

    final List<Block> blocks = new ArrayList<>();
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
            l.blocks.add(block(program, pb, first, neuronBase, inbound, runSeed));
        }
        return l;
    }

    private static Block block(ChipProgram program, PlasticBlock pb, int first, int[] neuronBase, InboundTable inbound,
                               long runSeed) {
        LearningDense proc = pb.process();
        int pres = proc.numInputs();
        int[] prepared = proc.preparedWeights();
        int[] w = new int[pres * pb.posts()];
        int[] source = new int[pres];
        int[] syn = new int[pres];
        int[] axonSyn = inbound.axonSynapses(pb.core());
        for (int i = 0; i < pres; i++) {
            System.arraycopy(prepared, i * proc.numOutputs() + pb.postOffset(), w, i * pb.posts(), pb.posts());
            source[i] = neuronBase[pb.preCore()[i]] + pb.preLocal()[i];
            syn[i] = axonSyn[pb.axonOfPre()[i]];
        }
        long seed = proc.rule().seed() != null ? proc.rule().seed() : runSeed;
        FixedPlasticity state = new FixedPlasticity(proc.rule(), proc.declaredSignMode(), pres, pb.posts(),
                pb.postOffset(), new LearningRandom(seed, proc.name()), w);
        SynapseMemory mem = program.cores().get(pb.core()).synapses();
        int lane = mem.axonLane() == null ? 0 : mem.axonLane()[pb.axonOfPre()[0]];
        int shift = lane == 0 ? Math.max(0, proc.weightExp()) : 0;
        return new Block(pb, state, pb.core() - first, source, syn, inbound.weight, shift);
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

    /** After the deliveries of step t: records pre and post spikes, learns at the end of an epoch, clears marks. */
    void step(int t, CoreRuntime[] cores, int first) {
        for (Block b : blocks) {
            FixedPlasticity s = b.state;
            int[] src = b.source;
            for (int i = 0; i < src.length; i++) {
                if ((fired[src[i] >>> 6] & 1L << src[i]) != 0) {
                    s.preSpike(i, t);
                }
            }
            CoreRuntime core = cores[first + b.localCore];
            for (int k = 0; k < core.spikeCount; k++) {
                s.postSpike(core.spikes[k], t);
            }
            if (s.learnsAt(t)) {
                stepUpdates[b.localCore] += s.learn(t);
            }
        }
        for (int k = 0; k < firedCount; k++) {
            fired[firedList[k] >>> 6] = 0;
        }
        firedCount = 0;
    }
}
