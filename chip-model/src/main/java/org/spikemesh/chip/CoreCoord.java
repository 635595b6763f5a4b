package org.spikemesh.chip;

/**
 * Where a core is.
 *
 * @param chip chip index
 * @param tileX tile column within the chip
 * @param tileY tile row within the chip
 * @param coreInTile core index within its tile
 */
public record CoreCoord(int chip, int tileX, int tileY, int coreInTile) {
}
