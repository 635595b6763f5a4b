package org.spikemesh.compiler;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.spikemesh.chip.ChipConfig;
import org.spikemesh.chip.CoreCoord;

/**
 * Stage 4: puts blocks on cores to minimise the sum over block pairs of expected messages times distance, where the
 * distance is XY hops plus {@value #INTER_CHIP_WEIGHT} per chip-to-chip link crossed (so traffic stays on a chip
 * when it can). A greedy start places blocks in order, each on the free core closest to its placed neighbours; a
 * simulated-annealing pass of seeded random moves and swaps then improves it. The result depends only on the seed;
 * it is never worse than the start. Pinned blocks (a placement file) keep their cores; the others are placed around
 * them.
 */
public final class Placer {
    /** Distance added per chip-to-chip link crossed. */
    public static final int INTER_CHIP_WEIGHT = 8;
    private static final double GREEDY_BUDGET = 3e8;
    private final Traffic traffic;
    private final int cores;
    private final int[] x;
    private final int[] y;
    private final int[] cx;
    private final int[] cy;

    private Placer(Traffic traffic, ChipConfig chip) {
        this.traffic = traffic;
        this.cores = chip.totalCores(chip.mesh().chips());
        this.x = new int[cores];
        this.y = new int[cores];
        this.cx = new int[cores];
        this.cy = new int[cores];
        int gx = chip.mesh().chipGridX();
        for (int c = 0; c < cores; c++) {
            CoreCoord k = chip.coord(c);
            cx[c] = k.chip() % gx;
            cy[c] = k.chip() / gx;
            x[c] = cx[c] * chip.mesh().tilesX() + k.tileX();
            y[c] = cy[c] * chip.mesh().tilesY() + k.tileY();
        }
    }

    /**
     * @param traffic expected traffic between blocks
     * @param chip the chip (all its chips' cores are candidates)
     * @param seed seed of the random placement and of the local search
     * @param moves local-search moves to try (0: none; negative: a default scaled to the network)
     * @return the placement
     */
    public static Placement place(Traffic traffic, ChipConfig chip, long seed, long moves) {
        return place(traffic, chip, seed, moves, null);
    }

    /**
     * @param traffic expected traffic between blocks
     * @param chip the chip
     * @param seed seed of the random placement and of the local search
     * @param moves local-search moves (negative: default)
     * @param pinned global core per block, -1 where free; null when nothing is pinned. Pinned blocks never move.
     * @return the placement
     */
    public static Placement place(Traffic traffic, ChipConfig chip, long seed, long moves, int[] pinned) {
        Placer p = new Placer(traffic, chip);
        p.pinned = pinned;
        return p.run(seed, moves);
    }

    private int[] pinned;

    private boolean isPinned(int block) {
        return pinned != null && pinned[block] >= 0;
    }

    /**
     * @param a core
     * @param b core
     * @return the placement distance between two cores
     */
    int distance(int a, int b) {
        return Math.abs(x[a] - x[b]) + Math.abs(y[a] - y[b])
                + INTER_CHIP_WEIGHT * (Math.abs(cx[a] - cx[b]) + Math.abs(cy[a] - cy[b]));
    }

    /**
     * @param coreOfBlock a placement
     * @return sum over block pairs of traffic x distance
     */
    double cost(int[] coreOfBlock) {
        double c = 0;
        int[] st = traffic.start();
        for (int a = 0; a < traffic.blocks(); a++) {
            for (int e = st[a]; e < st[a + 1]; e++) {
                int b = traffic.to()[e];
                if (b > a) {
                    c += traffic.weight()[e] * distance(coreOfBlock[a], coreOfBlock[b]);
                }
            }
        }
        return c;
    }

    private Placement run(long seed, long requestedMoves) {
        int n = traffic.blocks();
        int[] random = randomPlacement(n, seed);
        double randomCost = cost(random);
        double avgDegree = traffic.to().length / (double) Math.max(1, n);
        boolean greedy = (double) n * cores * Math.max(1, avgDegree) <= GREEDY_BUDGET;
        int[] start = greedy ? greedy(n) : sequential(n);
        double startCost = cost(start);
        long moves = requestedMoves >= 0 ? requestedMoves
                : n < 2 ? 0 : Math.min(Math.max(200L * n, 2000L), (long) (5e7 / Math.max(1, avgDegree)));
        Annealer an = new Annealer(start.clone(), startCost, seed);
        an.run(moves);
        boolean better = an.cost < startCost;
        return new Placement(better ? an.coreOfBlock : start, greedy ? "greedy" : "sequential", randomCost,
                startCost, better ? an.cost : startCost, moves, an.accepted);
    }

    private int[] randomPlacement(int n, long seed) {
        int[] perm = new int[cores];
        for (int i = 0; i < cores; i++) {
            perm[i] = i;
        }
        SplittableRandom r = new SplittableRandom(seed ^ 0x5DEECE66DL);
        for (int i = cores - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        return Arrays.copyOf(perm, n);
    }

    private int[] sequential(int n) {
        int[] p = new int[n];
        boolean[] used = new boolean[cores];
        for (int i = 0; i < n; i++) {
            p[i] = isPinned(i) ? pinned[i] : -1;
            if (p[i] >= 0) {
                used[p[i]] = true;
            }
        }
        int next = 0;
        for (int i = 0; i < n; i++) {
            if (p[i] < 0) {
                while (used[next]) {
                    next++;
                }
                p[i] = next;
                used[next] = true;
            }
        }
        return p;
    }

    private int[] greedy(int n) {
        int[] place = new int[n];
        Arrays.fill(place, -1);
        boolean[] used = new boolean[cores];
        for (int a = 0; a < n; a++) {
            if (isPinned(a)) {
                place[a] = pinned[a];
                used[pinned[a]] = true;
            }
        }
        int[] st = traffic.start();
        for (int a = 0; a < n; a++) {
            if (isPinned(a)) {
                continue;
            }
            int best = -1;
            double bestCost = Double.POSITIVE_INFINITY;
            for (int c = 0; c < cores; c++) {
                if (used[c]) {
                    continue;
                }
                double cost = 0;
                for (int e = st[a]; e < st[a + 1]; e++) {
                    int b = traffic.to()[e];
                    if (place[b] >= 0) {
                        cost += traffic.weight()[e] * distance(c, place[b]);
                    }
                }
                if (cost < bestCost) {
                    bestCost = cost;
                    best = c;
                }
            }
            place[a] = best;
            used[best] = true;
        }
        return place;
    }

    /** Simulated annealing over moves to free cores and swaps with other blocks. */
    private final class Annealer {
        final int[] coreOfBlock;
        final int[] blockOfCore;
        final SplittableRandom random;
        double cost;
        long accepted;

        Annealer(int[] start, double cost, long seed) {
            this.coreOfBlock = start;
            this.blockOfCore = new int[cores];
            Arrays.fill(blockOfCore, -1);
            for (int b = 0; b < start.length; b++) {
                blockOfCore[start[b]] = b;
            }
            this.cost = cost;
            this.random = new SplittableRandom(seed);
        }

        void run(long moves) {
            if (moves == 0 || coreOfBlock.length < 2 && cores < 2) {
                return;
            }
            double t0 = initialTemperature();
            double tEnd = t0 * 1e-3;
            double cooling = moves > 1 ? Math.pow(tEnd / t0, 1.0 / moves) : 1;
            double t = t0;
            for (long m = 0; m < moves; m++, t *= cooling) {
                int a = random.nextInt(coreOfBlock.length);
                int target = random.nextInt(cores);
                if (target == coreOfBlock[a] || isPinned(a) || blockOfCore[target] >= 0 && isPinned(blockOfCore[target])) {
                    continue;
                }
                double d = delta(a, target);
                if (d <= 0 || t > 0 && random.nextDouble() < Math.exp(-d / t)) {
                    apply(a, target);
                    cost += d;
                    accepted++;
                }
            }
            cost = cost(coreOfBlock);
        }

        double initialTemperature() {
            SplittableRandom r = random.split();
            double sum = 0;
            int samples = 100;
            for (int i = 0; i < samples; i++) {
                int a = r.nextInt(coreOfBlock.length);
                int target = r.nextInt(cores);
                sum += target == coreOfBlock[a] ? 0 : Math.abs(delta(a, target));
            }
            return Math.max(1e-9, sum / samples);
        }

        double delta(int a, int target) {
            int from = coreOfBlock[a];
            int b = blockOfCore[target];
            double d = moveCost(a, from, target, b);
            if (b >= 0) {
                d += moveCost(b, target, from, a);
            }
            return d;
        }

        private double moveCost(int block, int from, int to, int other) {
            int[] st = traffic.start();
            double d = 0;
            for (int e = st[block]; e < st[block + 1]; e++) {
                int n = traffic.to()[e];
                if (n == other) {
                    continue;
                }
                int pn = coreOfBlock[n];
                d += traffic.weight()[e] * (distance(to, pn) - distance(from, pn));
            }
            return d;
        }

        void apply(int a, int target) {
            int from = coreOfBlock[a];
            int b = blockOfCore[target];
            coreOfBlock[a] = target;
            blockOfCore[target] = a;
            blockOfCore[from] = b;
            if (b >= 0) {
                coreOfBlock[b] = from;
            }
        }
    }
}
