package org.spikemesh.process.lib;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.spikemesh.process.ModelException;
import org.spikemesh.process.Values;

/**
 * Sparse given in rows ({@link Sparse#ofRows}) is the same process as Sparse given as a list of pairs, which sorts
 * them itself; bad rows are refused with the process and the field named.
 */
class SparseRowsTest {

    @Test
    void shouldGiveTheRowStartsOfSynapsesByPre() {
        // inputs 0, 1, 2, 3 have 1, 1, 3 and 0 synapses: rows start at 0, 1, 2, 5 and end at 5
        assertArrayEquals(new int[]{0, 1, 2, 5, 5}, Sparse.rowStarts(new int[]{2, 0, 2, 1, 2}, 4));
        assertArrayEquals(new int[]{0, 0}, Sparse.rowStarts(new int[0], 1));
    }


    @Test
    void shouldSortPairsIntoRowsWorkedByHand() {
        // pairs (post, pre, w): (2,1,5) (0,1,6) (1,0,7) -> row 0: post 1 (7); row 1: posts 0 (6), 2 (5); row 2: none
        Sparse s = Sparse.of("s", 3, 3, new int[]{2, 0, 1}, new int[]{1, 1, 0}, new double[]{5, 6, 7}, null, 8, 0,
                null);
        SynapseTable t = s.table();
        assertArrayEquals(new int[]{0, 1, 3, 3}, t.rowStart());
        assertArrayEquals(new int[]{1, 0, 2}, t.post());
        assertArrayEquals(new double[]{7, 6, 5}, t.weight().toArray());
        Sparse rows = Sparse.ofRows("s", 3, 3, new int[]{0, 1, 3, 3}, new int[]{1, 0, 2}, Values.of(7, 6, 5), null,
                8, 0, null);
        assertArrayEquals(t.post(), rows.table().post());
        assertArrayEquals(t.weight().toArray(), rows.table().weight().toArray());
        assertArrayEquals(new double[]{7, 6, 5}, rows.weights().get());
    }

    /** Random pair lists, given in a shuffled order to Sparse.of and in rows to ofRows: the same tables. */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void shouldMatchSparseGivenAsPairs(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int in = 1 + r.nextInt(30);
        int out = 1 + r.nextInt(30);
        boolean delays = r.nextBoolean();
        // rows first (each pair once, posts increasing), then the same pairs as a shuffled list
        int[] rowStart = new int[in + 1];
        int[] post = new int[in * out];
        double[] w = new double[in * out];
        int[] d = new int[in * out];
        int n = 0;
        for (int i = 0; i < in; i++) {
            for (int o = 0; o < out; o++) {
                if (r.nextInt(3) == 0) {
                    post[n] = o;
                    w[n] = r.nextInt(-256, 256);
                    d[n] = r.nextInt(64);
                    n++;
                }
            }
            rowStart[i + 1] = n;
        }
        int[] order = new int[n];
        for (int k = 0; k < n; k++) {
            int j = r.nextInt(k + 1);
            order[k] = order[j];
            order[j] = k;
        }
        int[] lPost = new int[n];
        int[] lPre = new int[n];
        double[] lW = new double[n];
        int[] lD = new int[n];
        for (int k = 0; k < n; k++) {
            int s = order[k];
            int pre = 0;
            while (rowStart[pre + 1] <= s) {
                pre++;
            }
            lPost[k] = post[s];
            lPre[k] = pre;
            lW[k] = w[s];
            lD[k] = d[s];
        }
        SynapseTable fromPairs = Sparse.of("s", out, in, lPost, lPre, lW, delays ? lD : null, 8, 0, null).table();
        SynapseTable fromRows = Sparse.ofRows("s", out, in, rowStart, java.util.Arrays.copyOf(post, n),
                Values.of(java.util.Arrays.copyOf(w, n)), delays ? java.util.Arrays.copyOf(d, n) : null, 8, 0, null)
                .table();
        assertArrayEquals(fromPairs.rowStart(), fromRows.rowStart());
        assertArrayEquals(fromPairs.post(), fromRows.post());
        assertArrayEquals(fromPairs.weight().toArray(), fromRows.weight().toArray());
        if (delays) {
            assertArrayEquals(fromPairs.delay(), fromRows.delay());
        } else {
            assertNull(fromRows.delay());
        }
    }

    private static String refusal(int[] rowStart, int[] post, Values w) {
        return assertThrows(ModelException.class, () -> Sparse.ofRows("syn", 4, 2, rowStart, post, w, null, 8, 0, null))
                .getMessage();
    }

    /**
     * A (pre, post) pair listed twice is one synapse of the summed weight, as in Lava: its Sparse takes a scipy matrix,
     * and scipy's csr_matrix((data, (row, col))) adds up repeated entries. Pairs (post 0, pre 1, 4), (post 0, pre 1,
     * 2) and (post 1, pre 0, 10): by pre, row 0 holds post 1 (10), row 1 post 0 (4 + 2 = 6). With delays a repeated
     * pair is refused (scipy would add up the delays as well).
     */
    @Test
    void shouldSumAPairGivenTwiceAsLavasScipyMatrixDoes() {
        Sparse s = Sparse.of("syn", 2, 2, new int[]{0, 0, 1}, new int[]{1, 1, 0}, new double[]{4, 2, 10}, null, 8, 0,
                null);
        SynapseTable t = s.table();
        assertArrayEquals(new int[]{0, 1, 2}, t.rowStart());
        assertArrayEquals(new int[]{1, 0}, t.post());
        assertArrayEquals(new double[]{10, 6}, s.weights().get());
        String m = assertThrows(ModelException.class, () -> Sparse.of("syn", 2, 2, new int[]{0, 0}, new int[]{1, 1},
                new double[]{4, 2}, new int[]{1, 3}, 8, 0, null)).getMessage();
        assertTrue(m.contains("two synapses from input 1 to output 0 with delays; give each pair once"), m);
    }

    @Test
    void shouldRefuseBadRowsNamingTheProcessAndField() {
        Values two = Values.of(1, 2);
        String m = refusal(new int[]{0, 2}, new int[]{0, 1}, two);
        assertTrue(m.contains("syn") && m.contains("row_start") && m.contains("3 offsets"), m);
        m = refusal(new int[]{0, 2, 1}, new int[]{0, 1}, two);
        assertTrue(m.contains("row_start") && m.contains("0 to the 2 synapses"), m);
        m = refusal(new int[]{0, 2, 1, }, new int[]{0}, Values.of(1));
        assertTrue(m.contains("row_start"), m);
        m = refusal(new int[]{0, 2, 2}, new int[]{1, 0}, two);
        assertTrue(m.contains("syn") && m.contains("post") && m.contains("increasing"), m);
        m = refusal(new int[]{0, 2, 2}, new int[]{1, 1}, two);
        assertTrue(m.contains("two synapses from input 0 to output 1"), m);
        m = refusal(new int[]{0, 1, 2}, new int[]{0, 4}, two);
        assertTrue(m.contains("post") && m.contains("index 4 out of range; valid is 0..3"), m);
        m = refusal(new int[]{0, 1, 2}, new int[]{0, 1}, Values.of(1));
        assertTrue(m.contains("must have the same length"), m);
        m = assertThrows(ModelException.class, () -> Sparse.ofRows("syn", 4, 2, new int[]{0, 1, 2}, new int[]{0, 1},
                two, new int[]{0, -1}, 8, 0, null)).getMessage();
        assertTrue(m.contains("delays") && m.contains("negative delay -1"), m);
    }

    @Test
    void shouldRefuseDecreasingOffsets() {
        // 3 inputs: offsets 0, 2, 1, 2 end where they should but go down at input 2
        String m = assertThrows(ModelException.class, () -> Sparse.ofRows("syn", 4, 3, new int[]{0, 2, 1, 2},
                new int[]{0, 1}, Values.of(1, 2), null, 8, 0, null)).getMessage();
        assertTrue(m.contains("row_start") && m.contains("offsets never decrease"), m);
        assertEquals(1, Sparse.ofRows("ok", 4, 3, new int[]{0, 1, 1, 2}, new int[]{3, 0}, Values.of(1, 2), null, 8,
                0, null).table().rowStart()[2]);
    }
}
