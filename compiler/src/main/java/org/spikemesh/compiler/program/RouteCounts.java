package org.spikemesh.compiler.program;

import java.util.Arrays;

/**
 * Per core, its routing table's slots in slot order: each slot's destination core and how many route entries name
 * it. Read from the route arrays of a program that holds them, or counted from the segments of a streamed program,
 * whose segments name their destination cores in the order the compiler numbered the slots (the first route of each
 * source core to a destination made its slot).
 */
public final class RouteCounts {
    private final int[][] dest;
    private final int[][] entries;

    private RouteCounts(int[][] dest, int[][] entries) {
        this.dest = dest;
        this.entries = entries;
    }

    /**
     * @param program a program holding its arrays, or a streamed one
     * @return its slots
     */
    public static RouteCounts of(ChipProgram program) {
        int n = program.cores().size();
        int[][] dest = new int[n][];
        int[][] entries = new int[n][];
        if (!program.streamed()) {
            for (CoreProgram c : program.cores()) {
                RouteTable rt = c.routes();
                int i = c.index();
                dest[i] = new int[rt.slots()];
                entries[i] = new int[rt.slots()];
                for (int s = 0; s < rt.slots(); s++) {
                    dest[i][s] = rt.destCore(s);
                }
                for (int e : rt.neuronRoutes()) {
                    entries[i][e >>> RouteTable.AXON_BITS]++;
                }
            }
            return new RouteCounts(dest, entries);
        }
        long slots = 0;
        for (CoreProgram c : program.cores()) {
            dest[c.index()] = new int[c.routes().slots()];
            entries[c.index()] = new int[c.routes().slots()];
            slots += c.routes().slots();
        }
        SlotMap map = new SlotMap(slots);
        int[] used = new int[n];
        program.segments().forEach(new SynapseSegments.Sink() {
            @Override
            public int segment(int core, int neuron, int d, int axon, int lane, int synapses) {
                int s = map.slot(core, d, used);
                dest[core][s] = d;
                entries[core][s]++;
                return 0;
            }

            @Override
            public void synapse(int d, int place, int post, int weight, int delay) {
                // the slots are counted from the segments alone
            }
        });
        return new RouteCounts(dest, entries);
    }

    /**
     * @param core a core
     * @return the destination core of each of its slots
     */
    public int[] dest(int core) {
        return dest[core];
    }

    /**
     * @param core a core
     * @return the route entries naming each of its slots
     */
    public int[] entries(int core) {
        return entries[core];
    }

    /** (source core, destination core) to slot, open addressing, sized for every slot of the program. */
    private static final class SlotMap {
        private final long[] keys;
        private final int[] values;
        private final int mask;

        SlotMap(long slots) {
            int cap = Integer.highestOneBit((int) Math.min(1 << 30, Math.max(4, 2 * slots))) << 1;
            keys = new long[cap];
            Arrays.fill(keys, -1);
            values = new int[cap];
            mask = cap - 1;
        }

        /** The slot of the pair, giving it the core's next slot on first sight. */
        int slot(int core, int d, int[] used) {
            long key = (long) core << 32 | d;
            int h = (int) (key * 0x9E3779B97F4A7C15L >>> 40) & mask;
            while (keys[h] != -1) {
                if (keys[h] == key) {
                    return values[h];
                }
                h = (h + 1) & mask;
            }
            keys[h] = key;
            values[h] = used[core]++;
            return values[h];
        }
    }
}
