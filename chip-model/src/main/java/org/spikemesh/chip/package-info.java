/**
 * The chip description ({@code spikemesh-chip/1}): mesh, cores, synapse memory and encoding, router, barrier,
 * learning and static power, each per-event cost an energy and a time; YAML load/save with validation; presets of
 * real chips with sourced numbers; derived quantities (hops, coordinates, barrier time, bytes per synapse).
 * Knows nothing about networks.
 */
package org.spikemesh.chip;
