package org.spikemesh.compiler;

import java.util.Arrays;

/**
 * Collects directed (block, block, messages) triples, one source block at a time, and folds them into a symmetric
 * {@link Traffic} list. To keep the placement graph small on densely connected networks (a random network of a million
 * neurons links every block to thousands of others), each source block keeps only its {@value #KEEP} heaviest
 * destinations per synapse group (ties by block number); the share of traffic kept is reported.
 */
final class TrafficBuilder {
    /** Destinations kept per source block and synapse group. */
    static final int KEEP = 64;
    private final int blocks;
    private long[] keys = new long[1024];
    private double[] weights = new double[1024];
    private int n;
    private final double[] acc;
    private final int[] touched;
    private final boolean[] inRow;
    private int touchedCount;
    private int current = -1;
    private double total;
    private double kept;

    TrafficBuilder(int blocks) {
        this.blocks = blocks;
        this.acc = new double[blocks];
        this.touched = new int[blocks];
        this.inRow = new boolean[blocks];
    }

    void add(int from, int to, double w) {
        if (from == to) {
            return;
        }
        if (from != current) {
            flush();
            current = from;
        }
        if (!inRow[to]) {
            inRow[to] = true;
            touched[touchedCount++] = to;
        }
        acc[to] += w;
    }

    /** Moves the row of the current source block (its heaviest destinations) into the triple list. */
    void flush() {
        Arrays.sort(touched, 0, touchedCount);
        int keep = touchedCount;
        if (touchedCount > KEEP) {
            // heaviest first, ties by block number: sort packed (rank of weight, block) keys
            long[] order = new long[touchedCount];
            double[] ws = new double[touchedCount];
            for (int t = 0; t < touchedCount; t++) {
                ws[t] = acc[touched[t]];
            }
            double[] sorted = ws.clone();
            Arrays.sort(sorted);
            for (int t = 0; t < touchedCount; t++) {
                int rank = touchedCount - 1 - Arrays.binarySearch(sorted, ws[t]);
                order[t] = (long) rank << 32 | touched[t];
            }
            Arrays.sort(order);
            keep = KEEP;
            for (int t = 0; t < touchedCount; t++) {
                total += ws[t];
            }
            for (int t = 0; t < keep; t++) {
                touched[t] = (int) order[t];
            }
            for (int t = keep; t < touchedCount; t++) {
                int to = (int) order[t];
                acc[to] = 0;
                inRow[to] = false;
            }
            Arrays.sort(touched, 0, keep);
        } else {
            for (int t = 0; t < touchedCount; t++) {
                total += acc[touched[t]];
            }
        }
        for (int t = 0; t < keep; t++) {
            int to = touched[t];
            if (n == keys.length) {
                keys = Arrays.copyOf(keys, n * 2);
                weights = Arrays.copyOf(weights, n * 2);
            }
            keys[n] = key(current, to);
            weights[n++] = acc[to];
            kept += acc[to];
            acc[to] = 0;
            inRow[to] = false;
        }
        touchedCount = 0;
    }

    private long key(int a, int b) {
        return (long) a * blocks + b;
    }

    /** @return share of the expected traffic the placement graph keeps (1 when nothing was dropped) */
    double keptShare() {
        return total == 0 ? 1 : kept / total;
    }

    Traffic build() {
        flush();
        // both directions of every pair, sorted by (source, destination) with primitive sorts: the pair key is at
        // most blocks^2 < 2^40 and the entry index < 2^24 when it fits, else a two-array sort by key
        int m2 = 2 * n;
        long[] pk = new long[m2];
        double[] pw = new double[m2];
        for (int i = 0; i < n; i++) {
            int a = (int) (keys[i] / blocks);
            int b = (int) (keys[i] % blocks);
            pk[2 * i] = key(a, b);
            pk[2 * i + 1] = key(b, a);
            pw[2 * i] = weights[i];
            pw[2 * i + 1] = weights[i];
        }
        sortByKey(pk, pw);
        int[] start = new int[blocks + 1];
        int[] to = new int[m2];
        double[] weight = new double[m2];
        int m = 0;
        long last = -1;
        for (int i = 0; i < m2; i++) {
            if (pk[i] == last) {
                weight[m - 1] += pw[i];
                continue;
            }
            last = pk[i];
            int a = (int) (pk[i] / blocks);
            to[m] = (int) (pk[i] % blocks);
            weight[m] = pw[i];
            start[a + 1]++;
            m++;
        }
        for (int b = 0; b < blocks; b++) {
            start[b + 1] += start[b];
        }
        return new Traffic(start, Arrays.copyOf(to, m), Arrays.copyOf(weight, m), Arrays.copyOf(keys, n),
                Arrays.copyOf(weights, n), keptShare());
    }

    /** Sorts keys ascending, carrying the weights along (stable for equal keys). */
    private static void sortByKey(long[] k, double[] w) {
        int len = k.length;
        if (len < (1 << 24) && maxKey(k) < (1L << 39)) {
            long[] packed = new long[len];
            for (int i = 0; i < len; i++) {
                packed[i] = k[i] << 24 | i;
            }
            Arrays.sort(packed);
            double[] w2 = new double[len];
            for (int i = 0; i < len; i++) {
                int idx = (int) (packed[i] & 0xFFFFFF);
                w2[i] = w[idx];
                k[i] = packed[i] >>> 24;
            }
            System.arraycopy(w2, 0, w, 0, len);
            return;
        }
        Integer[] order = new Integer[len];
        for (int i = 0; i < len; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Long.compare(k[x], k[y]));
        long[] k2 = new long[len];
        double[] w2 = new double[len];
        for (int i = 0; i < len; i++) {
            k2[i] = k[order[i]];
            w2[i] = w[order[i]];
        }
        System.arraycopy(k2, 0, k, 0, len);
        System.arraycopy(w2, 0, w, 0, len);
    }

    private static long maxKey(long[] k) {
        long m = 0;
        for (long x : k) {
            m = Math.max(m, x);
        }
        return m;
    }
}
