package org.spikemesh.simulator.chip;

import java.util.Arrays;

/**
 * SANA-FE's estimate of the messages in flight on each link (schedule.cpp, NocInfo): a message on a route of h hops
 * adds 1 / (h + 2) to each of the h + 1 links it uses (its core's port into the source tile's router, then the input
 * port of every further tile on its XY path, named by the direction it arrives from) while it is in the network; the
 * congestion of a route is the sum of its links' densities.
 */
final class LinkDensity {
    private static final int EAST = 0;
    private static final int WEST = 1;
    private static final int NORTH = 2;
    private static final int SOUTH = 3;
    private final int tilesX;
    private final int portsPerRouter;
    private final double[] density;

    /**
     * @param tilesX tiles along x of the whole system
     * @param tilesY tiles along y
     * @param coresPerTile cores per tile (one router port each)
     */
    LinkDensity(int tilesX, int tilesY, int coresPerTile) {
        this.tilesX = tilesX;
        this.portsPerRouter = 4 + coresPerTile;
        this.density = new double[tilesX * tilesY * portsPerRouter];
    }

    void clear() {
        Arrays.fill(density, 0);
    }

    private int key(int x, int y, int port) {
        return (y * tilesX + x) * portsPerRouter + port;
    }

    /**
     * Adds {@code delta / (hops + 2)} to every link of a route, or, when {@code delta} is 0, sums the route's densities.
     *
     * @return the sum of the densities along the route before the change
     */
    double walk(int sx, int sy, int core, int dx, int dy, double delta) {
        int hops = Math.abs(dx - sx) + Math.abs(dy - sy);
        double adjust = delta / (2.0 + hops);
        int xi = sx < dx ? 1 : -1;
        int yi = sy < dy ? 1 : -1;
        int inject = 4 + core;
        int prev = inject;
        double sum = 0;
        for (int x = sx; x != dx; x += xi) {
            int dir = xi > 0 ? EAST : WEST;
            sum += touch(key(x, sy, x == sx ? inject : dir), adjust);
            prev = dir;
        }
        for (int y = sy; y != dy; y += yi) {
            int dir = yi > 0 ? NORTH : SOUTH;
            sum += touch(key(dx, y, sx == dx && y == sy ? inject : prev), adjust);
            prev = dir;
        }
        sum += touch(key(dx, dy, sx == dx && sy == dy ? inject : prev), adjust);
        return sum;
    }

    private double touch(int k, double adjust) {
        double before = density[k];
        density[k] = before + adjust;
        return before;
    }

    /**
     * The busiest mesh link of a route: of the links between tiles on its XY path, the one with the highest density
     * (the first of equals).
     *
     * @return its code {@code direction * tiles + y * tilesX + x} of the tile it leaves (0 east, 1 west, 2 north,
     *         3 south, as RouteTable), or -1 for a route inside one tile
     */
    int busiestLink(int sx, int sy, int dx, int dy, int tiles) {
        int xi = sx < dx ? 1 : -1;
        int yi = sy < dy ? 1 : -1;
        int best = -1;
        double most = -1;
        int x = sx;
        for (; x != dx; x += xi) {
            int dir = xi > 0 ? EAST : WEST;
            double d = density[key(x + xi, sy, dir)];
            if (d > most) {
                most = d;
                best = dir * tiles + sy * tilesX + x;
            }
        }
        for (int y = sy; y != dy; y += yi) {
            int dir = yi > 0 ? NORTH : SOUTH;
            double d = density[key(dx, y + yi, dir)];
            if (d > most) {
                most = d;
                best = dir * tiles + y * tilesX + dx;
            }
        }
        return best;
    }
}
