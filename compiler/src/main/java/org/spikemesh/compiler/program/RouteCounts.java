package org.spikemesh.compiler.program;

import java.util.Arrays;

/**
 * Each core's routing-table slots in slot order: each slot's destination core and how many route entries name it.
 * Read from the route arrays of a program that holds them, or counted from the segments of a streamed program, whose
 * segments name their destination cores in the order the compiler numbered the slots (the first route of each source
 * core to a destination made its slot).
 *
 * <p>A streamed program's cores are counted as their segments come and handed on, in core order, as soon as every
 * route entry of a core is counted, so only the cores whose segments are still coming are held: one or two at a time
 * when each source population projects through one synapse group, since the emitter goes through a group's rows in
 * order (all of them, 8 bytes per slot, only when groups interleave the cores' routes).
 */
public final class RouteCounts {
    /** Receives one core's slots. */
    @FunctionalInterface
    public interface Consumer {
        /**
         * @param core program index of the source core
         * @param dest the destination core of each slot, in slot order
         * @param entries the route entries naming each slot
         * @throws java.io.IOException if the consumer writes and fails
         */
        void core(int core, int[] dest, int[] entries) throws java.io.IOException;
    }

    private RouteCounts() {
    }

    /**
     * Hands every core's slots to {@code consumer}, in core order.
     *
     * @param program a program holding its arrays, or a streamed one
     * @param consumer the receiver
     * @throws java.io.IOException when the consumer throws it
     */
    public static void forEachCore(ChipProgram program, Consumer consumer) throws java.io.IOException {
        if (!program.streamed()) {
            for (CoreProgram c : program.cores()) {
                RouteTable rt = c.routes();
                int[] dest = new int[rt.slots()];
                int[] entries = new int[rt.slots()];
                for (int s = 0; s < rt.slots(); s++) {
                    dest[s] = rt.destCore(s);
                }
                for (int e : rt.neuronRoutes()) {
                    entries[e >>> RouteTable.AXON_BITS]++;
                }
                consumer.core(c.index(), dest, entries);
            }
            return;
        }
        Counter counter = new Counter(program, consumer);
        counter.flush();
        program.segments().forEach(counter);
        counter.flush();
        if (counter.next != program.cores().size()) {
            throw new IllegalStateException("the segments of core " + counter.next + " do not add up to its "
                    + program.cores().get(counter.next).routes().entries() + " route entries");
        }
        if (counter.failure != null) {
            throw counter.failure;
        }
    }

    /** A core's slots while its segments come. */
    private static final class Slots {
        int[] dest;
        int[] entries;
        int used;
        int counted;
        /** dest core -> slot + 1, open addressing on the core number. */
        int[] keys;
        int[] values;

        Slots(int slots) {
            dest = new int[slots];
            entries = new int[slots];
            int cap = Integer.highestOneBit(Math.max(2, 2 * slots)) << 1;
            keys = new int[cap];
            Arrays.fill(keys, -1);
            values = new int[cap];
        }

        void add(int d) {
            int mask = keys.length - 1;
            int h = (d * 0x9E3779B9 >>> 7) & mask;
            while (keys[h] != -1 && keys[h] != d) {
                h = (h + 1) & mask;
            }
            if (keys[h] == -1) {
                keys[h] = d;
                values[h] = used;
                dest[used++] = d;
            }
            entries[values[h]]++;
            counted++;
        }
    }

    /** Counts a streamed program's segments core by core and hands the cores on in order. */
    private static final class Counter implements SynapseSegments.Sink {
        final ChipProgram program;
        final Consumer consumer;
        final Slots[] open;
        final boolean[] done;
        int next;
        java.io.IOException failure;

        Counter(ChipProgram program, Consumer consumer) {
            this.program = program;
            this.consumer = consumer;
            this.open = new Slots[program.cores().size()];
            this.done = new boolean[open.length];
            for (int c = 0; c < open.length; c++) {
                done[c] = program.cores().get(c).routes().entries() == 0;
            }
        }

        @Override
        public int segment(int core, int neuron, int d, int axon, int lane, int synapses) {
            Slots s = open[core];
            if (s == null) {
                s = new Slots(program.cores().get(core).routes().slots());
                open[core] = s;
            }
            s.add(d);
            if (s.counted == program.cores().get(core).routes().entries()) {
                done[core] = true;
                if (core == next) {
                    flush();
                }
            }
            return 0;
        }

        @Override
        public void synapse(int d, int place, int post, int weight, int delay) {
            // the slots are counted from the segments alone
        }

        /** Hands on the finished cores from {@link #next} on, in order. */
        void flush() {
            while (next < open.length && done[next] && failure == null) {
                Slots s = open[next];
                open[next] = null;
                try {
                    consumer.core(next, s == null ? new int[0] : Arrays.copyOf(s.dest, s.used),
                            s == null ? new int[0] : Arrays.copyOf(s.entries, s.used));
                } catch (java.io.IOException e) {
                    failure = e;
                }
                next++;
            }
        }
    }
}
