#!/usr/bin/env python3
"""Runs one network on spikemesh (loihi-calibrated) and on SANA-FE (arch/loihi.yaml) with the same mapping, and
prints energy by kind and time per step of both (docs/validation.md).

Usage: compare_sanafe.py CASE OUTDIR    (CASE: ff_distant, recurrent_tile, graph_1core, graph_64cores, fc_dense)
Environment: SPIKEMESH (command running the spikemesh CLI), SANAFE (the SANA-FE `sim` binary),
SANAFE_ARCH (SANA-FE's arch/loihi.yaml).

The networks are built so that both simulators compute the same spikes: LIF with du = 4095 (current lasts one step,
SANA-FE's input_decay 0), dv = 0 (no leak, SANA-FE's leak_decay 1), no bias, integer weights (even where mixed-sign,
so Lava's weight truncation keeps them), threshold vth (spikemesh fires when v > vth << 6, SANA-FE when v > vth).
Placement: spikemesh core c sits on tile t = c // 4 at x = t % 8, y = t // 8, port c % 4; SANA-FE numbers tiles
column by column (x = id // 4, y = id % 4), so the same core is SANA-FE core "x*4+y . c%4".
"""
import json
import os
import random
import subprocess
import sys

import yaml

STEPS = 100


def population(name, size, cores, vth):
    return {"name": name, "size": size, "cores": cores, "vth": vth}


def spread(n, cores):
    """Splits n neurons into len(cores) equal populations."""
    return n // len(cores)


def build(case):
    """Returns (inputs, pops, edges, input_spikes): pops of LIF, edges (pre, i, post, j, w)."""
    rng = random.Random(7)
    if case == "ff_distant":
        inputs = [("in", 32, 0)]
        pops = [population("l1", 64, [124], 40), population("l2", 32, [28], 60)]
        edges = dense(rng, "in", 32, "l1", 64, 0.5, (8, 30))
        edges += dense(rng, "l1", 64, "l2", 32, 0.5, (6, 20))
    elif case == "recurrent_tile":
        inputs = [("in", 16, 44)]
        pops = [population("r%d" % k, 48, [45 + k], 50) for k in range(3)]
        edges = []
        for p in pops:
            edges += dense(rng, "in", 16, p["name"], 48, 0.4, (10, 30))
            for q in pops:
                edges += dense(rng, p["name"], 48, q["name"], 48, 0.15, (-24, 14), even=True)
    elif case in ("graph_1core", "graph_64cores"):
        inputs = [("in", 16, 1)]
        if case == "graph_1core":
            pops = [population("g", 256, [2], 50)]
        else:
            pops = [population("g%d" % k, 4, [2 * k + 2 if 2 * k + 2 < 128 else 3], 50) for k in range(64)]
        edges = graph_edges(rng, pops)
    elif case == "fc_dense":
        inputs = [("in", 64, 40)]
        pops = [population("h", 128, [81], 120), population("o", 64, [126], 60)]
        edges = dense(rng, "in", 64, "h", 128, 1.0, (1, 9))
        edges += dense(rng, "h", 128, "o", 64, 1.0, (-6, 6), even=True)
    else:
        raise SystemExit("unknown case " + case)
    per_input = 5 if case == "fc_dense" else 20
    spikes = {}
    for name, size, _ in inputs:
        spikes[name] = {i: sorted(rng.sample(range(1, STEPS + 1), per_input)) for i in range(size)}
    return inputs, pops, edges, spikes


def dense(rng, pre, npre, post, npost, p, wr, even=False):
    out = []
    for i in range(npre):
        for j in range(npost):
            if rng.random() < p:
                w = rng.randint(*wr)
                if even:
                    w -= w % 2
                if w != 0:
                    out.append((pre, i, post, j, w))
    return out


def graph_edges(rng, pops):
    """One random graph of 256 neurons (16 inputs in), the same whatever the split into populations."""
    where = []
    for p in pops:
        where += [(p["name"], j) for j in range(p["size"])]
    edges = []
    for k in range(256):
        for i in range(16):
            if rng.random() < 0.3:
                edges.append(("in", i, where[k][0], where[k][1], rng.randint(10, 30)))
    for a in range(256):
        for b in range(256):
            if rng.random() < 0.06:
                w = rng.randint(-24, 14)
                w -= w % 2
                if w != 0:
                    edges.append((where[a][0], where[a][1], where[b][0], where[b][1], w))
    return edges


def spikemesh_files(out, inputs, pops, edges, spikes):
    procs = []
    conns = []
    place = ["population,first_neuron,chip,core"]
    for name, size, core in inputs:
        procs.append({"name": name, "type": "SpikeInput", "shape": [size], "spikes": spikes[name]})
        place.append("%s,0,0,%d" % (name, core))
    for p in pops:
        procs.append({"name": p["name"], "type": "LIF", "shape": [p["size"]], "model": "fixed_pt", "du": 4095,
                      "dv": 0, "vth": p["vth"], "bias_mant": 0, "bias_exp": 0})
        place.append("%s,0,0,%d" % (p["name"], p["cores"][0]))
    sizes = {n: s for n, s, _ in inputs}
    sizes.update({p["name"]: p["size"] for p in pops})
    groups = {}
    for pre, i, post, j, w in edges:
        groups.setdefault((pre, post), {})[(j, i)] = w
    for (pre, post), ws in sorted(groups.items()):
        name = "w_%s_%s" % (pre, post)
        matrix = [[ws.get((j, i), 0) for i in range(sizes[pre])] for j in range(sizes[post])]
        procs.append({"name": name, "type": "Dense", "weights": matrix, "num_weight_bits": 8, "weight_exp": 0})
        conns.append(["%s.s_out" % pre, "%s.s_in" % name])
        conns.append(["%s.a_out" % name, "%s.a_in" % post])
    net = {"format": "spikemesh-network/1", "processes": procs, "connections": conns}
    with open(os.path.join(out, "network.yaml"), "w") as f:
        yaml.safe_dump(net, f, default_flow_style=None, width=200)
    with open(os.path.join(out, "placement.csv"), "w") as f:
        f.write("\n".join(place) + "\n")


def sanafe_core(c):
    t = c // 4
    x, y = t % 8, t // 8
    return "%d.%d" % (x * 4 + y, c % 4)


def sanafe_file(out, inputs, pops, edges, spikes, formats):
    groups = []
    mappings = []
    for name, size, core in inputs:
        neurons = []
        for i in range(size):
            train = [1 if s in set(spikes[name][i]) else 0 for s in range(1, STEPS + 1)]
            neurons.append({i: {"spikes": train, "soma_hw_name": "loihi_inputs[%d]" % i}})
        groups.append({"name": name, "attributes": {"log_spikes": True}, "neurons": neurons})
        mappings.append({"%s.0..%d" % (name, size - 1): {"core": sanafe_core(core)}})
    syn = {"dense": "loihi_dense_synapse", "sparse": "loihi_sparse_synapse", "shared": "loihi_conv_synapse",
           "none": "loihi_dense_synapse"}
    for p in pops:
        # the synapses into a neuron use its core's format, as spikemesh's compiler chose it
        groups.append({"name": p["name"], "attributes": {"soma_hw_name": "loihi_lif", "threshold": p["vth"],
                       "reset": 0, "log_spikes": True, "synapse_hw_name": syn[formats[p["cores"][0]]]},
                       "neurons": [{"0..%d" % (p["size"] - 1): {}}]})
        mappings.append({"%s.0..%d" % (p["name"], p["size"] - 1): {"core": sanafe_core(p["cores"][0])}})
    es = []
    for pre, i, post, j, w in edges:
        es.append({"%s.%d -> %s.%d" % (pre, i, post, j): {"weight": w}})
    net = {"network": {"name": "compare", "groups": groups, "edges": es}, "mappings": mappings}
    with open(os.path.join(out, "sanafe.yaml"), "w") as f:
        yaml.safe_dump(net, f, default_flow_style=None, width=100000, sort_keys=False)


def run(cmd):
    r = subprocess.run(cmd, shell=True, capture_output=True, text=True)
    if r.returncode != 0:
        raise SystemExit(cmd + "\n" + r.stdout[-2000:] + r.stderr[-2000:])
    return r.stdout


def main():
    case, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    sm = os.environ.get("SPIKEMESH", "./spikemesh")
    inputs, pops, edges, spikes = build(case)
    spikemesh_files(out, inputs, pops, edges, spikes)
    net, place = os.path.join(out, "network.yaml"), os.path.join(out, "placement.csv")
    run("%s map %s --chip loihi-calibrated --placement %s --report %s/map.json -q" % (sm, net, place, out))
    formats = {c["core"]: c["format"] for c in json.load(open(os.path.join(out, "map.json")))["cores"]}
    run("%s run %s --backend chip --chip loihi-calibrated --placement %s --steps %d --threads 1 --out %s/spikemesh -q"
        % (sm, net, place, STEPS, out))
    sanafe_file(out, inputs, pops, edges, spikes, formats)
    run("cd %s && %s -o . -s -p %s sanafe.yaml %d" % (out, os.environ["SANAFE"], os.environ["SANAFE_ARCH"], STEPS))
    report(out, pops)


def sanafe_summary(path):
    """SANA-FE's run_summary.yaml (its energy lines lack the space after the colon, so read it line by line)."""
    r = {}
    for line in open(path):
        k, _, v = line.strip().partition(":")
        try:
            r[k.strip()] = float(v)
        except ValueError:
            pass
    return r


def report(out, pops):
    s = json.load(open(os.path.join(out, "spikemesh", "summary.json")))["chip"]
    e = s["energy_pj"]
    c = s["counts"]
    fire = 69.3 * c["neuron_spikes"]
    sm = {"synapse": e["synaptic_ops"], "soma": e["neuron_updates"] + fire,
          "network": e["spikes"] - fire + e["hops"], "total": e["total"],
          "time_per_step_ns": s["simulated_time_ns"] / STEPS}
    sf_sum = sanafe_summary(os.path.join(out, "run_summary.yaml"))
    en = sf_sum
    sf = {"synapse": float(en["synapse"]) * 1e12, "soma": float(en["soma"]) * 1e12,
          "network": float(en["network"]) * 1e12, "total": float(en["total"]) * 1e12,
          "time_per_step_ns": float(sf_sum["sim_time"]) * 1e9 / STEPS}
    lif = {p["name"] for p in pops}
    sm_spikes = sum(1 for line in open(os.path.join(out, "spikemesh", "spikes.csv")).readlines()[1:]
                    if line.split(",")[1] in lif)
    sf_spikes = sum(1 for line in open(os.path.join(out, "spikes.csv")).readlines()[1:]
                    if line.split(".")[0] in lif)
    rows = {"spikes_lif": [sm_spikes, sf_spikes]}
    for k in ("synapse", "soma", "network", "total", "time_per_step_ns"):
        rows[k] = [round(sm[k], 1), round(sf[k], 1), round(100.0 * (sm[k] - sf[k]) / sf[k], 2) if sf[k] else 0.0]
    json.dump(rows, open(os.path.join(out, "compare.json"), "w"), indent=1)
    for k, v in rows.items():
        print("%-18s %s" % (k, v))


if __name__ == "__main__":
    main()
