/**
 * The {@code spikemesh} command line: one picocli command class per verb (run, map, bench, chip, ...).
 * Commands parse options, call the model modules and write files; they contain no model logic.
 */
package org.spikemesh.cli;
