/**
 * Running the points of a sweep on an embedded Hazelcast cluster on loopback: members, the dispatcher that keeps
 * every member busy and re-runs the points of a member that left, and the worker that joins a sweep.
 */
package org.spikemesh.cluster.hz;
