package org.spikemesh.compiler;

import java.util.Arrays;

/** Collects directed (block, block, messages) triples and folds them into a symmetric {@link Traffic} list. */
final class TrafficBuilder {
    private final int blocks;
    private long[] keys = new long[1024];
    private double[] weights = new double[1024];
    private int n;

    TrafficBuilder(int blocks) {
        this.blocks = blocks;
        this.acc = new double[blocks];
        this.touched = new int[blocks];
        this.inRow = new boolean[blocks];
    }

    private final double[] acc;
    private final int[] touched;
    private final boolean[] inRow;
    private int touchedCount;
    private int current = -1;

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

    /** Moves the row of the current source block into the triple list. */
    void flush() {
        Arrays.sort(touched, 0, touchedCount);
        for (int t = 0; t < touchedCount; t++) {
            int to = touched[t];
            if (n == keys.length) {
                keys = Arrays.copyOf(keys, n * 2);
                weights = Arrays.copyOf(weights, n * 2);
            }
            keys[n] = key(current, to);
            weights[n++] = acc[to];
            acc[to] = 0;
            inRow[to] = false;
        }
        touchedCount = 0;
    }

    private long key(int a, int b) {
        return (long) a * blocks + b;
    }

    Traffic build() {
        flush();
        long[] k = new long[2 * n];
        double[] w = new double[2 * n];
        Integer[] order = new Integer[2 * n];
        for (int i = 0; i < n; i++) {
            int a = (int) (keys[i] / blocks);
            int b = (int) (keys[i] % blocks);
            k[2 * i] = key(a, b);
            k[2 * i + 1] = key(b, a);
            w[2 * i] = weights[i];
            w[2 * i + 1] = weights[i];
            order[2 * i] = 2 * i;
            order[2 * i + 1] = 2 * i + 1;
        }
        Arrays.sort(order, (x, y) -> Long.compare(k[x], k[y]));
        int[] start = new int[blocks + 1];
        int[] to = new int[2 * n];
        double[] weight = new double[2 * n];
        int m = 0;
        long last = -1;
        for (Integer o : order) {
            if (k[o] == last) {
                weight[m - 1] += w[o];
                continue;
            }
            last = k[o];
            int a = (int) (k[o] / blocks);
            to[m] = (int) (k[o] % blocks);
            weight[m] = w[o];
            start[a + 1]++;
            m++;
        }
        for (int b = 0; b < blocks; b++) {
            start[b + 1] += start[b];
        }
        return new Traffic(start, Arrays.copyOf(to, m), Arrays.copyOf(weight, m), Arrays.copyOf(keys, n),
                Arrays.copyOf(weights, n));
    }
}
