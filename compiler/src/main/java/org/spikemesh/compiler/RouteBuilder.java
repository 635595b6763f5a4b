package org.spikemesh.compiler;

import org.spikemesh.chip.ChipConfig;
import org.spikemesh.chip.CoreCoord;

/**
 * Stage 5: dimension-order (XY) routes between placed cores: x first, then y, over the mesh of all chips side by
 * side. For each (source, destination) pair it gives the hops by direction, the chip-to-chip links crossed and the
 * contention-free latency; the engine counts link loads from the same XY spans.
 */
public final class RouteBuilder {
    private final ChipConfig chip;
    private final int[] coreOfBlock;

    /**
     * @param chip the chip
     * @param coreOfBlock placement
     */
    public RouteBuilder(ChipConfig chip, int[] coreOfBlock) {
        this.chip = chip;
        this.coreOfBlock = coreOfBlock;
    }

    /** @return tiles along x of the whole system */
    public int tilesX() {
        return chip.mesh().chipGridX() * chip.mesh().tilesX();
    }

    /** @return tiles along y of the whole system */
    public int tilesY() {
        return chip.mesh().chipGridY() * chip.mesh().tilesY();
    }

    /**
     * @param block a block
     * @return global tile x of its core
     */
    public int tileX(int block) {
        CoreCoord c = chip.coord(coreOfBlock[block]);
        return (c.chip() % chip.mesh().chipGridX()) * chip.mesh().tilesX() + c.tileX();
    }

    /**
     * @param block a block
     * @return global tile y of its core
     */
    public int tileY(int block) {
        CoreCoord c = chip.coord(coreOfBlock[block]);
        return (c.chip() / chip.mesh().chipGridX()) * chip.mesh().tilesY() + c.tileY();
    }

    /**
     * @param a source block
     * @param b destination block
     * @return hops along x on the XY route
     */
    public int hopsEastWest(int a, int b) {
        return chip.hopsEastWest(coreOfBlock[a], coreOfBlock[b]);
    }

    /**
     * @param a source block
     * @param b destination block
     * @return hops along y
     */
    public int hopsNorthSouth(int a, int b) {
        return chip.hopsNorthSouth(coreOfBlock[a], coreOfBlock[b]);
    }

    /**
     * @param a source block
     * @param b destination block
     * @return chip-to-chip links crossed
     */
    public int chipCrossings(int a, int b) {
        return chip.chipCrossings(coreOfBlock[a], coreOfBlock[b]);
    }

    /**
     * @param a source block
     * @param b destination block
     * @return contention-free latency in whole ns
     */
    public int latencyNs(int a, int b) {
        return (int) Math.round(chip.messageLatencyNs(coreOfBlock[a], coreOfBlock[b]));
    }
}
