package org.spikemesh.simulator.chip;

import java.nio.charset.StandardCharsets;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * The byte layout of the messages between partitions. Every message starts with its type and the sending partition
 * (two ints); integers are little-endian. Encoding writes into one reused, growing buffer; decoding writes into
 * preallocated engine objects ({@link Batch}, {@link StepPartial}), which grow only when a step carries more than any
 * before it.
 */
final class WireCodec {
    static final int HELLO = 1;
    static final int RUN = 2;
    static final int BATCH = 3;
    static final int PARTIAL = 4;
    static final int TOTALS_REQUEST = 5;
    static final int TOTALS = 6;
    static final int ROWS = 7;
    static final int CLOSE = 8;
    static final int FAILED = 9;
    static final int HEARTBEAT = 10;
    static final int WINDOW = 11;
    /** window rows per ROWS message. */
    static final int ROWS_PER_MESSAGE = 4096;

    final ExpandableArrayBuffer out = new ExpandableArrayBuffer(1 << 16);
    private int at;

    private void begin(int type, int from) {
        at = 0;
        putInt(type);
        putInt(from);
    }

    private void putInt(int v) {
        out.putInt(at, v);
        at += 4;
    }

    private void putLong(long v) {
        out.putLong(at, v);
        at += 8;
    }

    private void putDouble(double v) {
        out.putDouble(at, v);
        at += 8;
    }

    private void putInts(int[] a, int n) {
        putInt(n);
        out.checkLimit(at + 4 * n);
        for (int k = 0; k < n; k++) {
            out.putInt(at, a[k]);
            at += 4;
        }
    }

    /** Non-zero entries only: count, then (index, value) pairs. */
    private void putSparse(long[] a) {
        int countAt = at;
        putInt(0);
        int nz = 0;
        for (int k = 0; k < a.length; k++) {
            if (a[k] != 0) {
                putInt(k);
                putLong(a[k]);
                nz++;
            }
        }
        out.putInt(countAt, nz);
    }

    int hello(int from, long fingerprint) {
        begin(HELLO, from);
        putLong(fingerprint);
        return at;
    }

    int control(int type, int from, int value) {
        begin(type, from);
        putInt(value);
        return at;
    }

    int totalsRequest(int from, int request, int flushStep) {
        begin(TOTALS_REQUEST, from);
        putInt(request);
        putInt(flushStep);
        return at;
    }

    int failed(int from, String message) {
        begin(FAILED, from);
        byte[] b = message.getBytes(StandardCharsets.UTF_8);
        putInt(b.length);
        out.putBytes(at, b);
        at += b.length;
        return at;
    }

    int batch(int from, int fromShard, int toShard, Batch b) {
        begin(BATCH, from);
        putInt(fromShard);
        putInt(toShard);
        putInt(b.step);
        putInts(b.messages, b.messageInts);
        putInts(b.spikes, b.spikeInts);
        putInts(b.state, b.stateInts);
        return at;
    }

    int partial(int from, int shard, int step, StepPartial p) {
        begin(PARTIAL, from);
        putInt(shard);
        putInt(step);
        putLong(p.synops);
        putLong(p.active);
        putLong(p.inactive);
        putLong(p.spikes);
        putLong(p.messages);
        putLong(p.messagesIn);
        putLong(p.learningUpdates);
        putLong(p.hopsEastWest);
        putLong(p.hopsNorthSouth);
        putLong(p.withinTile);
        putLong(p.chipCrossings);
        putLong(p.lifSpikes);
        putLong(p.restingSpikes);
        putLong(p.destinations);
        for (long v : p.synopsByFormat) {
            putLong(v);
        }
        putDouble(p.slowestCoreNs);
        putInt(p.slowestCore);
        putSparse(p.eastWest);
        putSparse(p.northSouth);
        putSparse(p.linkDirect);
        putSparse(p.latencyCount);
        SpikeLog log = p.log;
        putInt(log == null ? 0 : 1);
        if (log != null) {
            int cores = log.coreEnd.length;
            putInts(log.coreEnd, cores);
            putInts(log.coreActive, cores);
            for (int k = 0; k < cores; k++) {
                putDouble(log.learnNs[k]);
            }
            int fill = log.fill();
            putInts(log.neuron, fill);
            putInts(log.activeUpTo, fill);
            for (int k = 0; k < fill; k++) {
                out.putByte(at++, (byte) (log.atRest[k] ? 1 : 0));
            }
        }
        return at;
    }

    /**
     * Run totals of a shard's cores: synops, active, inactive, spikes, messages in, messages out, resting spikes,
     * destinations ({@link CoreCounts#TOTALS} longs), then busy ns, per core; then how many window rows follow in ROWS messages.
     */
    int totals(int from, int request, int shard, long[][] totals, double[] timeNs, int rows) {
        begin(TOTALS, from);
        putInt(request);
        putInt(shard);
        putInt(totals.length);
        for (long[] t : totals) {
            for (long v : t) {
                putLong(v);
            }
        }
        for (double v : timeNs) {
            putDouble(v);
        }
        putInt(rows);
        return at;
    }

    int rows(int from, int request, int shard, long[] windowRows, int firstRow, int count) {
        begin(ROWS, from);
        putInt(request);
        putInt(shard);
        putInt(firstRow);
        putInt(count);
        for (int k = firstRow * 8, e = (firstRow + count) * 8; k < e; k++) {
            putLong(windowRows[k]);
        }
        return at;
    }

    /** Reads a message field by field. */
    static final class Reader {
        private DirectBuffer buf;
        private int at;

        Reader wrap(DirectBuffer buffer, int offset) {
            this.buf = buffer;
            this.at = offset;
            return this;
        }

        int getInt() {
            int v = buf.getInt(at);
            at += 4;
            return v;
        }

        long getLong() {
            long v = buf.getLong(at);
            at += 8;
            return v;
        }

        double getDouble() {
            double v = buf.getDouble(at);
            at += 8;
            return v;
        }

        /** @return the array, reallocated only when too small; n is left in {@link #last} */
        int[] getInts(int[] into) {
            int n = getInt();
            last = n;
            int[] a = into.length >= n ? into : new int[Math.max(n, into.length * 2)];
            for (int k = 0; k < n; k++) {
                a[k] = buf.getInt(at);
                at += 4;
            }
            return a;
        }

        int last;

        void getSparse(long[] into) {
            java.util.Arrays.fill(into, 0);
            int nz = getInt();
            for (int k = 0; k < nz; k++) {
                int i = getInt();
                into[i] = getLong();
            }
        }

        String getString() {
            int n = getInt();
            byte[] b = new byte[n];
            buf.getBytes(at, b);
            at += n;
            return new String(b, StandardCharsets.UTF_8);
        }

        void batch(Batch b) {
            b.step = getInt();
            b.messages = getInts(b.messages);
            b.messageInts = last;
            b.spikes = getInts(b.spikes);
            b.spikeInts = last;
            b.state = getInts(b.state);
            b.stateInts = last;
        }

        void partial(StepPartial p) {
            p.synops = getLong();
            p.active = getLong();
            p.inactive = getLong();
            p.spikes = getLong();
            p.messages = getLong();
            p.messagesIn = getLong();
            p.learningUpdates = getLong();
            p.hopsEastWest = getLong();
            p.hopsNorthSouth = getLong();
            p.withinTile = getLong();
            p.chipCrossings = getLong();
            p.lifSpikes = getLong();
            p.restingSpikes = getLong();
            p.destinations = getLong();
            for (int k = 0; k < p.synopsByFormat.length; k++) {
                p.synopsByFormat[k] = getLong();
            }
            p.slowestCoreNs = getDouble();
            p.slowestCore = getInt();
            getSparse(p.eastWest);
            getSparse(p.northSouth);
            getSparse(p.linkDirect);
            getSparse(p.latencyCount);
            if (getInt() == 1) {
                SpikeLog log = p.log;
                if (log == null) {
                    throw new PartitionException("a partition runs the detailed time model and the coordinator does"
                            + " not: the partitions were started with different chip configurations");
                }
                getInts(log.coreEnd);
                getInts(log.coreActive);
                for (int k = 0; k < log.coreEnd.length; k++) {
                    log.learnNs[k] = getDouble();
                }
                getInts(log.neuron);
                int fill = last;
                getInts(log.activeUpTo);
                for (int k = 0; k < fill; k++) {
                    log.atRest[k] = buf.getByte(at++) != 0;
                }
                log.setFill(fill);
            }
        }
    }

    /** @return the buffer the last message was encoded into */
    MutableDirectBuffer buffer() {
        return out;
    }
}
