package org.spikemesh.process.nir;

/**
 * Unrolls NIR's convolution and pooling nodes into sparse matrices over flat row-major tensors: input
 * {@code (C_in, H, W)}, output {@code (C_out, H_out, W_out)}, with {@code H_out = floor((H + pad_before + pad_after
 * - dilation*(k-1) - 1) / stride) + 1} as PyTorch.
 */
final class Unroll {
    private Unroll() {
    }

    /** Geometry of one spatial axis: size in, kernel, stride, padding before and after, dilation. */
    record Axis(int in, int kernel, int stride, int padBefore, int padAfter, int dilation) {
        int out() {
            return Math.floorDiv(in + padBefore + padAfter - dilation * (kernel - 1) - 1, stride) + 1;
        }
    }

    /**
     * @param w weights, flat (C_out, C_in/groups, kH, kW)
     * @param cOut output channels
     * @param cIn input channels
     * @param groups groups
     * @param y vertical axis (kH = 1, in = 1 for a 1-d convolution)
     * @param x horizontal axis
     * @return the matrix (C_out*H_out*W_out) x (C_in*H*W)
     */
    static SparseRows conv(double[] w, int cOut, int cIn, int groups, Axis y, Axis x) {
        int ho = y.out();
        int wo = x.out();
        int cInG = cIn / groups;
        int cOutG = cOut / groups;
        int kh = y.kernel();
        int kw = x.kernel();
        SparseRows.Builder b = new SparseRows.Builder(cOut * ho * wo, cIn * y.in() * x.in(),
                cOut * ho * wo * cInG * kh * kw);
        for (int co = 0; co < cOut; co++) {
            int g = co / cOutG;
            for (int oy = 0; oy < ho; oy++) {
                for (int ox = 0; ox < wo; ox++) {
                    for (int cl = 0; cl < cInG; cl++) {
                        int ci = g * cInG + cl;
                        for (int ky = 0; ky < kh; ky++) {
                            int iy = oy * y.stride() - y.padBefore() + ky * y.dilation();
                            if (iy < 0 || iy >= y.in()) {
                                continue;
                            }
                            for (int kx = 0; kx < kw; kx++) {
                                int ix = ox * x.stride() - x.padBefore() + kx * x.dilation();
                                if (ix < 0 || ix >= x.in()) {
                                    continue;
                                }
                                b.add((ci * y.in() + iy) * x.in() + ix, w[((co * cInG + cl) * kh + ky) * kw + kx]);
                            }
                        }
                    }
                    b.endRow();
                }
            }
        }
        return b.build();
    }

    /**
     * @param channels channels (kept)
     * @param y vertical axis
     * @param x horizontal axis
     * @param weight 1 for sum pooling, 1/(kH*kW) for average pooling (padding counted, as PyTorch's default)
     * @return the matrix (C*H_out*W_out) x (C*H*W)
     */
    static SparseRows pool(int channels, Axis y, Axis x, double weight) {
        int ho = y.out();
        int wo = x.out();
        SparseRows.Builder b = new SparseRows.Builder(channels * ho * wo, channels * y.in() * x.in(),
                channels * ho * wo * y.kernel() * x.kernel());
        for (int c = 0; c < channels; c++) {
            for (int oy = 0; oy < ho; oy++) {
                for (int ox = 0; ox < wo; ox++) {
                    for (int ky = 0; ky < y.kernel(); ky++) {
                        int iy = oy * y.stride() - y.padBefore() + ky;
                        if (iy < 0 || iy >= y.in()) {
                            continue;
                        }
                        for (int kx = 0; kx < x.kernel(); kx++) {
                            int ix = ox * x.stride() - x.padBefore() + kx;
                            if (ix >= 0 && ix < x.in()) {
                                b.add((c * y.in() + iy) * x.in() + ix, weight);
                            }
                        }
                    }
                    b.endRow();
                }
            }
        }
        return b.build();
    }
}
