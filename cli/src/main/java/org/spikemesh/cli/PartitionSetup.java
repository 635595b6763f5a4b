package org.spikemesh.cli;

import io.aeron.driver.MediaDriver;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.spikemesh.cluster.multichip.AeronWire;
import org.spikemesh.cluster.multichip.Transport;
import org.agrona.DirectBuffer;
import org.spikemesh.simulator.chip.PartitionWire;

/**
 * The processes of a partitioned {@code spikemesh run}: the coordinator (partition 0) opens the Aeron transport,
 * starts the follower JVMs on this machine with the same arguments (unless {@code --endpoints} says every partition
 * is started by hand), watches them, and ends the run naming a follower whose process exits; a follower joins the
 * transport and serves the coordinator's steps.
 */
final class PartitionSetup implements AutoCloseable {
    private final PartitionWire wire;
    private final List<Process> children = new ArrayList<>();
    private volatile boolean closing;
    private boolean closed;

    /** per follower started here: why its process ended, once it has. */
    private final String[] exited;
    /** what the followers started here write on their standard error. */
    private final FollowerErrors errors = new FollowerErrors();
    /** the commands of the followers to start here, until {@link #startFollowers} starts them (empty after). */
    private final List<List<String>> toStart = new ArrayList<>();

    private PartitionSetup(PartitionWire wire, int count) {
        this.wire = wire;
        this.exited = new String[count];
    }

    /**
     * @return the transport to the other partitions; it also reports a follower started here whose process exits, as
     *         a lost partition (which ends the run unless it is closing)
     */
    PartitionWire wire() {
        return new PartitionWire() {
            @Override
            public boolean offer(int partition, DirectBuffer buffer, int offset, int length) {
                return wire.offer(partition, buffer, offset, length);
            }

            @Override
            public int poll(Handler handler, int limit) {
                for (int q = 0; q < exited.length; q++) {
                    if (exited[q] != null) {
                        String why = exited[q];
                        exited[q] = null;
                        handler.onLost(q, why);
                    }
                }
                return wire.poll(handler, limit);
            }

            @Override
            public int maxMessageLength() {
                return wire.maxMessageLength();
            }

            @Override
            public String processOf(int partition) {
                return describeFollower(partition);
            }

            @Override
            public void close() {
                PartitionSetup.this.close();
            }
        };
    }

    /**
     * @return what became of the process of follower q if this setup started it: exited with its code, alive but
     *         stopped (a SIGSTOP or Ctrl-Z, read from /proc where there is one), or alive; else null
     */
    String describeFollower(int q) {
        if (q < 1 || q > children.size()) {
            return null;
        }
        Process p = children.get(q - 1);
        if (!p.isAlive()) {
            return "its process " + p.pid() + ", started here, exited with code " + p.exitValue();
        }
        return "its process " + p.pid() + ", started here, is alive" + (isStopped(p.pid()) ? " but stopped (by a"
                + " SIGSTOP or Ctrl-Z; kill -CONT " + p.pid() + " resumes it)" : " and has not joined");
    }

    /** @return whether /proc says the process is stopped (state T); false where there is no /proc */
    static boolean isStopped(long pid) {
        try {
            String stat = java.nio.file.Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // pid (command) state ...: the command may hold spaces and parentheses, the state follows the last ')'
            int close = stat.lastIndexOf(')');
            return close > 0 && close + 2 < stat.length() && stat.charAt(close + 2) == 'T';
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Notes the exit of follower q's process, for {@link #wire()} to report. */
    private void watch(Process p, int q) {
        Thread t = new Thread(() -> {
            try {
                int code = p.waitFor();
                if (!closing) {
                    exited[q] = "its process " + p.pid() + " exited with code " + code;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "spikemesh-partition-watch-" + q);
        t.setDaemon(true);
        t.start();
    }

    /**
     * After {@link #close}: writes what the followers started here wrote on their standard error, each line once,
     * leaving out the lines that only repeat the coordinator's own error (see {@link FollowerErrors}).
     *
     * @param err where to write
     * @param own the coordinator's own error message, or null when it ended well
     */
    void relayFollowerErrors(java.io.PrintWriter err, String own) {
        errors.relay(err, own);
    }

    /**
     * Partition 0: opens the transport and, unless endpoints were given, gets partitions 1..count-1 ready to start
     * here ({@link #startFollowers}).
     *
     * @param count partitions
     * @param transport ipc or udp
     * @param endpoints every partition's HOST:PORT for UDP across machines (empty: all on this machine)
     * @param args this command's arguments, passed on to the followers
     */
    static PartitionSetup coordinator(int count, Transport transport, List<String> endpoints, List<String> args)
            throws IOException {
        boolean spawn = endpoints.isEmpty();
        if (!spawn && transport == Transport.IPC) {
            throw new IllegalArgumentException("--endpoints is for --transport udp; IPC partitions share this machine"
                    + " and are started by the coordinator");
        }
        List<InetSocketAddress> eps = spawn ? freeLoopbackPorts(count) : parse(endpoints, count);
        Path dir = driverDir();
        PartitionSetup setup;
        if (transport == Transport.IPC) {
            MediaDriver driver = AeronWire.launchDriver(dir);
            setup = new PartitionSetup(AeronWire.ipc(0, count, dir, driver), count);
        } else {
            setup = new PartitionSetup(AeronWire.udp(0, eps, dir), count);
        }
        if (spawn) {
            for (int q = 1; q < count; q++) {
                List<String> cmd = javaCommand();
                cmd.addAll(args);
                if (!args.contains("--quiet") && !args.contains("-q")) {
                    cmd.add("--quiet");
                }
                cmd.addAll(List.of("--partition-index", Integer.toString(q)));
                if (transport == Transport.IPC) {
                    cmd.addAll(List.of("--aeron-dir", dir.toString()));
                } else {
                    cmd.add("--endpoints");
                    cmd.add(join(eps));
                }
                setup.toStart.add(cmd);
            }
        }
        return setup;
    }

    /**
     * Starts the followers of this machine, once the coordinator has checked that the split can be made (its program
     * has at least as many cores as partitions): a mistaken --partitions 100 started 99 JVMs first, which each
     * loaded and compiled the network before the coordinator, slowed by them, could say so. Does nothing the second
     * time, or when every partition is started by hand.
     *
     * @throws IOException when a process cannot be started
     */
    void startFollowers() throws IOException {
        for (int k = 0; k < toStart.size(); k++) {
            ProcessBuilder pb = new ProcessBuilder(toStart.get(k)).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.PIPE);
            // the follower ignores Ctrl-C and TERM sent to the whole process group: this coordinator ends it
            pb.environment().put(FollowerSignals.STARTED_BY, Long.toString(ProcessHandle.current().pid()));
            Process child = pb.start();
            children.add(child);
            watch(child, k + 1);
            errors.read(child, k + 1);
        }
        toStart.clear();
    }

    /** @return how many follower processes this setup has started */
    int started() {
        return children.size();
    }

    /**
     * Partition 1 or more: joins the coordinator's transport.
     *
     * @param index this partition
     * @param count partitions
     * @param transport ipc or udp
     * @param endpoints HOST:PORT of every partition (udp)
     * @param aeronDir the coordinator's media driver (ipc)
     */
    static PartitionSetup follower(int index, int count, Transport transport, List<String> endpoints, Path aeronDir)
            throws IOException {
        if (transport == Transport.IPC) {
            if (aeronDir == null) {
                throw new IllegalArgumentException("an IPC follower needs --aeron-dir, the coordinator's media driver"
                        + " directory; the coordinator passes it when it starts the followers");
            }
            return new PartitionSetup(AeronWire.ipc(index, count, aeronDir, null), count);
        }
        Path dir = driverDir();
        return new PartitionSetup(AeronWire.udp(index, parse(endpoints, count), dir), count);
    }

    /**
     * how long {@link #close} waits for each follower to exit before it kills it: 10 s after a run that ended well
     * (a follower finishes its last step and exits), 2 s after a failed one (they were told, and exit at once; a
     * stopped one never does, and held the error 10 s).
     */
    private long exitWaitMillis = 10_000;

    /** The run failed: {@link #close} gives the followers 2 s to exit, not 10. */
    void failed() {
        exitWaitMillis = 2_000;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        closing = true;
        for (Process p : children) {
            try {
                if (!p.waitFor(exitWaitMillis, TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        wire.close();
    }

    /** A fresh media driver directory: in /dev/shm where there is one (as Aeron does), else in the temp dir. */
    private static Path driverDir() {
        Path shm = Path.of("/dev/shm");
        Path base = java.nio.file.Files.isDirectory(shm) && java.nio.file.Files.isWritable(shm) ? shm
                : Path.of(System.getProperty("java.io.tmpdir"));
        deleteStaleDrivers(base, System.currentTimeMillis() - STALE_MILLIS);
        return base.resolve("spikemesh-aeron-" + UUID.randomUUID());
    }

    /** how old a driver directory must be before it may be taken for one a killed run left. */
    static final long STALE_MILLIS = 60_000;

    /**
     * Deletes the media driver directories that runs killed with -9 left (47 MB each in /dev/shm, which nothing
     * else cleans): those named as this class names them, last changed before {@code olderThan}, whose driver has not
     * written its heartbeat for 10 s (Aeron's own test of a live driver).
     *
     * @return how many were deleted
     */
    static int deleteStaleDrivers(Path base, long olderThan) {
        int deleted = 0;
        try (java.util.stream.Stream<Path> all = java.nio.file.Files.list(base)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                if (p.getFileName().toString().startsWith("spikemesh-aeron-") && java.nio.file.Files.isDirectory(p)
                        && java.nio.file.Files.getLastModifiedTime(p).toMillis() < olderThan
                        && !io.aeron.CommonContext.isDriverActive(p.toFile(), 10_000, line -> { })) {
                    AtomicDirectory.deleteTree(p);
                    deleted++;
                }
            }
        } catch (IOException | RuntimeException e) {
            // cleaning is a courtesy: a directory that cannot be read or removed is left as it is
        }
        return deleted;
    }

    private static List<String> javaCommand() {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("--add-exports");
        cmd.add("java.base/jdk.internal.misc=ALL-UNNAMED");
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("-Xmx") || a.startsWith("-Dspikemesh.")) {
                cmd.add(a);
            }
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Main.class.getName());
        return cmd;
    }

    private static List<InetSocketAddress> freeLoopbackPorts(int count) throws IOException {
        List<InetSocketAddress> r = new ArrayList<>();
        List<DatagramSocket> held = new ArrayList<>();
        try {
            for (int q = 0; q < count; q++) {
                DatagramSocket s = new DatagramSocket(0);
                held.add(s);
                r.add(new InetSocketAddress("127.0.0.1", s.getLocalPort()));
            }
        } finally {
            held.forEach(DatagramSocket::close);
        }
        return r;
    }

    private static List<InetSocketAddress> parse(List<String> endpoints, int count) {
        if (endpoints.size() != count) {
            throw new IllegalArgumentException("--endpoints names " + endpoints.size() + " partition(s) but"
                    + " --partitions is " + count + ": give one HOST:PORT per partition, partition 0 first");
        }
        List<InetSocketAddress> r = new ArrayList<>();
        for (String e : endpoints) {
            int colon = e.lastIndexOf(':');
            int port = -1;
            try {
                port = colon > 0 ? Integer.parseInt(e.substring(colon + 1)) : -1;
            } catch (NumberFormatException x) {
                port = -1;
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("--endpoints entry '" + e + "' is not HOST:PORT with a port in"
                        + " 1..65535");
            }
            r.add(InetSocketAddress.createUnresolved(e.substring(0, colon), port));
        }
        return r;
    }

    private static String join(List<InetSocketAddress> eps) {
        StringBuilder b = new StringBuilder();
        for (InetSocketAddress a : eps) {
            b.append(b.length() == 0 ? "" : ",").append(a.getHostString()).append(':').append(a.getPort());
        }
        return b.toString();
    }
}
