package org.spikemesh.process;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A process as in Lava: named Vars and ports, run by a backend. A process with children is hierarchical: its ports
 * forward to its children's ports and it is flattened away before running ({@link ProcessGraph#of}).
 */
public abstract class Process {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_\\-]*");

    private final String localName;
    private Process parent;
    private final Map<String, Var> vars = new LinkedHashMap<>();
    private final Map<String, InPort> inPorts = new LinkedHashMap<>();
    private final Map<String, OutPort> outPorts = new LinkedHashMap<>();
    private final Map<String, RefPort> refPorts = new LinkedHashMap<>();
    private final List<Process> children = new ArrayList<>();

    /** @param name unique name (letters, digits, '_' and '-') */
    protected Process(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new ModelException("invalid process name '" + name + "': use letters, digits, '_' or '-', not starting with a digit");
        }
        this.localName = name;
    }

    /** @return the process type as written in network files, e.g. {@code LIF} */
    public abstract String type();

    /** @return the name, qualified by the parents' names with '/' for processes inside hierarchical ones */
    public final String name() {
        return parent == null ? localName : parent.name() + "/" + localName;
    }

    /** @return the name within the parent */
    public final String localName() {
        return localName;
    }

    /** @return the enclosing hierarchical process or null */
    public final Process parent() {
        return parent;
    }

    /** @return child processes (empty for a leaf) */
    public final List<Process> children() {
        return Collections.unmodifiableList(children);
    }

    /** @return true when built from sub-processes */
    public final boolean isHierarchical() {
        return !children.isEmpty();
    }

    /**
     * Adds a child process (makes this process hierarchical).
     *
     * @param child a process without a parent
     * @param <P> its type
     * @return the child
     */
    protected final <P extends Process> P addChild(P newChild) {
        Process child = newChild;
        if (child.parent != null) {
            throw ModelException.of(child.name(), null, "already belongs to " + child.parent.name());
        }
        for (Process c : children) {
            if (c.localName.equals(child.localName)) {
                throw ModelException.of(name(), null, "has two children named '" + child.localName + "'");
            }
        }
        child.parent = this;
        children.add(child);
        return newChild;
    }

    /**
     * Declares a Var.
     *
     * @param name name
     * @param shape shape
     * @param integer integer-valued
     * @param init initial values (one scalar broadcasts)
     * @return the Var
     */
    protected final Var addVar(String name, int[] shape, boolean integer, double... init) {
        return register(new Var(this, name, shape, integer, init));
    }

    /**
     * A Var from values already packed (a large network's weights, built without an array of doubles).
     *
     * @param name name
     * @param shape shape
     * @param integer integer-valued
     * @param init initial values, as many as the shape holds
     * @return the Var
     */
    protected final Var addVar(String name, int[] shape, boolean integer, Values init) {
        return register(new Var(this, name, shape, integer, init));
    }

    private Var register(Var v) {
        if (vars.putIfAbsent(v.name(), v) != null) {
            throw ModelException.of(name(), v.name(), "declared twice");
        }
        return v;
    }

    /**
     * @param name port name
     * @param shape shape
     * @param kind what it carries
     * @return the port
     */
    protected final InPort addInPort(String name, int[] shape, Port.Kind kind) {
        InPort p = new InPort(this, name, shape, kind);
        inPorts.put(name, p);
        return p;
    }

    /**
     * @param name port name
     * @param shape shape
     * @param kind what it carries
     * @return the port
     */
    protected final OutPort addOutPort(String name, int[] shape, Port.Kind kind) {
        OutPort p = new OutPort(this, name, shape, kind);
        outPorts.put(name, p);
        return p;
    }

    /**
     * @param name port name
     * @param shape shape of the referenced Var
     * @return the port
     */
    protected final RefPort addRefPort(String name, int[] shape) {
        RefPort p = new RefPort(this, name, shape);
        refPorts.put(name, p);
        return p;
    }

    /** @return Vars by name, in declaration order */
    public final Map<String, Var> vars() {
        return Collections.unmodifiableMap(vars);
    }

    /**
     * @param name a Var name
     * @return the Var
     * @throws ModelException naming the Vars that exist
     */
    public final Var var(String name) {
        Var v = vars.get(name);
        if (v == null) {
            throw ModelException.of(name(), name, "no such variable; " + type() + " has " + vars.keySet());
        }
        return v;
    }

    /** @return InPorts by name */
    public final Map<String, InPort> inPorts() {
        return Collections.unmodifiableMap(inPorts);
    }

    /** @return OutPorts by name */
    public final Map<String, OutPort> outPorts() {
        return Collections.unmodifiableMap(outPorts);
    }

    /** @return RefPorts by name */
    public final Map<String, RefPort> refPorts() {
        return Collections.unmodifiableMap(refPorts);
    }

    /**
     * @param name port name
     * @return the InPort
     */
    public final InPort inPort(String name) {
        InPort p = inPorts.get(name);
        if (p == null) {
            throw ModelException.of(name(), name, "no such input port; " + type() + " has " + inPorts.keySet());
        }
        return p;
    }

    /**
     * @param name port name
     * @return the OutPort
     */
    public final OutPort outPort(String name) {
        OutPort p = outPorts.get(name);
        if (p == null) {
            throw ModelException.of(name(), name, "no such output port; " + type() + " has " + outPorts.keySet());
        }
        return p;
    }

    /**
     * A delay element sends, at step t, what it computed from its inputs at step t-1 (Lava's Dense), so it breaks
     * dependency cycles within a step.
     *
     * @return true for synapse processes
     */
    public boolean isDelayElement() {
        return false;
    }

    /**
     * Checks the parameters against the ranges the given arithmetic can represent.
     *
     * @param model the arithmetic the process will run with
     */
    public void validate(NumericModel model) {
    }

    @Override
    public String toString() {
        return type() + "(" + name() + ")";
    }
}
