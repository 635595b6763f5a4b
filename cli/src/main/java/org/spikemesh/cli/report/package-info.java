/**
 * What people would rather look at than read: {@code spikemesh report} (one self-contained HTML file with inline SVG:
 * key figures, rasters, rates, traces, core-mesh heatmaps, link loads, time and energy charts) and
 * {@code spikemesh animate} (a step-by-step player of spikes and messages over the core mesh). Both read a run's
 * output directory only ({@link org.spikemesh.cli.report.RunData}).
 */
package org.spikemesh.cli.report;
