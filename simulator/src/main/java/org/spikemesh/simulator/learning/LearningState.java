package org.spikemesh.simulator.learning;

import org.spikemesh.process.ModelException;

/**
 * Reads and writes a learning process's Vars from and into a block of its state: {@code weights}, {@code tag_1},
 * {@code tag_2} in the process's weights layout (synapse s of the block sits at {@code varIndex[s]}), {@code x1, x2}
 * per input and {@code y1, y2, y3} per output (the block's outputs from {@code postOffset}). Fixed-point values must be
 * whole and in their ranges.
 */
public final class LearningState {
    private LearningState() {
    }

    /**
     * @param var Var name
     * @param fx the block
     * @param varIndex position of each synapse of the block in the weights layout
     * @param out the Var's values, filled where this block holds them
     */
    public static void readFixed(String var, FixedPlasticity fx, int[] varIndex, double[] out) {
        switch (var) {
            case "weights":
            case "tag_1":
            case "tag_2": {
                short[] src = var.equals("weights") ? fx.weights() : var.equals("tag_1") ? fx.tag1() : fx.tag2();
                for (int s = 0; s < src.length; s++) {
                    out[varIndex[s]] = src[s];
                }
                break;
            }
            case "x1":
            case "x2": {
                int[] src = fx.preTrace(var.charAt(1) - '1');
                for (int i = 0; i < src.length; i++) {
                    out[i] = src[i];
                }
                break;
            }
            default: {
                int[] src = fx.postTrace(var.charAt(1) - '1');
                for (int q = 0; q < src.length; q++) {
                    out[fx.postOffset() + q] = src[q];
                }
                break;
            }
        }
    }

    /**
     * @param process process name for errors
     * @param var Var name
     * @param values the Var's values
     * @param fx the block
     * @param varIndex position of each synapse of the block in the weights layout
     */
    public static void writeFixed(String process, String var, double[] values, FixedPlasticity fx, int[] varIndex) {
        switch (var) {
            case "weights":
                copySynaptic(process, var, values, fx.weights(), varIndex, -256, 255);
                break;
            case "tag_1":
                copySynaptic(process, var, values, fx.tag1(), varIndex, -257, 255);
                break;
            case "tag_2":
                copySynaptic(process, var, values, fx.tag2(), varIndex, 0, 255);
                break;
            case "x1":
            case "x2": {
                int[] dst = fx.preTrace(var.charAt(1) - '1');
                for (int i = 0; i < dst.length; i++) {
                    dst[i] = whole(process, var, values[i], 0, FixedPlasticity.TRACE_MAX);
                }
                break;
            }
            default: {
                int[] dst = fx.postTrace(var.charAt(1) - '1');
                for (int q = 0; q < dst.length; q++) {
                    dst[q] = whole(process, var, values[fx.postOffset() + q], -128, FixedPlasticity.TRACE_MAX);
                }
                break;
            }
        }
    }

    private static int whole(String process, String var, double v, int lo, int hi) {
        if (v != Math.rint(v) || v < lo || v > hi) {
            throw ModelException.of(process, var, "value " + v + " cannot be written; fixed_pt needs whole numbers in "
                    + lo + ".." + hi);
        }
        return (int) v;
    }

    private static void copySynaptic(String process, String var, double[] values, short[] dst, int[] varIndex, int lo,
                                     int hi) {
        for (int s = 0; s < dst.length; s++) {
            dst[s] = (short) whole(process, var, values[varIndex[s]], lo, hi);
        }
    }

    /**
     * @param var Var name
     * @param values the Var's values
     * @param fl the (single) float block
     * @param varIndex position of each synapse in the weights layout
     * @param write true to write the values into the block, false to read the block into them
     */
    public static void floatState(String var, double[] values, FloatPlasticity fl, int[] varIndex, boolean write) {
        double[] syn = var.equals("weights") ? fl.weights() : var.equals("tag_1") ? fl.tag1()
                : var.equals("tag_2") ? fl.tag2() : null;
        if (syn != null) {
            for (int s = 0; s < syn.length; s++) {
                if (write) {
                    syn[s] = values[varIndex[s]];
                } else {
                    values[varIndex[s]] = syn[s];
                }
            }
            return;
        }
        double[] trace = var.startsWith("x") ? fl.preTrace(var.charAt(1) - '1') : fl.postTrace(var.charAt(1) - '1');
        if (write) {
            System.arraycopy(values, 0, trace, 0, trace.length);
        } else {
            System.arraycopy(trace, 0, values, 0, trace.length);
        }
    }
}
