package org.spikemesh.simulator.chip;

import java.util.Arrays;

/**
 * The detailed time model, SANA-FE's semi-analytical scheduler (schedule.cpp, schedule_messages_timestep_detailed)
 * on the engine's counts: every core sends its messages one after another (a message leaves when the neurons before
 * it and its own send are done), receivers take messages one after another in arrival order, and a route whose links
 * hold more messages in flight than their buffers delays its sender. Events are taken in time order (ties: lower core
 * first), so the result depends on nothing but the step's spikes. The step ends at the last event plus the barrier.
 */
final class DetailedSchedule {
    private final DetailedRoutes routes;
    private final LinkDensity density;
    private final int bufferDepth;
    private final int tiles;
    private final MessageHeap heap;
    private int[] mCore = new int[64];
    private int[] mRoute = new int[64];
    private double[] mGen = new double[64];
    private double[] mSent = new double[64];
    private double[] mReceived = new double[64];
    private int[] next = new int[64];
    private int count;
    private final int[] coreFirst;
    private final int[] cursor;
    private final int[] head;
    private final int[] tail;
    private final double[] finished;
    /** per core: the time of its learning updates this step, which start once its messages are sent and received. */
    private final double[] learn;
    private double mean;
    private int inFlight;
    /** the earliest arrival among messages in flight (a lower bound; +infinity when none). */
    private double nextArrival;
    private double last;
    private int criticalCore;
    private int criticalLink;
    private double computeNs;

    DetailedSchedule(DetailedRoutes routes, int tilesX, int tilesY, int coresPerTile, int bufferDepth) {
        this.routes = routes;
        this.density = new LinkDensity(tilesX, tilesY, coresPerTile);
        this.bufferDepth = bufferDepth;
        this.tiles = tilesX * tilesY;
        int n = routes.cores;
        this.heap = new MessageHeap(routes.place);
        this.coreFirst = new int[n + 1];
        this.cursor = new int[n];
        this.head = new int[n];
        this.tail = new int[n];
        this.finished = new double[n];
        this.learn = new double[n];
    }

    /**
     * Schedules one step.
     *
     * @param ps the step's partials of every shard, in shard order (their spike logs)
     * @return the time from the start of the step to its last event, ns (the barrier not included)
     */
    double schedule(StepPartial[] ps) {
        build(ps);
        reset();
        for (int c = 0; c < routes.cores; c++) {
            if (coreFirst[c] < coreFirst[c + 1]) {
                cursor[c] = coreFirst[c];
                mSent[coreFirst[c]] = mGen[coreFirst[c]];
                heap.push(c, mSent[coreFirst[c]]);
            }
        }
        while (!heap.isEmpty()) {
            int c = heap.pop();
            int i = cursor[c];
            raise(mSent[i], c, -1);
            retire(mSent[i]);
            if (mRoute[i] >= 0) {
                handle(i);
            }
            if (++cursor[c] < coreFirst[c + 1]) {
                int j = cursor[c];
                mSent[j] = mSent[i] + mGen[j];
                heap.push(c, mSent[j]);
                raise(mSent[j], c, -1);
            } else {
                computeNs = Math.max(computeNs, mSent[i]);
            }
        }
        learningPhase();
        return last;
    }

    /**
     * The cores' learning updates, after the step's deliveries: a core updates its plastic synapses once it has sent
     * its messages and processed every message it received (the updates read the pre-synaptic spikes those bring).
     * Learning is core work, so it counts in the compute time.
     */
    private void learningPhase() {
        for (int c = 0; c < routes.cores; c++) {
            if (learn[c] != 0) {
                // the core's last entry (a message or its trailing neuron time) left at its send time
                double sent = coreFirst[c] < coreFirst[c + 1] ? mSent[coreFirst[c + 1] - 1] : 0;
                double end = Math.max(sent, finished[c]) + learn[c];
                computeNs = Math.max(computeNs, end);
                raise(end, c, -1);
            }
        }
    }

    private void reset() {
        density.clear();
        Arrays.fill(head, -1);
        Arrays.fill(finished, 0);
        mean = 0;
        inFlight = 0;
        nextArrival = Double.POSITIVE_INFINITY;
        last = 0;
        criticalCore = -1;
        criticalLink = -1;
        computeNs = 0;
    }

    private void raise(double t, int core, int link) {
        if (t > last || criticalCore < 0) {
            last = Math.max(last, t);
            criticalCore = core;
            criticalLink = link;
        }
    }

    /** One message into the network: blocking, congestion, arrival, processing at its destination. */
    private void handle(int i) {
        int c = mCore[i];
        int r = mRoute[i];
        int d = routes.dest[r];
        int sx = routes.tileX[c];
        int sy = routes.tileY[c];
        int dx = routes.tileX[d];
        int dy = routes.tileY[d];
        double along = density.walk(sx, sy, routes.port[c], dx, dy, 0);
        int hops = routes.hops[r];
        double capacity = (hops + 1.0) * bufferDepth;
        if (along > capacity) {
            mSent[i] += (along - capacity) * mean;
        }
        double network = Math.max(routes.pathNs[r], along * mean / (hops + 1.0));
        double earliest = mSent[i] + network;
        double proc = routes.processNs[r];
        mReceived[i] = Math.max(finished[d], earliest);
        finished[d] = Math.max(finished[d] + proc, earliest + proc);
        if (finished[d] > last) {
            raise(finished[d], d, density.busiestLink(sx, sy, dx, dy, tiles));
        }
        enqueue(i, d);
        density.walk(sx, sy, routes.port[c], dx, dy, 1);
        mean += (proc - mean) / (inFlight + 1.0);
        inFlight++;
    }

    private void enqueue(int i, int d) {
        next[i] = -1;
        if (head[d] < 0) {
            head[d] = i;
            nextArrival = Math.min(nextArrival, mReceived[i]);
        } else {
            next[tail[d]] = i;
        }
        tail[d] = i;
    }

    /** Takes out of the network every message received by time t (arrivals at a core are in time order). */
    private void retire(double t) {
        if (t < nextArrival) {
            return;
        }
        nextArrival = Double.POSITIVE_INFINITY;
        for (int d = 0; d < routes.cores; d++) {
            while (head[d] >= 0 && t >= mReceived[head[d]]) {
                int i = head[d];
                head[d] = next[i];
                int c = mCore[i];
                int r = mRoute[i];
                density.walk(routes.tileX[c], routes.tileY[c], routes.port[c], routes.tileX[d], routes.tileY[d], -1);
                double proc = routes.processNs[r];
                mean = inFlight > 1 ? mean + (mean - proc) / (inFlight - 1.0) : 0;
                inFlight--;
            }
            if (head[d] >= 0) {
                nextArrival = Math.min(nextArrival, mReceived[head[d]]);
            }
        }
    }

    /** The step's messages per core in send order, each with the time its core needs before it can leave. */
    private void build(StepPartial[] ps) {
        count = 0;
        int c = 0;
        for (StepPartial p : ps) {
            SpikeLog log = p.log;
            int from = 0;
            for (int k = 0; k < log.coreEnd.length; k++, c++) {
                coreFirst[c] = count;
                buildCore(c, log, from, log.coreEnd[k], log.coreActive[k]);
                learn[c] = log.learnNs[k];
                from = log.coreEnd[k];
            }
        }
        coreFirst[c] = count;
    }

    private void buildCore(int c, SpikeLog log, int from, int to, int coreActive) {
        boolean lif = routes.lif[c];
        double acc = 0;
        int prevUp = 0;
        int prevPos = -1;
        int[] rs = routes.routeStart[c];
        for (int e = from; e < to; e++) {
            int i = log.neuron[e];
            if (lif) {
                int act = log.activeUpTo[e] - prevUp;
                acc += act * routes.activeNs + (i - prevPos - act) * routes.inactiveNs;
                prevUp = log.activeUpTo[e];
                prevPos = i;
                acc += log.atRest[e] ? routes.firedAtRestNs : 0;
            }
            acc += routes.spikeNs[c];
            for (int r = rs[i]; r < rs[i + 1]; r++) {
                add(c, routes.routeBase[c] + r, acc + routes.sendNs);
                acc = 0;
            }
        }
        if (lif) {
            int act = coreActive - prevUp;
            acc += act * routes.activeNs + (routes.neurons[c] - 1 - prevPos - act) * routes.inactiveNs;
        }
        if (acc != 0) {
            add(c, -1, acc);
        }
    }

    private void add(int core, int route, double gen) {
        if (count == mCore.length) {
            int m = count * 2;
            mCore = Arrays.copyOf(mCore, m);
            mRoute = Arrays.copyOf(mRoute, m);
            mGen = Arrays.copyOf(mGen, m);
            mSent = Arrays.copyOf(mSent, m);
            mReceived = Arrays.copyOf(mReceived, m);
            next = Arrays.copyOf(next, m);
        }
        mCore[count] = core;
        mRoute[count] = route;
        mGen[count] = gen;
        count++;
    }

    /** @return program index of the core whose event ended the last step scheduled (-1 if none) */
    int criticalCore() {
        return criticalCore;
    }

    /** @return the busiest link on the path of the message that ended the step, coded as RouteTable's (-1: none) */
    int criticalLink() {
        return criticalLink;
    }

    /** @return when the last core finished sending (its neurons and messages), ns */
    double computeNs() {
        return computeNs;
    }
}
