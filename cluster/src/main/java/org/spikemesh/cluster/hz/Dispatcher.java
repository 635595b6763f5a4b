package org.spikemesh.cluster.hz;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.ExecutionCallback;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.core.IExecutorService;
import com.hazelcast.core.MemberLeftException;
import com.hazelcast.spi.exception.TargetNotMemberException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.spikemesh.cluster.sweep.PointJob;

/**
 * Hands points to members, each up to its thread count plus one, always to the member with the most free room (so a
 * worker that joins mid-sweep gets work at once). A point whose member leaves, whether its future reports it or the
 * member is simply gone from the member list, goes back to the queue and runs elsewhere; a point's result counts
 * once, whichever copy answers first.
 */
final class Dispatcher {
    private record Done(int index, UUID member, String result, Throwable error) {
    }

    private final HazelcastInstance local;
    private final IExecutorService executor;
    private final BlockingQueue<Done> done = new LinkedBlockingQueue<>();
    private final Map<Integer, PointJob> jobs = new HashMap<>();
    private final Set<Integer> pending = new java.util.LinkedHashSet<>();
    private final Map<Integer, UUID> flight = new LinkedHashMap<>();
    private final Set<Integer> completed = new HashSet<>();
    private int rerun;

    Dispatcher(HazelcastInstance local) {
        this.local = local;
        this.executor = local.getExecutorService(Members.EXECUTOR);
    }

    /** @return points run again because their member left */
    int rerun() {
        return rerun;
    }

    void run(List<PointJob> all, BiConsumer<PointJob, String> sink) {
        for (PointJob j : all) {
            jobs.put(j.index(), j);
            pending.add(j.index());
        }
        while (completed.size() < jobs.size()) {
            Map<UUID, Member> members = members();
            requeueLost(members);
            fill(members);
            Done d = poll();
            if (d != null) {
                handle(d, sink);
            }
        }
    }

    private Map<UUID, Member> members() {
        if (!local.getLifecycleService().isRunning()) {
            throw new IllegalStateException("the sweep's own cluster member stopped");
        }
        Map<UUID, Member> m = new LinkedHashMap<>();
        for (Member x : local.getCluster().getMembers()) {
            m.put(x.getUuid(), x);
        }
        return m;
    }

    private void requeueLost(Map<UUID, Member> members) {
        var it = flight.entrySet().iterator();
        while (it.hasNext()) {
            var e = it.next();
            if (!members.containsKey(e.getValue())) {
                it.remove();
                pending.add(e.getKey());
                rerun++;
            }
        }
    }

    private void fill(Map<UUID, Member> members) {
        Map<UUID, Integer> busy = new HashMap<>();
        flight.values().forEach(u -> busy.merge(u, 1, Integer::sum));
        var it = pending.iterator();
        while (it.hasNext()) {
            Member best = null;
            int room = 0;
            for (Member m : members.values()) {
                int r = capacity(m) - busy.getOrDefault(m.getUuid(), 0);
                if (r > room) {
                    room = r;
                    best = m;
                }
            }
            if (best == null) {
                return;
            }
            int index = it.next();
            it.remove();
            flight.put(index, best.getUuid());
            busy.merge(best.getUuid(), 1, Integer::sum);
            submit(jobs.get(index), best);
        }
    }

    private static int capacity(Member m) {
        String t = m.getAttribute(Members.THREADS);
        return (t == null ? 1 : Integer.parseInt(t)) + 1;
    }

    private void submit(PointJob job, Member m) {
        UUID u = m.getUuid();
        executor.submitToMember(new PointTask(job.toJson()), m, new ExecutionCallback<String>() {
            @Override
            public void onResponse(String response) {
                done.add(new Done(job.index(), u, response, null));
            }

            @Override
            public void onFailure(Throwable t) {
                done.add(new Done(job.index(), u, null, t));
            }
        });
    }

    private Done poll() {
        try {
            return done.poll(250, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the sweep was interrupted", e);
        }
    }

    private void handle(Done d, BiConsumer<PointJob, String> sink) {
        if (completed.contains(d.index())) {
            return;
        }
        boolean current = d.member().equals(flight.get(d.index()));
        if (d.error() == null) {
            completed.add(d.index());
            flight.remove(d.index());
            pending.remove(d.index());
            sink.accept(jobs.get(d.index()), d.result());
        } else if (current && memberLost(d)) {
            flight.remove(d.index());
            pending.add(d.index());
            rerun++;
        } else if (current) {
            PointJob j = jobs.get(d.index());
            throw new IllegalStateException("point " + j.index() + " " + j.params() + " failed on member " + d.member()
                    + ": " + message(d.error()), d.error());
        }
    }

    private boolean memberLost(Done d) {
        Throwable t = d.error();
        if (t instanceof MemberLeftException || t instanceof TargetNotMemberException) {
            return true;
        }
        if (t instanceof HazelcastInstanceNotActiveException && local.getLifecycleService().isRunning()) {
            return true;
        }
        return local.getCluster().getMembers().stream().noneMatch(m -> m.getUuid().equals(d.member()));
    }

    private static String message(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
    }
}
