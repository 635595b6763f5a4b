package org.spikemesh.process.lib;

/**
 * A counter-based random generator: a value is a pure function of (seed, stream, index, step), so every backend
 * and every thread count draws the same numbers without sharing state (SplitMix64 finaliser).
 */
public final class CounterRng {
    private CounterRng() {
    }

    /**
     * @param z input
     * @return mixed 64 bits
     */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /**
     * @param seed run or process seed
     * @param stream e.g. a hash of the process name
     * @param index neuron
     * @param step time step
     * @return a uniform double in [0, 1)
     */
    public static double uniform(long seed, long stream, long index, long step) {
        long h = mix(seed * 0x9E3779B97F4A7C15L + stream);
        h = mix(h + index * 0xD1B54A32D192ED03L);
        h = mix(h + step * 0x8CB92BA72F3D8DD7L);
        return (h >>> 11) * 0x1.0p-53;
    }

    /**
     * A stable 64-bit hash of a string (FNV-1a), for stream ids from process names.
     *
     * @param s text
     * @return hash
     */
    public static long hash(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
    }
}
