package org.spikemesh.process.nir;

import java.util.Arrays;

/**
 * A sparse matrix in compressed rows (row i holds entries {@code start[i] .. start[i+1]-1}, columns ascending, no
 * explicit zeros), used to compose NIR's linear nodes (Affine, Linear, Scale, convolutions, pooling) into the one
 * weight matrix between a spike source and a neuron population.
 */
final class SparseRows {
    final int rows;
    final int cols;
    final int[] start;
    final int[] col;
    final double[] val;

    SparseRows(int rows, int cols, int[] start, int[] col, double[] val) {
        this.rows = rows;
        this.cols = cols;
        this.start = start;
        this.col = col;
        this.val = val;
    }

    int nnz() {
        return start[rows];
    }

    static SparseRows identity(int n) {
        int[] start = new int[n + 1];
        int[] col = new int[n];
        double[] val = new double[n];
        for (int i = 0; i < n; i++) {
            start[i + 1] = i + 1;
            col[i] = i;
            val[i] = 1;
        }
        return new SparseRows(n, n, start, col, val);
    }

    /** @param diag the diagonal; zeros hold no entry */
    static SparseRows diagonal(double[] diag) {
        Builder b = new Builder(diag.length, diag.length, diag.length);
        for (int i = 0; i < diag.length; i++) {
            b.add(i, diag[i]);
            b.endRow();
        }
        return b.build();
    }

    /** @param w row-major [rows][cols]; zeros hold no entry */
    static SparseRows dense(double[] w, int rows, int cols) {
        int nnz = 0;
        for (double x : w) {
            if (x != 0) {
                nnz++;
            }
        }
        Builder b = new Builder(rows, cols, nnz);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                b.add(c, w[r * cols + c]);
            }
            b.endRow();
        }
        return b.build();
    }

    /** @return this * other (rows x other.cols) */
    SparseRows times(SparseRows other) {
        if (cols != other.rows) {
            throw new IllegalStateException("inner sizes differ: " + cols + " vs " + other.rows);
        }
        double[] acc = new double[other.cols];
        boolean[] used = new boolean[other.cols];
        int[] touched = new int[other.cols];
        Builder b = new Builder(rows, other.cols, Math.max(16, nnz()));
        for (int r = 0; r < rows; r++) {
            int nt = 0;
            for (int k = start[r]; k < start[r + 1]; k++) {
                int mid = col[k];
                double a = val[k];
                for (int j = other.start[mid]; j < other.start[mid + 1]; j++) {
                    int c = other.col[j];
                    if (!used[c]) {
                        used[c] = true;
                        touched[nt++] = c;
                    }
                    acc[c] += a * other.val[j];
                }
            }
            Arrays.sort(touched, 0, nt);
            for (int t = 0; t < nt; t++) {
                int c = touched[t];
                b.add(c, acc[c]);
                acc[c] = 0;
                used[c] = false;
            }
            b.endRow();
        }
        return b.build();
    }

    /** @return this + other (same dimensions) */
    SparseRows plus(SparseRows other) {
        if (rows != other.rows || cols != other.cols) {
            throw new IllegalStateException("sizes differ");
        }
        Builder b = new Builder(rows, cols, nnz() + other.nnz());
        for (int r = 0; r < rows; r++) {
            int i = start[r];
            int j = other.start[r];
            int ei = start[r + 1];
            int ej = other.start[r + 1];
            while (i < ei || j < ej) {
                if (j >= ej || (i < ei && col[i] < other.col[j])) {
                    b.add(col[i], val[i]);
                    i++;
                } else if (i >= ei || other.col[j] < col[i]) {
                    b.add(other.col[j], other.val[j]);
                    j++;
                } else {
                    b.add(col[i], val[i] + other.val[j]);
                    i++;
                    j++;
                }
            }
            b.endRow();
        }
        return b.build();
    }

    /** @return the rows where keep is true, other rows emptied */
    SparseRows keepRows(boolean[] keep) {
        Builder b = new Builder(rows, cols, nnz());
        for (int r = 0; r < rows; r++) {
            if (keep[r]) {
                for (int k = start[r]; k < start[r + 1]; k++) {
                    b.add(col[k], val[k]);
                }
            }
            b.endRow();
        }
        return b.build();
    }

    /** @return the matrix as a row-major dense array */
    double[][] toDense() {
        double[][] d = new double[rows][cols];
        for (int r = 0; r < rows; r++) {
            for (int k = start[r]; k < start[r + 1]; k++) {
                d[r][col[k]] = val[k];
            }
        }
        return d;
    }

    /** Appends entries row by row; columns must ascend within a row; zeros are dropped. */
    static final class Builder {
        private final int rows;
        private final int cols;
        private final int[] start;
        private int[] col;
        private double[] val;
        private int n;
        private int row;

        Builder(int rows, int cols, int capacity) {
            this.rows = rows;
            this.cols = cols;
            this.start = new int[rows + 1];
            this.col = new int[Math.max(1, capacity)];
            this.val = new double[Math.max(1, capacity)];
        }

        void add(int c, double v) {
            if (v == 0) {
                return;
            }
            if (n == col.length) {
                col = Arrays.copyOf(col, n * 2);
                val = Arrays.copyOf(val, n * 2);
            }
            col[n] = c;
            val[n] = v;
            n++;
        }

        void endRow() {
            start[++row] = n;
        }

        SparseRows build() {
            if (row != rows) {
                throw new IllegalStateException("built " + row + " of " + rows + " rows");
            }
            return new SparseRows(rows, cols, start, Arrays.copyOf(col, n), Arrays.copyOf(val, n));
        }
    }
}
