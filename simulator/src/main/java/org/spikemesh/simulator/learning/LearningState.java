package org.spikemesh.simulator.learning;

import org.spikemesh.process.ModelException;

/**
 * Writes a learning process's Vars (weights, tag_1, tag_2 as [out][in]; x1, x2 per input; y1, y2, y3 per output)
 * into a block of its state, checking that fixed-point values are whole and in their ranges. A block holds outputs
 * {@code postOffset .. postOffset + posts - 1}.
 */
public final class LearningState {
    private LearningState() {
    }

    /**
     * @param process process name for errors
     * @param var Var name
     * @param values values in the Var's layout
     * @param fx the block
     * @param pres inputs
     * @param posts outputs in the block
     * @param postOffset first output of the block
     */
    public static void writeFixed(String process, String var, double[] values, FixedPlasticity fx, int pres, int posts,
                                  int postOffset) {
        switch (var) {
            case "weights":
                copyMatrix(process, var, values, fx.weights(), pres, posts, postOffset, -256, 255);
                break;
            case "tag_1":
                copyMatrix(process, var, values, fx.tag1(), pres, posts, postOffset, -257, 255);
                break;
            case "tag_2":
                copyMatrix(process, var, values, fx.tag2(), pres, posts, postOffset, 0, 255);
                break;
            case "x1":
            case "x2":
                copy(process, var, values, 0, fx.preTrace(var.charAt(1) - '1'), pres, 0, FixedPlasticity.TRACE_MAX);
                break;
            default:
                copy(process, var, values, postOffset, fx.postTrace(var.charAt(1) - '1'), posts, -128,
                        FixedPlasticity.TRACE_MAX);
                break;
        }
    }

    private static int whole(String process, String var, double v, int lo, int hi) {
        if (v != Math.rint(v) || v < lo || v > hi) {
            throw ModelException.of(process, var, "value " + v + " cannot be written; fixed_pt needs whole numbers in "
                    + lo + ".." + hi);
        }
        return (int) v;
    }

    private static void copyMatrix(String process, String var, double[] values, int[] dst, int pres, int posts,
                                   int postOffset, int lo, int hi) {
        for (int i = 0; i < pres; i++) {
            for (int q = 0; q < posts; q++) {
                dst[i * posts + q] = whole(process, var, values[(postOffset + q) * pres + i], lo, hi);
            }
        }
    }

    private static void copy(String process, String var, double[] values, int from, int[] dst, int n, int lo, int hi) {
        for (int j = 0; j < n; j++) {
            dst[j] = whole(process, var, values[from + j], lo, hi);
        }
    }

    /**
     * @param var Var name
     * @param values values in the Var's layout
     * @param fl the (single) float block
     * @param pres inputs
     * @param posts outputs
     */
    public static void writeFloat(String var, double[] values, FloatPlasticity fl, int pres, int posts) {
        double[] dst;
        switch (var) {
            case "weights":
                dst = fl.weights();
                break;
            case "tag_1":
                dst = fl.tag1();
                break;
            case "tag_2":
                dst = fl.tag2();
                break;
            case "x1":
            case "x2":
                System.arraycopy(values, 0, fl.preTrace(var.charAt(1) - '1'), 0, pres);
                return;
            default:
                System.arraycopy(values, 0, fl.postTrace(var.charAt(1) - '1'), 0, posts);
                return;
        }
        for (int i = 0; i < pres; i++) {
            for (int q = 0; q < posts; q++) {
                dst[i * posts + q] = values[q * pres + i];
            }
        }
    }
}
