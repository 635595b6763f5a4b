package org.spikemesh.compiler;

import org.spikemesh.chip.ChipConfig;
import org.spikemesh.chip.CoreCoord;

/**
 * Stage 5: dimension-order (XY) routes between placed cores: x first, then y, over the mesh of all chips side by
 * side. For each (source, destination) pair it gives the hops by direction, the chip-to-chip links crossed and the
 * contention-free latency; the engine counts link loads from the same XY spans.
 */
public final class RouteBuilder {
    private final int[] x;
    private final int[] y;
    private final int[] cx;
    private final int[] cy;
    private final int tilesX;
    private final int tilesY;
    private final double within;
    private final double ewNs;
    private final double nsNs;
    private final double chipNs;

    /**
     * @param chip the chip
     * @param coreOfBlock placement
     */
    public RouteBuilder(ChipConfig chip, int[] coreOfBlock) {
        int n = coreOfBlock.length;
        this.x = new int[n];
        this.y = new int[n];
        this.cx = new int[n];
        this.cy = new int[n];
        int gx = chip.mesh().chipGridX();
        for (int b = 0; b < n; b++) {
            CoreCoord c = chip.coord(coreOfBlock[b]);
            cx[b] = c.chip() % gx;
            cy[b] = c.chip() / gx;
            x[b] = cx[b] * chip.mesh().tilesX() + c.tileX();
            y[b] = cy[b] * chip.mesh().tilesY() + c.tileY();
        }
        this.tilesX = gx * chip.mesh().tilesX();
        this.tilesY = chip.mesh().chipGridY() * chip.mesh().tilesY();
        this.within = chip.router().withinTileSpike().timeNs();
        this.ewNs = chip.router().hopEastWest().timeNs();
        this.nsNs = chip.router().hopNorthSouth().timeNs();
        this.chipNs = chip.router().interChip().timeNs();
    }

    /**
     * @param blocks number of blocks (program cores)
     * @return the program's mesh geometry
     */
    public org.spikemesh.compiler.program.MeshPaths paths(int blocks) {
        return new org.spikemesh.compiler.program.MeshPaths(x.clone(), y.clone(), cx.clone(), cy.clone(), within, ewNs,
                nsNs, chipNs);
    }

    /** @return tiles along x of the whole system */
    public int tilesX() {
        return tilesX;
    }

    /** @return tiles along y of the whole system */
    public int tilesY() {
        return tilesY;
    }

    /**
     * @param block a block
     * @return global tile x of its core
     */
    public int tileX(int block) {
        return x[block];
    }

    /**
     * @param block a block
     * @return global tile y of its core
     */
    public int tileY(int block) {
        return y[block];
    }

    /**
     * @param a source block
     * @param b destination block
     * @return hops along x on the XY route
     */
    public int hopsEastWest(int a, int b) {
        return Math.abs(x[a] - x[b]);
    }

    /**
     * @param a source block
     * @param b destination block
     * @return hops along y
     */
    public int hopsNorthSouth(int a, int b) {
        return Math.abs(y[a] - y[b]);
    }

    /**
     * @param a source block
     * @param b destination block
     * @return chip-to-chip links crossed
     */
    public int chipCrossings(int a, int b) {
        return Math.abs(cx[a] - cx[b]) + Math.abs(cy[a] - cy[b]);
    }

    /**
     * Contention-free latency, as {@link ChipConfig#messageLatencyNs}: within-tile cost when both share a tile, else
     * hops by direction plus chip crossings.
     *
     * @param a source block
     * @param b destination block
     * @return latency in whole ns
     */
    public int latencyNs(int a, int b) {
        int ew = hopsEastWest(a, b);
        int ns = hopsNorthSouth(a, b);
        double t = ew + ns == 0 ? within : ew * ewNs + ns * nsNs + chipCrossings(a, b) * chipNs;
        return (int) Math.round(t);
    }
}
