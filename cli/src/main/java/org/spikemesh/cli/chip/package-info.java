/** {@code spikemesh chip}: show, validate and start chip configuration files. */
package org.spikemesh.cli.chip;
