package org.spikemesh.cluster.hz;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * A member that joins a running sweep and takes points until the sweep's own members have left, then leaves.
 */
public final class Worker {
    private final HazelcastInstance member;

    private Worker(HazelcastInstance member) {
        this.member = member;
    }

    /**
     * Joins a sweep's cluster.
     *
     * @param cluster the sweep's cluster name (printed by spikemesh sweep)
     * @param join host:port of the sweep's members
     * @param port port to listen on (0: any free port)
     * @param threads points run at once here
     * @return the worker, a member of the sweep
     */
    public static Worker join(String cluster, List<String> join, int port, int threads) {
        HazelcastInstance m = Members.start(cluster, port, join, threads, true);
        if (sweepMembers(m) == 0) {
            m.getLifecycleService().terminate();
            throw new IllegalStateException("no sweep '" + cluster + "' answered at " + String.join(",", join)
                    + "; start spikemesh sweep first and give the address and cluster name it prints");
        }
        return new Worker(m);
    }

    private static long sweepMembers(HazelcastInstance m) {
        return m.getCluster().getMembers().stream()
                .filter(x -> !"true".equals(x.getAttribute(Members.WORKER))).count();
    }

    /** @return this member's address */
    public String address() {
        return Members.address(member);
    }

    /** Takes points until the sweep's members have left (or this member is stopped), then leaves. */
    public void awaitSweepEnd() {
        while (member.getLifecycleService().isRunning() && sweepMembers(member) > 0) {
            LockSupport.parkNanos(200_000_000L);
            if (Thread.currentThread().isInterrupted()) {
                break;
            }
        }
        stop();
    }

    /** Leaves the cluster at once; points running here are re-run by the sweep. */
    public void stop() {
        member.getLifecycleService().terminate();
    }

    /** @return the member list as seen from here */
    public List<Member> members() {
        return List.copyOf(member.getCluster().getMembers());
    }
}
