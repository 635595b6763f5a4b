package org.spikemesh.cluster.hz;

import com.hazelcast.core.HazelcastInstance;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.spikemesh.cluster.sweep.PointJob;
import org.spikemesh.cluster.sweep.PointRunner;

/**
 * Runs points on an embedded Hazelcast cluster: starts K members in this JVM (the first one coordinates), lets
 * workers join, and terminates its members on close, which always returns at once.
 */
public final class HazelcastRunner implements PointRunner {
    private final List<HazelcastInstance> members;
    private int rerun;

    private HazelcastRunner(List<HazelcastInstance> members) {
        this.members = members;
    }

    /**
     * @param cluster cluster name, unique per sweep
     * @param port port of the first member (0: any free port)
     * @param count members to start in this JVM, at least 1
     * @param threads points run at once on each member
     * @return the runner with its members up
     */
    public static HazelcastRunner start(String cluster, int port, int count, int threads) {
        List<HazelcastInstance> ms = new ArrayList<>();
        try {
            ms.add(Members.start(cluster, port, List.of(), threads, false));
            String first = Members.address(ms.get(0));
            for (int k = 1; k < count; k++) {
                ms.add(Members.start(cluster, 0, List.of(first), threads, false));
            }
        } catch (RuntimeException e) {
            ms.forEach(m -> m.getLifecycleService().terminate());
            throw new IllegalStateException("cannot start the sweep's cluster members: " + e.getMessage(), e);
        }
        return new HazelcastRunner(ms);
    }

    /** @return the members started here; the first coordinates */
    public List<HazelcastInstance> members() {
        return List.copyOf(members);
    }

    /**
     * Reports members joining and leaving the cluster (workers, or members started here) as one line each.
     *
     * @param log where the lines go
     */
    public void logMembership(java.util.function.Consumer<String> log) {
        members.get(0).getCluster().addMembershipListener(new com.hazelcast.cluster.MembershipListener() {
            @Override
            public void memberAdded(com.hazelcast.cluster.MembershipEvent e) {
                log.accept("member " + hostPort(e.getMember()) + " joined (" + e.getMembers().size()
                        + " members)");
            }

            @Override
            public void memberRemoved(com.hazelcast.cluster.MembershipEvent e) {
                log.accept("member " + hostPort(e.getMember()) + " left (" + e.getMembers().size()
                        + " members); its unfinished points run again elsewhere");
            }
        });
    }

    private static String hostPort(com.hazelcast.cluster.Member m) {
        return m.getAddress().getHost() + ":" + m.getAddress().getPort();
    }

    /** @return host:port that workers join */
    public String address() {
        return Members.address(members.get(0));
    }

    /** @return points run again because their member left, over every run so far */
    public int rerun() {
        return rerun;
    }

    @Override
    public void run(List<PointJob> jobs, BiConsumer<PointJob, String> sink) {
        Dispatcher d = new Dispatcher(members.get(0));
        try {
            d.run(jobs, sink);
        } finally {
            rerun += d.rerun();
        }
    }

    @Override
    public void close() {
        for (int k = members.size() - 1; k >= 0; k--) {
            members.get(k).getLifecycleService().terminate();
        }
    }
}
