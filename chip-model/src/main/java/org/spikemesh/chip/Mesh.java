package org.spikemesh.chip;

/**
 * The mesh of one chip and how chips are put together.
 *
 * @param tilesX tiles east-west
 * @param tilesY tiles north-south
 * @param coresPerTile cores sharing a router
 * @param coresPerChip cores actually present (at most tilesX * tilesY * coresPerTile)
 * @param chips chips in the system
 * @param chipGridX chips east-west (chipGridX * chipGridY = chips)
 * @param chipGridY chips north-south
 */
public record Mesh(int tilesX, int tilesY, int coresPerTile, int coresPerChip, int chips, int chipGridX, int chipGridY) {
}
