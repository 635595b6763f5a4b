package org.spikemesh.process.lib;

/** Builds a {@link SynapseTable} from a row-major [out][in] matrix, keeping non-zero weights. */
final class DenseTables {
    private DenseTables() {
    }

    static SynapseTable fromMatrix(double[] w, int out, int in, double[] delays) {
        int[] rowStart = new int[in + 1];
        int nnz = 0;
        for (int i = 0; i < in; i++) {
            rowStart[i] = nnz;
            for (int o = 0; o < out; o++) {
                if (w[o * in + i] != 0) {
                    nnz++;
                }
            }
        }
        rowStart[in] = nnz;
        int[] post = new int[nnz];
        double[] weight = new double[nnz];
        int[] delay = delays == null ? null : new int[nnz];
        int k = 0;
        for (int i = 0; i < in; i++) {
            for (int o = 0; o < out; o++) {
                double x = w[o * in + i];
                if (x != 0) {
                    post[k] = o;
                    weight[k] = x;
                    if (delay != null) {
                        delay[k] = (int) delays[o * in + i];
                    }
                    k++;
                }
            }
        }
        return new SynapseTable(in, out, rowStart, post, org.spikemesh.process.Values.of(weight), delay);
    }
}
