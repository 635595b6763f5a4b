package org.spikemesh.cluster.multichip;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.FragmentAssembler;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.aeron.exceptions.AeronException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.agrona.DirectBuffer;
import org.agrona.collections.Int2IntHashMap;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.spikemesh.simulator.chip.PartitionException;
import org.spikemesh.simulator.chip.PartitionWire;

/**
 * A {@link PartitionWire} over Aeron: one exclusive publication to every other partition and one subscription for
 * this partition's stream. Messages larger than an MTU are fragmented by Aeron and reassembled here. A sender whose
 * stream goes away is reported to the bridge, which decides whether the run is over.
 */
public final class AeronWire implements PartitionWire {
    /** stream of partition q on IPC: {@code STREAM_BASE + q}; on UDP every partition uses {@code STREAM_BASE}. */
    public static final int STREAM_BASE = 7100;
    private static final String TERM = "term-length=8m";
    private final MediaDriver driver;
    private final Aeron aeron;
    private final ExclusivePublication[] pubs;
    private final Subscription sub;
    private final FragmentAssembler assembler;
    private final Int2IntHashMap sessionToPartition = new Int2IntHashMap(-1);
    private final ConcurrentLinkedQueue<Integer> lostSessions = new ConcurrentLinkedQueue<>();
    private volatile Throwable clientError;
    private final int me;
    private Handler current;

    private AeronWire(MediaDriver driver, String aeronDir, int me, String[] channels, int[] streams) {
        this.driver = driver;
        this.me = me;
        try {
            this.aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(aeronDir)
                    .unavailableImageHandler(img -> lostSessions.add(img.sessionId()))
                    .errorHandler(t -> clientError = t));
        } catch (RuntimeException e) {
            if (driver != null) {
                driver.close();
            }
            throw new PartitionException("partition " + me + " cannot reach the Aeron media driver in " + aeronDir
                    + ": " + e.getMessage() + " (for IPC the coordinator, partition 0, runs the driver)");
        }
        this.pubs = new ExclusivePublication[channels.length];
        try {
            for (int q = 0; q < channels.length; q++) {
                if (q != me) {
                    pubs[q] = aeron.addExclusivePublication(channels[q], streams[q]);
                }
            }
            this.sub = aeron.addSubscription(channels[me], streams[me]);
        } catch (RuntimeException e) {
            // a channel the driver cannot open (a UDP port in use): the client and the driver, with its directory
            // (47 MB in /dev/shm), were left behind
            aeron.close();
            if (driver != null) {
                driver.close();
            }
            throw new PartitionException("partition " + me + " cannot open its Aeron channel "
                    + channelName(channels[me]) + ": " + rootMessage(e)
                    + (channels[me].startsWith("aeron:udp") ? " (check --endpoints: each partition's HOST:PORT must"
                    + " be free on its machine)" : ""));
        }
        this.assembler = new FragmentAssembler((buffer, offset, length, header) -> {
            sessionToPartition.put(header.sessionId(), buffer.getInt(offset + 4));
            current.onMessage(buffer, offset, length);
        });
    }

    /** @return the channel without its buffer settings, as a user gave it (aeron:udp?endpoint=HOST:PORT) */
    private static String channelName(String channel) {
        int bar = channel.indexOf('|');
        return bar < 0 ? channel : channel.substring(0, bar);
    }

    /** @return what the driver said, without Aeron's prefixes ("Address already in use") */
    static String rootMessage(Throwable e) {
        String m = String.valueOf(e.getMessage());
        int channelError = m.indexOf("channel error - ");
        if (channelError >= 0) {
            m = m.substring(channelError + "channel error - ".length());
        }
        int detail = m.indexOf(" (at ");
        if (detail >= 0) {
            m = m.substring(0, detail);
        }
        int colon = m.indexOf(": aeron:");
        return (colon >= 0 ? m.substring(0, colon) : m).strip();
    }

    /**
     * Starts an embedded media driver in {@code dir} (deleted on start and on close), for the IPC partitions of this
     * machine to share: IPC data does not pass through the driver (publishers and subscribers share its log buffers),
     * so its one thread idles lazily (up to 1 ms) and leaves the cores to the partitions.
     *
     * @param dir the Aeron directory
     * @return the running driver
     */
    public static MediaDriver launchDriver(Path dir) {
        return launch(dir, new BackoffIdleStrategy(1, 1, 100_000, 1_000_000));
    }

    /** A driver for one UDP partition: its thread sends and receives, so it parks at most 20 us. */
    private static MediaDriver launchUdpDriver(Path dir) {
        return launch(dir, new BackoffIdleStrategy(10, 20, 1_000, 20_000));
    }

    private static MediaDriver launch(Path dir, BackoffIdleStrategy idle) {
        MediaDriver.Context ctx = new MediaDriver.Context().aeronDirectoryName(dir.toString()).dirDeleteOnStart(true)
                .dirDeleteOnShutdown(true).threadingMode(ThreadingMode.SHARED).termBufferSparseFile(true)
                .sharedIdleStrategy(idle);
        return MediaDriver.launch(ctx);
    }

    /**
     * Aeron IPC between partitions of one machine, through the media driver at {@code aeronDir}.
     *
     * @param me this partition
     * @param count partitions
     * @param aeronDir directory of the shared media driver
     * @param ownDriver a driver this wire closes when it closes (the coordinator's), or null
     * @return the wire
     */
    public static AeronWire ipc(int me, int count, Path aeronDir, MediaDriver ownDriver) {
        String[] channels = new String[count];
        int[] streams = new int[count];
        for (int q = 0; q < count; q++) {
            channels[q] = "aeron:ipc?" + TERM;
            streams[q] = STREAM_BASE + q;
        }
        return new AeronWire(ownDriver, aeronDir.toString(), me, channels, streams);
    }

    /**
     * Aeron UDP: this partition listens on its endpoint and sends to the others'; it runs its own media driver.
     *
     * @param me this partition
     * @param endpoints every partition's host and port, in partition order
     * @param driverDir directory for this process's media driver
     * @return the wire
     */
    public static AeronWire udp(int me, List<InetSocketAddress> endpoints, Path driverDir) {
        int count = endpoints.size();
        String[] channels = new String[count];
        int[] streams = new int[count];
        for (int q = 0; q < count; q++) {
            InetSocketAddress a = endpoints.get(q);
            channels[q] = "aeron:udp?endpoint=" + a.getHostString() + ":" + a.getPort() + "|" + TERM;
            streams[q] = STREAM_BASE;
        }
        MediaDriver d = launchUdpDriver(driverDir);
        return new AeronWire(d, d.aeronDirectoryName(), me, channels, streams);
    }

    @Override
    public boolean offer(int partition, DirectBuffer buffer, int offset, int length) {
        long r;
        try {
            r = pubs[partition].offer(buffer, offset, length);
        } catch (AeronException e) {
            throw new PartitionException("the Aeron transport of partition " + me + " failed: " + e.getMessage());
        }
        if (r == Publication.CLOSED || r == Publication.MAX_POSITION_EXCEEDED) {
            throw new PartitionException("the Aeron stream from partition " + me + " to partition " + partition
                    + " is closed");
        }
        return r > 0;
    }

    @Override
    public int poll(Handler handler, int limit) {
        Throwable e = clientError;
        if (e != null) {
            throw new PartitionException("the Aeron client of partition " + me + " failed: "
                    + (e instanceof PartitionException ? e.getMessage() : rootMessage(e)));
        }
        current = handler;
        Integer session;
        while ((session = lostSessions.poll()) != null) {
            int q = sessionToPartition.get(session);
            if (q >= 0) {
                handler.onLost(q, "its Aeron stream went away");
            }
        }
        try {
            return sub.poll(assembler, limit);
        } catch (AeronException x) {
            throw new PartitionException("the Aeron transport of partition " + me + " failed: " + x.getMessage());
        }
    }

    @Override
    public int maxMessageLength() {
        int m = Integer.MAX_VALUE;
        for (ExclusivePublication p : pubs) {
            if (p != null) {
                m = Math.min(m, p.maxMessageLength());
            }
        }
        return m;
    }

    @Override
    public void close() {
        try {
            aeron.close();
        } finally {
            if (driver != null) {
                driver.close();
            }
        }
    }
}
