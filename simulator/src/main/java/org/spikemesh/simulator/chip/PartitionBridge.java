package org.spikemesh.simulator.chip;

import com.lmax.disruptor.RingBuffer;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.Agent;

/**
 * The one agent of a partitioned run that talks to the other partitions: it forwards the batches local shards
 * publish for shards elsewhere, publishes the batches that arrive into the local shards' rings, sends each local
 * shard's step partial to the coordinator (followers) or files the partials that arrive (coordinator), passes run,
 * totals and close requests, and sends heartbeats. A partition that says nothing for the loss timeout, or whose stream
 * the transport loses, or that reports a failure, ends the run with a {@link PartitionException} naming it.
 */
final class PartitionBridge implements Agent, PartitionWire.Handler {
    private static final long HEARTBEAT_NS = 200_000_000L;
    private final ChipEngine engine;
    private final PartitionPlan plan;
    private final int me;
    private final PartitionWire wire;
    private final WireCodec codec = new WireCodec();
    private final WireCodec.Reader reader = new WireCodec.Reader();
    private final int[] partitionOfShard;
    private final OutboundLink[] outbound;
    private final RingBuffer<Batch>[][] inRing;
    private final Shard[] local;
    private final int[] partialSent;
    private final RemoteShard[] remote;
    private final long fingerprint;
    private final boolean[] helloFrom;
    private final boolean[] helloSent;
    private final long[] lastHeard;
    private final long lossNs;
    private long nextHeartbeat;
    private volatile boolean joined;
    private volatile int windowRequested;
    private int windowSent;
    private volatile int runRequested;
    private int runSent;
    private volatile int totalsRequested;
    private volatile int totalsFlushStep;
    private int totalsSent;
    private volatile boolean closeRequested;
    private volatile boolean closeSent;
    /** CLOSE was received or sent: streams going away are expected now. */
    private volatile boolean closing;
    private boolean failureSent;

    PartitionBridge(ChipEngine engine, PartitionPlan plan, PartitionWire wire, int[] partitionOfShard,
                    java.util.List<OutboundLink> outbound, RingBuffer<Batch>[][] inRing, Shard[] local,
                    RemoteShard[] remote, long fingerprint, long lossNs) {
        this.engine = engine;
        this.plan = plan;
        this.me = plan.index();
        this.wire = wire;
        this.partitionOfShard = partitionOfShard;
        this.outbound = outbound.toArray(new OutboundLink[0]);
        this.inRing = inRing;
        this.local = local;
        this.partialSent = new int[local.length];
        this.remote = remote;
        this.fingerprint = fingerprint;
        this.helloFrom = new boolean[plan.count()];
        this.helloSent = new boolean[plan.count()];
        helloFrom[me] = true;
        helloSent[me] = true;
        this.lastHeard = new long[plan.count()];
        this.lossNs = lossNs;
    }

    @Override
    public String roleName() {
        return "spikemesh-partition-bridge-" + me;
    }

    private final java.util.concurrent.atomic.AtomicBoolean busy = new java.util.concurrent.atomic.AtomicBoolean();

    /** The background thread's duty cycle: the same as {@link #pump()}. */
    @Override
    public int doWork() {
        return pump();
    }

    /**
     * One duty cycle, run by whichever thread gets here first: the bridge's own thread, or a shard (or the
     * coordinator) waiting for another partition, which so moves the messages it waits for without a hand-over
     * between threads. Another thread already in the cycle makes this return 0 at once.
     *
     * @return messages moved
     */
    int pump() {
        if (!busy.compareAndSet(false, true)) {
            return 0;
        }
        try {
            return cycle();
        } finally {
            busy.set(false);
        }
    }

    private int cycle() {
        long now = System.nanoTime();
        int work = 0;
        try {
            if (!joined) {
                work += join(now);
            } else {
                work += pumpOutbound();
                if (me != 0) {
                    work += pumpPartials();
                }
                work += pumpRequests();
            }
            work += wire.poll(this, 64);
            if (now >= nextHeartbeat) {
                heartbeat(now);
                nextHeartbeat = now + HEARTBEAT_NS;
            }
        } catch (PartitionException e) {
            engine.fail(e);
        }
        if (!failureSent && engine.failure() != null) {
            failureSent = true;
            int len = codec.failed(me, String.valueOf(engine.failure().getMessage()));
            for (int q = 0; q < plan.count(); q++) {
                if (q != me) {
                    wire.offer(q, codec.buffer(), 0, len);
                }
            }
        }
        return work;
    }

    private int join(long now) {
        int work = 0;
        boolean all = true;
        for (int q = 0; q < plan.count(); q++) {
            if (!helloSent[q]) {
                helloSent[q] = wire.offer(q, codec.buffer(), 0, codec.hello(me, fingerprint));
                work += helloSent[q] ? 1 : 0;
            }
            all &= helloSent[q] && helloFrom[q];
        }
        if (all) {
            for (int q = 0; q < plan.count(); q++) {
                lastHeard[q] = now;
            }
            joined = true;
        }
        return work;
    }

    /** @return partitions not heard from or not reachable yet, for the error when joining takes too long */
    String missing() {
        StringBuilder b = new StringBuilder();
        for (int q = 0; q < plan.count(); q++) {
            if (!helloFrom[q] || !helloSent[q]) {
                b.append(b.length() == 0 ? "" : ", ").append(plan.describe(q));
            }
        }
        return b.toString();
    }

    /**
     * @return what the wire knows of the processes of the partitions not joined yet ({@link PartitionWire#processOf}),
     *         as sentences to add to a message, or ""
     */
    String missingProcesses() {
        StringBuilder b = new StringBuilder();
        for (int q = 0; q < plan.count(); q++) {
            String p = !helloFrom[q] || !helloSent[q] ? wire.processOf(q) : null;
            if (p != null) {
                b.append("; partition ").append(q).append(": ").append(p);
            }
        }
        return b.toString();
    }

    boolean joined() {
        return joined;
    }

    private int pumpOutbound() {
        int work = 0;
        for (OutboundLink link : outbound) {
            long cursor = link.ring().getCursor();
            // shard 0's rings take several producers: their cursor counts batches claimed, not yet published
            for (long next = link.consumed().get() + 1; next <= cursor && link.ring().isAvailable(next); next++) {
                send(partitionOfShard[link.to()], codec.batch(me, link.from(), link.to(), link.ring().get(next)));
                link.consumed().set(next);
                work++;
            }
        }
        return work;
    }

    private int pumpPartials() {
        int work = 0;
        for (int k = 0; k < local.length; k++) {
            Shard s = local[k];
            int done = s.completed;
            while (partialSent[k] < done) {
                int t = partialSent[k] + 1;
                send(0, codec.partial(me, s.id, t, s.partials[t & 3]));
                partialSent[k] = t;
                work++;
            }
        }
        return work;
    }

    private int pumpRequests() {
        int work = 0;
        int window = windowRequested;
        if (window != windowSent) {
            broadcast(codec.control(WireCodec.WINDOW, me, window));
            windowSent = window;
            work++;
        }
        int run = runRequested;
        if (run != runSent) {
            broadcast(codec.control(WireCodec.RUN, me, run));
            runSent = run;
            work++;
        }
        int totals = totalsRequested;
        if (totals != totalsSent) {
            broadcast(codec.totalsRequest(me, totals, totalsFlushStep));
            totalsSent = totals;
            work++;
        }
        if (closeRequested && !closeSent) {
            closing = true;
            broadcast(codec.control(WireCodec.CLOSE, me, 0));
            closeSent = true;
            work++;
        }
        return work;
    }

    private void broadcast(int len) {
        for (int q = 0; q < plan.count(); q++) {
            if (q != me) {
                send(q, len);
            }
        }
    }

    /** Sends the encoded message, waiting while the transport pushes back, up to the loss timeout. */
    private void send(int q, int len) {
        if (len > wire.maxMessageLength()) {
            throw new PartitionException("a message to " + plan.describe(q) + " takes " + len + " bytes, more than the"
                    + " transport's " + wire.maxMessageLength() + "; use fewer neurons per partition or a larger"
                    + " term length");
        }
        long deadline = 0;
        while (!wire.offer(q, codec.buffer(), 0, len)) {
            long now = System.nanoTime();
            if (deadline == 0) {
                deadline = now + lossNs;
            } else if (now > deadline) {
                throw new PartitionException(plan.describe(q) + " has not taken a message for "
                        + seconds(lossNs) + " s: it was lost; the run is ended");
            }
            if (engine.failure() != null) {
                throw new PartitionException("the run failed while sending to " + plan.describe(q));
            }
            Thread.yield();
        }
    }

    private void heartbeat(long now) {
        if (!joined) {
            return;
        }
        int len = codec.control(WireCodec.HEARTBEAT, me, 0);
        for (int q = 0; q < plan.count(); q++) {
            if (q != me) {
                wire.offer(q, codec.buffer(), 0, len);
                if (!closing && engine.failure() == null && now - lastHeard[q] > lossNs) {
                    throw new PartitionException(plan.describe(q) + " sent nothing for " + seconds(lossNs)
                            + " s: it was lost (its process ended or was stopped, or the network failed); the run is"
                            + " ended");
                }
            }
        }
    }

    private static String seconds(long ns) {
        return String.format(java.util.Locale.ROOT, "%.1f", ns / 1e9);
    }

    @Override
    public void onMessage(DirectBuffer buffer, int offset, int length) {
        reader.wrap(buffer, offset);
        int type = reader.getInt();
        int from = reader.getInt();
        if (from < 0 || from >= plan.count() || from == me) {
            throw new PartitionException("a message names partition " + from + ", which is not a peer of partition "
                    + me + " of " + plan.count() + ": another run shares this channel");
        }
        lastHeard[from] = System.nanoTime();
        switch (type) {
            case WireCodec.HELLO -> {
                long theirs = reader.getLong();
                if (theirs != fingerprint) {
                    throw new PartitionException(plan.describe(from) + " runs a different program or settings"
                            + " (network, chip, seed, threads, partitions, probes) than partition " + me
                            + ": start every partition with the same arguments");
                }
                helloFrom[from] = true;
            }
            case WireCodec.RUN -> engine.follow(reader.getInt());
            case WireCodec.WINDOW -> {
                int k = reader.getInt();
                for (Shard sh : local) {
                    sh.counts.windowSteps = k;
                }
            }
            case WireCodec.BATCH -> {
                int fromShard = reader.getInt();
                int toShard = reader.getInt();
                RingBuffer<Batch> ring = inRing[fromShard][toShard];
                long seq = ring.next();
                try {
                    reader.batch(ring.get(seq));
                } finally {
                    ring.publish(seq);
                }
            }
            case WireCodec.PARTIAL -> {
                RemoteShard rs = remote[reader.getInt()];
                int step = reader.getInt();
                reader.partial(rs.partials[step & 3]);
                rs.completed = step;
            }
            case WireCodec.TOTALS_REQUEST -> answerTotals(reader.getInt(), reader.getInt());
            case WireCodec.TOTALS -> totals();
            case WireCodec.ROWS -> rows();
            case WireCodec.CLOSE -> {
                closing = true;
                engine.closeFromCoordinator();
            }
            case WireCodec.FAILED -> {
                String why = reader.getString();
                if (!closing) {
                    throw new PartitionException(plan.describe(from) + " failed: " + why);
                }
            }
            case WireCodec.HEARTBEAT -> {
                // liveness only
            }
            default -> throw new PartitionException("unknown message type " + type + " from " + plan.describe(from));
        }
    }

    @Override
    public void onLost(int partition, String why) {
        if (!closing && engine.failure() == null) {
            throw new PartitionException(plan.describe(partition) + " was lost (" + why + "); the run is ended");
        }
    }

    /** Follower: sends the run totals and window rows of every local shard (flushing windows first when asked). */
    private void answerTotals(int request, int flushStep) {
        for (Shard s : local) {
            if (flushStep >= 0) {
                s.counts.flushWindow(flushStep);
            }
            int size = s.last - s.first;
            long[][] t = new long[size][];
            double[] ns = new double[size];
            for (int k = 0; k < size; k++) {
                t[k] = s.counts.totals(k);
                ns[k] = s.counts.timeNs(k);
            }
            send(0, codec.totals(me, request, s.id, t, ns, s.counts.windowRowCount));
            for (int r = 0; r < s.counts.windowRowCount; r += WireCodec.ROWS_PER_MESSAGE) {
                int count = Math.min(WireCodec.ROWS_PER_MESSAGE, s.counts.windowRowCount - r);
                send(0, codec.rows(me, request, s.id, s.counts.windowRows, r, count));
            }
        }
    }

    private void totals() {
        int request = reader.getInt();
        RemoteShard rs = remote[reader.getInt()];
        int size = reader.getInt();
        for (int k = 0; k < size; k++) {
            for (int j = 0; j < CoreCounts.TOTALS; j++) {
                rs.totals[k][j] = reader.getLong();
            }
        }
        for (int k = 0; k < size; k++) {
            rs.timeNs[k] = reader.getDouble();
        }
        rs.windowRowCount = reader.getInt();
        rs.rowsReceived = 0;
        if (rs.windowRows.length < rs.windowRowCount * 8) {
            rs.windowRows = new long[rs.windowRowCount * 8];
        }
        if (rs.windowRowCount == 0) {
            rs.answered = request;
        }
    }

    private void rows() {
        int request = reader.getInt();
        RemoteShard rs = remote[reader.getInt()];
        int firstRow = reader.getInt();
        int count = reader.getInt();
        for (int k = firstRow * 8, e = (firstRow + count) * 8; k < e; k++) {
            rs.windowRows[k] = reader.getLong();
        }
        rs.rowsReceived += count;
        if (rs.rowsReceived == rs.windowRowCount) {
            rs.answered = request;
        }
    }

    /** Coordinator: asks the followers to keep per-core counts by windows of k steps. */
    void requestWindow(int k) {
        windowRequested = k;
    }

    /** Coordinator: asks the followers to run up to step {@code target}. */
    void requestRun(int target) {
        runRequested = target;
    }

    /** Coordinator: asks the followers for their totals (flushing windows at {@code flushStep} when >= 0). */
    void requestTotals(int request, int flushStep) {
        totalsFlushStep = flushStep;
        totalsRequested = request;
    }

    /** Coordinator: tells the followers the run is over. */
    void requestClose() {
        closeRequested = true;
    }

    boolean closeSent() {
        return closeSent;
    }
}
