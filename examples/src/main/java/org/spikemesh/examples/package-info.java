/** Runnable examples, one idea each; docs quote them. */
package org.spikemesh.examples;
