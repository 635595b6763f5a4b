#!/usr/bin/env python3
"""Checks with h5py, independently of spikemesh, that a file has the layout NIR (nir >= 1.0) reads.

Usage: check_nir.py graph FILE    a NIR graph, as nir.read reads it
       check_nir.py data FILE     a NIRGraphData file, as nir.read_data reads it
       check_nir.py write-events FILE NODE N_NEURONS T_MAX IDX,... TIME,...
                                  writes one node's spikes as nir.write_data does (variable-length strings)

Prints one line "ok: ..." and exits 0, or prints one line naming the file, the HDF5 path and the problem and
exits 1. Strings may be fixed- or variable-length (h5py gives bytes or str); both are accepted.
"""
import sys

import h5py
import numpy as np

# the parameters nir.read's read_node takes for each node type (v_reset is optional there)
PARAMS = {
    "Input": ["shape"], "Output": ["shape"],
    "Affine": ["weight", "bias"], "Linear": ["weight"], "Delay": ["delay"],
    "LIF": ["tau", "r", "v_leak", "v_threshold"], "LI": ["tau", "r", "v_leak"],
    "IF": ["r", "v_threshold"], "I": ["r"],
    "CubaLIF": ["tau_mem", "tau_syn", "r", "v_leak", "v_threshold", "w_in"],
    "CubaLI": ["tau_mem", "tau_syn", "r", "v_leak", "w_in"],
    "Scale": ["scale"], "Threshold": ["threshold"],
    "Conv1d": ["weight", "stride", "padding", "dilation", "groups", "bias"],
    "Conv2d": ["weight", "stride", "padding", "dilation", "groups", "bias"],
    "SumPool2d": ["kernel_size", "stride", "padding"], "AvgPool2d": ["kernel_size", "stride", "padding"],
    "Flatten": ["start_dim", "end_dim"],
}
NEURON_SHAPED = {"LIF", "LI", "IF", "I", "CubaLIF", "CubaLI"}


class Bad(Exception):
    pass


def text(x):
    x = x[()] if isinstance(x, h5py.Dataset) else x
    if isinstance(x, np.ndarray) and x.shape == ():
        x = x[()]
    if isinstance(x, (bytes, np.bytes_)):
        return x.decode("utf8")
    if isinstance(x, str):
        return x
    raise Bad(f"is {type(x).__name__}, not a string")


def need(group, key):
    if key not in group:
        raise Bad(f"{group.name}: has no '{key}' (it has {sorted(group.keys())})")
    return group[key]


def numeric(ds):
    if not isinstance(ds, h5py.Dataset) or ds.dtype.kind not in "fiu":
        raise Bad(f"{ds.name}: is not a numeric dataset")
    return ds[()]


def check_node(g, counts):
    t = text(need(g, "type"))
    counts[t] = counts.get(t, 0) + 1
    if t == "NIRGraph":
        check_graph(g, counts)
        return
    if t not in PARAMS:
        raise Bad(f"{g.name}: unknown node type '{t}'")
    values = {k: numeric(need(g, k)) for k in PARAMS[t]}
    if t in NEURON_SHAPED:
        shapes = {k: np.shape(v) for k, v in values.items()}
        if len(set(shapes.values())) != 1:
            raise Bad(f"{g.name}: parameters of one {t} have different shapes {shapes}")
    if t in ("Affine", "Linear") and np.ndim(values["weight"]) != 2:
        raise Bad(f"{g.name}/weight: must be [out, in], has shape {np.shape(values['weight'])}")
    if t == "Affine" and np.shape(values["bias"]) != (np.shape(values["weight"])[0],):
        raise Bad(f"{g.name}/bias: shape {np.shape(values['bias'])} does not match weight {np.shape(values['weight'])}")
    if t in ("Input", "Output") and g["shape"].dtype.kind not in "iu":
        raise Bad(f"{g.name}/shape: must be integers, is {g['shape'].dtype}")


def resolves(nodes, name):
    if name in nodes:
        return True
    head, _, rest = name.partition(".")
    return bool(rest) and head in nodes and "nodes" in nodes[head] and resolves(nodes[head]["nodes"], rest)


def check_graph(g, counts):
    nodes = need(g, "nodes")
    for name in nodes:
        check_node(nodes[name], counts)
    edges = need(g, "edges")
    if edges.ndim != 2 or edges.shape[1] != 2:
        raise Bad(f"{edges.name}: must be E x 2 node names, has shape {edges.shape}")
    for row in edges[()]:
        for end in row:
            name = text(end)
            if not resolves(nodes, name):
                raise Bad(f"{edges.name}: edge end '{name}' names no node of {g.name}")
    counts["edges"] = counts.get("edges", 0) + edges.shape[0]


def check_graph_file(f):
    version = text(need(f, "version"))
    node = need(f, "node")
    if text(need(node, "type")) != "NIRGraph":
        raise Bad("/node/type: is not NIRGraph")
    counts = {}
    check_graph(node, counts)
    return f"NIR {version}, " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))


def check_observable(g):
    typ = text(g.attrs["__type__"])
    if typ == "TimeGriddedData":
        float(g.attrs["dt"])
        numeric(need(g, "data"))
        return 0
    if typ not in ("EventData", "ValuedEventData"):
        raise Bad(f"{g.name}: unknown observable type '{typ}'")
    idx = numeric(need(g, "idx"))
    time = numeric(need(g, "time"))
    n = int(g.attrs["n_neurons"])
    t_max = float(g.attrs["t_max"])
    if np.shape(idx) != np.shape(time):
        raise Bad(f"{g.name}: idx {np.shape(idx)} and time {np.shape(time)} differ in shape")
    real = idx != -1  # nir pads with idx -1, time inf
    idx, time = idx[real], time[real]
    if np.size(idx) and (np.min(idx) < 0 or np.max(idx) >= n):
        raise Bad(f"{g.name}/idx: indices outside 0..{n - 1} (and -1 for padding)")
    if np.size(time) and (np.min(time) < 0 or np.max(time) > t_max):
        raise Bad(f"{g.name}/time: times outside 0..t_max = {t_max}")
    return int(np.size(idx))


def check_data_group(g):
    if text(g.attrs.get("__type__", b"")) != "NIRGraphData":
        raise Bad(f"{g.name}: attribute __type__ is not NIRGraphData")
    events = 0
    for name, node in need(g, "nodes").items():
        typ = text(node.attrs["__type__"])
        if typ == "NIRGraphData":
            events += check_data_group(node)
        elif typ == "NIRNodeData":
            for obs in need(node, "observables").values():
                events += check_observable(obs)
        else:
            raise Bad(f"{node.name}: unknown node data type '{typ}'")
    return events


def write_events(path, node, n_neurons, t_max, idx, time):
    """The EventData branch of nir.write_data (nir/serialization.py), for one node and one sample."""
    with h5py.File(path, "w") as f:
        f.attrs["__type__"] = "NIRGraphData"
        g = f.create_group("nodes").create_group(node)
        g.attrs["__type__"] = "NIRNodeData"
        s = g.create_group("observables").create_group("spikes")
        s.attrs["__type__"] = "EventData"
        s.create_dataset("idx", data=np.array([[int(x) for x in idx.split(",")]]), compression="gzip")
        s.create_dataset("time", data=np.array([[float(x) for x in time.split(",")]]), compression="gzip")
        s.attrs["n_neurons"] = int(n_neurons)
        s.attrs["t_max"] = float(t_max)
    print(f"ok: wrote {path}")
    return 0


def main(argv):
    if len(argv) == 8 and argv[1] == "write-events":
        return write_events(*argv[2:])
    if len(argv) != 3 or argv[1] not in ("graph", "data"):
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    path = argv[2]
    try:
        with h5py.File(path, "r") as f:
            if argv[1] == "graph":
                print("ok: " + check_graph_file(f))
            else:
                print(f"ok: NIRGraphData with {check_data_group(f)} events")
        return 0
    except (Bad, KeyError, ValueError, OSError) as e:
        print(f"{path}: {e}")
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
