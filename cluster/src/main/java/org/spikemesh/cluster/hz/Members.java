package org.spikemesh.cluster.hz;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;

/**
 * Starts embedded Hazelcast members for sweeps: loopback only (bound to 127.0.0.1, TCP/IP join to the given
 * addresses, no multicast or auto-detection), quiet, with no shutdown hook of their own, and a point executor of
 * the given size. The member's thread count is published as a member attribute for the dispatcher.
 */
public final class Members {
    /** Name of the executor that runs points. */
    public static final String EXECUTOR = "spikemesh-points";
    /** Member attribute: points the member runs at once. */
    public static final String THREADS = "spikemesh.threads";
    /** Member attribute: true on a member that only takes work (spikemesh worker). */
    public static final String WORKER = "spikemesh.worker";
    private static final String LOOPBACK = "127.0.0.1";
    /**
     * Hazelcast warns through java.util.logging before its own logging settings apply (e.g. that it lacks
     * --add-opens for some internals, which only costs speed); held here so the level set on it stays.
     */
    private static final java.util.logging.Logger JUL = java.util.logging.Logger.getLogger("com.hazelcast");

    private Members() {
    }

    /**
     * @param cluster cluster name (unique per sweep)
     * @param port port to listen on (the next free one above it if busy); 0 picks any free port
     * @param join addresses host:port of members to join; empty to start a cluster
     * @param threads points run at once on this member
     * @param worker true for a member that only takes work
     * @return the running member
     */
    public static HazelcastInstance start(String cluster, int port, List<String> join, int threads, boolean worker) {
        JUL.setLevel(java.util.logging.Level.SEVERE);
        int p = port == 0 ? freePort() : firstFreeFrom(port);
        return Hazelcast.newHazelcastInstance(config(cluster, p, join, threads, worker));
    }

    static Config config(String cluster, int port, List<String> join, int threads, boolean worker) {
        Config c = new Config();
        c.setClusterName(cluster);
        c.setProperty("hazelcast.logging.type", "none");
        c.setProperty("hazelcast.phone.home.enabled", "false");
        c.setProperty("hazelcast.shutdownhook.enabled", "false");
        c.setProperty("hazelcast.wait.seconds.before.join", "0");
        c.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        c.setProperty("hazelcast.max.no.heartbeat.seconds", "10");
        c.setProperty("hazelcast.partition.count", "23");
        c.setProperty("hazelcast.socket.bind.any", "false");
        NetworkConfig n = c.getNetworkConfig();
        n.setPort(port).setPortAutoIncrement(true).setPortCount(100);
        n.getInterfaces().setEnabled(true).addInterface(LOOPBACK);
        JoinConfig j = n.getJoin();
        j.getMulticastConfig().setEnabled(false);
        j.getAutoDetectionConfig().setEnabled(false);
        j.getTcpIpConfig().setEnabled(true).setConnectionTimeoutSeconds(3)
                .setMembers(join.isEmpty() ? List.of(LOOPBACK + ":" + port) : join);
        c.getExecutorConfig(EXECUTOR).setPoolSize(threads).setStatisticsEnabled(false);
        c.getMemberAttributeConfig().setAttribute(THREADS, Integer.toString(threads));
        c.getMemberAttributeConfig().setAttribute(WORKER, Boolean.toString(worker));
        return c;
    }

    /** The first port from p up that is free now, so the member's own address is the one its join list names. */
    private static int firstFreeFrom(int p) {
        for (int q = p; q < Math.min(65536, p + 100); q++) {
            try (ServerSocket s = new ServerSocket(q, 1, InetAddress.getByName(LOOPBACK))) {
                return s.getLocalPort();
            } catch (IOException busy) {
                // try the next one
            }
        }
        throw new IllegalStateException("ports " + p + ".." + (p + 99) + " on " + LOOPBACK + " are all taken; give"
                + " another --port");
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port on " + LOOPBACK + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param m a member
     * @return its address as host:port
     */
    public static String address(HazelcastInstance m) {
        var a = m.getCluster().getLocalMember().getAddress();
        return a.getHost() + ":" + a.getPort();
    }
}
