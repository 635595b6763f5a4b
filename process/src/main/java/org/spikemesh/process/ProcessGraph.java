package org.spikemesh.process;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The flattened network: leaf processes and the connections between their ports, with hierarchical processes
 * resolved away. Built from any process of the network (everything connected to it is found), as Lava compiles
 * from the process that {@code run} is called on.
 */
public final class ProcessGraph {
    private final List<Process> leaves;
    private final List<Connection> connections;
    private final Map<String, Process> byName;
    private final String source;

    private ProcessGraph(List<Process> leaves, List<Connection> connections, String source) {
        this.leaves = List.copyOf(leaves);
        this.connections = List.copyOf(connections);
        this.source = source;
        Map<String, Process> m = new LinkedHashMap<>();
        for (Process p : leaves) {
            if (m.put(p.name(), p) != null) {
                throw new ModelException("two processes are named '" + p.name() + "'; names must be unique");
            }
        }
        this.byName = Collections.unmodifiableMap(m);
    }

    /**
     * Flattens the network that contains the given processes.
     *
     * @param roots processes of the network (others connected to them are found)
     * @return the graph
     */
    public static ProcessGraph of(Process... roots) {
        return of(List.of(roots), null);
    }

    /**
     * Flattens the network that contains the given processes.
     *
     * @param roots processes of the network in a preferred order
     * @param source where the network came from (a file name) for messages, or null
     * @return the graph
     */
    public static ProcessGraph of(List<? extends Process> roots, String source) {
        Set<Process> all = discover(roots);
        List<Process> leaves = new ArrayList<>();
        for (Process p : all) {
            if (!p.isHierarchical()) {
                leaves.add(p);
            }
        }
        List<Connection> conns = new ArrayList<>();
        for (Process p : leaves) {
            for (OutPort o : p.outPorts().values()) {
                Set<InPort> targets = new LinkedHashSet<>();
                for (OutPort cur = o; cur != null; cur = cur.parentAlias()) {
                    for (InPort in : cur.targets()) {
                        resolveTargets(in, targets);
                    }
                }
                for (InPort in : targets) {
                    conns.add(new Connection(o, in));
                }
            }
        }
        return new ProcessGraph(leaves, conns, source);
    }

    private static void resolveTargets(InPort in, Set<InPort> out) {
        if (!in.owner().isHierarchical()) {
            out.add(in);
            return;
        }
        for (InPort f : in.forwards()) {
            resolveTargets(f, out);
        }
    }

    private static Set<Process> discover(List<? extends Process> roots) {
        Set<Process> seen = new LinkedHashSet<>();
        Deque<Process> todo = new ArrayDeque<>();
        for (Process r : roots) {
            Process top = r;
            while (top.parent() != null) {
                top = top.parent();
            }
            visitTree(top, seen, todo);
        }
        while (!todo.isEmpty()) {
            Process p = todo.poll();
            List<Process> neighbours = new ArrayList<>();
            for (OutPort o : p.outPorts().values()) {
                o.targets().forEach(t -> neighbours.add(t.owner()));
            }
            for (InPort i : p.inPorts().values()) {
                i.sources().forEach(s -> neighbours.add(s.owner()));
            }
            for (RefPort r : p.refPorts().values()) {
                if (r.target() != null) {
                    neighbours.add(r.target().var().owner());
                }
            }
            for (Process n : neighbours) {
                Process top = n;
                while (top.parent() != null) {
                    top = top.parent();
                }
                visitTree(top, seen, todo);
            }
        }
        return seen;
    }

    private static void visitTree(Process p, Set<Process> seen, Deque<Process> todo) {
        if (!seen.add(p)) {
            return;
        }
        todo.add(p);
        for (Process c : p.children()) {
            visitTree(c, seen, todo);
        }
    }

    /** @return leaf processes, in network order */
    public List<Process> processes() {
        return leaves;
    }

    /** @return connections between leaf ports */
    public List<Connection> connections() {
        return connections;
    }

    /** @return where the network came from, or null */
    public String source() {
        return source;
    }

    /**
     * @param name a (qualified) process name
     * @return the process
     * @throws ModelException naming the processes that exist
     */
    public Process process(String name) {
        Process p = byName.get(name);
        if (p == null) {
            throw new ModelException((source == null ? "" : source + ": ") + "no process named '" + name
                    + "'; the network has " + byName.keySet());
        }
        return p;
    }

    /**
     * Resolves {@code process.var}.
     *
     * @param qualified e.g. {@code lif1.v}
     * @return the Var
     */
    public Var var(String qualified) {
        int dot = qualified.lastIndexOf('.');
        if (dot <= 0) {
            throw new ModelException("'" + qualified + "' is not PROCESS.VAR (e.g. lif1.v)");
        }
        return process(qualified.substring(0, dot)).var(qualified.substring(dot + 1));
    }

    /**
     * @param p a leaf process
     * @return connections into any InPort of p
     */
    public List<Connection> inputsOf(Process p) {
        List<Connection> r = new ArrayList<>();
        for (Connection c : connections) {
            if (c.to().owner() == p) {
                r.add(c);
            }
        }
        return r;
    }

    /**
     * Validates every process for the given arithmetic.
     *
     * @param model the arithmetic
     * @throws ModelException naming the network's file first when it came from one ({@link #source()}), then the
     *         process, the field and what would be valid
     */
    public void validate(NumericModel model) {
        try {
            for (Process p : leaves) {
                p.validate(model);
            }
            schedule();
        } catch (ModelException e) {
            throw source == null || e.getMessage().startsWith(source) ? e
                    : new ModelException(source + ": " + e.getMessage());
        }
    }

    /**
     * Orders the processes that act within a step (everything but delay elements) so that each runs after the
     * processes feeding it.
     *
     * @return non-delay leaf processes in dependency order
     * @throws ModelException naming a cycle that has no delay element
     */
    public List<Process> schedule() {
        Map<Process, List<Process>> next = new HashMap<>();
        Map<Process, Integer> indeg = new LinkedHashMap<>();
        for (Process p : leaves) {
            if (!p.isDelayElement()) {
                indeg.put(p, 0);
                next.put(p, new ArrayList<>());
            }
        }
        for (Connection c : connections) {
            Process a = c.from().owner();
            Process b = c.to().owner();
            if (indeg.containsKey(a) && indeg.containsKey(b)) {
                next.get(a).add(b);
                indeg.merge(b, 1, Integer::sum);
            }
        }
        List<Process> order = new ArrayList<>();
        Deque<Process> ready = new ArrayDeque<>();
        indeg.forEach((p, d) -> {
            if (d == 0) {
                ready.add(p);
            }
        });
        while (!ready.isEmpty()) {
            Process p = ready.poll();
            order.add(p);
            for (Process n : next.get(p)) {
                if (indeg.merge(n, -1, Integer::sum) == 0) {
                    ready.add(n);
                }
            }
        }
        if (order.size() < indeg.size()) {
            Set<Process> inCycle = new HashSet<>(indeg.keySet());
            order.forEach(inCycle::remove);
            List<String> names = new ArrayList<>();
            for (Process p : leaves) {
                if (inCycle.contains(p)) {
                    names.add(p.name());
                }
            }
            throw new ModelException((source == null ? "" : source + ": ") + "cycle with no delay through processes "
                    + names + "; every loop needs a Dense, Sparse or DelayDense (one-step synaptic delay)");
        }
        return order;
    }
}
