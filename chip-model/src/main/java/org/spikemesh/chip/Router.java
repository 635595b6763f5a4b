package org.spikemesh.chip;

/**
 * The network on chip: 2-D mesh with XY (dimension-order) routing.
 *
 * @param topology {@code mesh2d-xy}
 * @param hopEastWest one hop along x
 * @param hopNorthSouth one hop along y
 * @param withinTileSpike a spike between cores of one tile
 * @param interChip one crossing of a chip-to-chip link
 * @param linkBandwidthMsgsPerNs messages a link carries per ns
 * @param bufferDepth messages a link buffer holds
 * @param multicast whether one message may fan out to several cores
 */
public record Router(String topology, Cost hopEastWest, Cost hopNorthSouth, Cost withinTileSpike, Cost interChip,
                     double linkBandwidthMsgsPerNs, int bufferDepth, boolean multicast) {
}
