package org.spikemesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code bench reference} and {@code bench learning} refuse, before building anything, options that would print
 * negative, NaN or infinite figures, as {@code bench cuba} does: one line naming the option, exit code 2, nothing on
 * standard output.
 */
class BenchOptionsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "reference --steps -1       | --steps and --repeat must be at least 1, got -1 and 3",
        "reference --steps 0        | --steps and --repeat must be at least 1, got 0 and 3",
        "reference --repeat 0       | --steps and --repeat must be at least 1, got 10000 and 0",
        "reference --neurons 10     | --neurons must be at least 100 (CUBA's smallest network), got 10",
        "learning --epochs 0        | --epochs: every learning epoch must be at least 1 step (the run without"
                + " learning is measured anyway), got [0]",
        "learning --epochs 1,-4     | --epochs: every learning epoch must be at least 1 step (the run without"
                + " learning is measured anyway), got [1, -4]",
        "learning --steps 0         | --steps and --repeat must be at least 1, got 0 and 3",
        "learning --repeat 0        | --steps and --repeat must be at least 1, got 10000 and 0",
        "learning --threads 0       | --threads must be at least 1, got 0"})
    void shouldRefuseOptionsThatGiveNoFigures(String args, String expected) {
        String[] a = args.trim().split(" ");
        String[] line = new String[a.length + 1];
        line[0] = "bench";
        System.arraycopy(a, 0, line, 1, a.length);
        RunCommandTest.Result r = RunCommandTest.cli(line);
        assertEquals(2, r.code(), r.out() + r.err());
        assertEquals("spikemesh " + a[0] + ": " + expected, r.err().strip());
    }
}
