package org.spikemesh.simulator.chip;

/**
 * A binary min-heap of cores keyed by the send time of each core's next message (at most one entry per core); equal
 * times come out lowest global core first, so the schedule is deterministic and does not depend on how the program
 * numbers its cores.
 */
final class MessageHeap {
    private final int[] core;
    private final double[] key;
    /** per core, its global core number. */
    private final int[] place;
    private int size;

    MessageHeap(int[] place) {
        int cores = place.length;
        this.place = place;
        this.core = new int[Math.max(1, cores)];
        this.key = new double[Math.max(1, cores)];
    }

    boolean isEmpty() {
        return size == 0;
    }

    void push(int c, double t) {
        int i = size++;
        core[i] = c;
        key[i] = t;
        while (i > 0) {
            int p = (i - 1) >>> 1;
            if (!less(i, p)) {
                break;
            }
            swap(i, p);
            i = p;
        }
    }

    /** @return the core with the earliest key, removed */
    int pop() {
        int top = core[0];
        size--;
        core[0] = core[size];
        key[0] = key[size];
        int i = 0;
        while (true) {
            int l = 2 * i + 1;
            int r = l + 1;
            int m = i;
            if (l < size && less(l, m)) {
                m = l;
            }
            if (r < size && less(r, m)) {
                m = r;
            }
            if (m == i) {
                return top;
            }
            swap(i, m);
            i = m;
        }
    }

    private boolean less(int a, int b) {
        return key[a] < key[b] || key[a] == key[b] && place[core[a]] < place[core[b]];
    }

    private void swap(int a, int b) {
        int c = core[a];
        core[a] = core[b];
        core[b] = c;
        double k = key[a];
        key[a] = key[b];
        key[b] = k;
    }
}
