/** {@code spikemesh sweep} and {@code spikemesh worker}: sweeps over chip configurations, alone or on a cluster. */
package org.spikemesh.cli.sweep;
