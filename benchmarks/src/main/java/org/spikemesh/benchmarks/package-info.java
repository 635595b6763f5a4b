/**
 * JMH micro and macro benchmarks: the fixed-point LIF kernel and the CUBA network on the reference backend.
 * Run with {@code java -jar benchmarks/target/benchmarks.jar}.
 */
package org.spikemesh.benchmarks;
