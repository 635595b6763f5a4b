"""Drive Lava's bit-accurate ProcessModels (lava-nc/lava HEAD b6822fbc) directly, without Lava's runtime,
and compare with spikemesh (reference and chip backends).

Lava's runtime is replaced by: Vars built as PyProcessBuilder builds them (ndarray Vars: np.ndarray(shape, d_type);
var[:] = init; scalar Vars: the init itself), one thread per ProcessModel calling run_spk() per step (as the
LoihiProtocol SPK phase does), channels as FIFO queues whose buffers have the *source* port's d_type and are filled
with `buf[:] = data[:]` (pypychannel CspSendPort.send), InPort.recv = reduce(acc + recv, csp_ports,
np.zeros(shape, d_type)) (PyInPortVectorDense.recv).
"""
import functools as ft
import json
import os
import queue
import shutil
import subprocess
import threading

import lavastub  # noqa: F401
import numpy as np
from scipy.sparse import csr_matrix

from lava.proc.lif.models import PyLifModelBitAcc
from lava.proc.dense.models import PyDenseModelBitAcc, PyDelayDenseModelBitAcc
from lava.proc.sparse.models import PySparseModelBitAcc, PyDelaySparseModelBitAcc
PySendModelFixed = lavastub.load_ring_buffer().PySendModelFixed
from lava.utils.weightutils import SignMode

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
# the spikemesh launcher (default: the project's own) and where networks and runs are written
SM = os.environ.get("SPIKEMESH", os.path.join(ROOT, "spikemesh"))
WORK = os.environ.get("PARITY_WORK", "/tmp/spikemesh-lava-parity")
SIGN = {None: None, "mixed": SignMode.MIXED, "excitatory": SignMode.EXCITATORY, "inhibitory": SignMode.INHIBITORY}


class Chan:
    def __init__(self, shape, dtype):
        self.buf = np.zeros(shape, dtype)
        self.q = queue.Queue()

    def send(self, data):
        b = np.zeros_like(self.buf)
        b[:] = data[:]
        self.q.put(b)

    def recv(self):
        return self.q.get(timeout=60).copy()


class OutP:
    def __init__(self, shape, dtype):
        self.shape, self.dtype, self.chans = shape, dtype, []

    def new_chan(self):
        c = Chan(self.shape, self.dtype)
        self.chans.append(c)
        return c

    def send(self, data):
        for c in self.chans:
            c.send(data)


class InP:
    def __init__(self, shape, dtype):
        self.shape, self.dtype, self.chans = shape, dtype, []

    def recv(self):
        return ft.reduce(lambda acc, c: acc + c.recv(), self.chans, np.zeros(self.shape, self.dtype))


def arr(shape, dtype, init):
    a = np.ndarray(shape, dtype)
    a[:] = init
    return a


def lava_build(spec, steps):
    models, ports = {}, {}
    for p in spec["processes"]:
        name, typ = p["name"], p["type"]
        if typ == "SpikeInput":
            n = p["shape"][0]
            data = np.zeros((n, steps), np.int32)
            for i, ss in p.get("spikes", {}).items():
                for s in ss:
                    if 1 <= s <= steps:
                        data[int(i), s - 1] = 1
            m = PySendModelFixed({})
            m.data = arr(data.shape, np.int32, data)
            m.s_out = OutP((n,), np.int32)
            ports[name + ".s_out"] = m.s_out
        elif typ == "LIF":
            n = p["shape"][0]
            m = PyLifModelBitAcc({})
            m.u = arr((n,), np.int32, p.get("u", 0))
            m.v = arr((n,), np.int32, p.get("v", 0))
            m.du = p.get("du", 0)
            m.dv = p.get("dv", 0)
            m.vth = p.get("vth", 10)
            m.bias_mant = arr((n,), np.int16, p.get("bias_mant", 0))
            m.bias_exp = arr((n,), np.int16, p.get("bias_exp", 0))
            m.a_in = InP((n,), np.int16)
            m.s_out = OutP((n,), np.int32)
            ports[name + ".a_in"], ports[name + ".s_out"] = m.a_in, m.s_out
        elif typ in ("Dense", "DelayDense"):
            w = np.array(p["weights"])
            params = {"weight_exp": p.get("weight_exp", 0), "num_weight_bits": p.get("num_weight_bits", 8),
                      "sign_mode": SIGN[p.get("sign_mode")]}
            n_out, n_in = w.shape
            if typ == "Dense":
                m = PyDenseModelBitAcc(params)
                m.a_buff = arr((n_out,), np.int32, 0)
            else:
                m = PyDelayDenseModelBitAcc(params)
                d = np.array(p["delays"], dtype=int)
                maxd = int(np.max(d))
                m.delays = arr(w.shape, np.int32, d)
                m.a_buff = arr((n_out, maxd + 1), np.int32, 0)
            m.weights = arr(w.shape, np.int32, w)
            m.num_message_bits = arr((1,), int, 0)
            m.s_in = InP((n_in,), bool)
            m.a_out = OutP((n_out,), np.int32)
            ports[name + ".s_in"], ports[name + ".a_out"] = m.s_in, m.a_out
        elif typ == "Sparse":
            n_out, n_in = p["shape"]
            syn = p["synapses"]
            params = {"weight_exp": p.get("weight_exp", 0), "num_weight_bits": p.get("num_weight_bits", 8),
                      "sign_mode": SIGN[p.get("sign_mode")]}
            w = csr_matrix((np.array(syn["weights"]), (syn["post"], syn["pre"])), shape=(n_out, n_in))
            if "delays" in syn:
                m = PyDelaySparseModelBitAcc(params)
                d = csr_matrix((np.array(syn["delays"], dtype=int), (syn["post"], syn["pre"])), shape=(n_out, n_in))
                maxd = int(np.max(d))
                m.delays = d
                m.a_buff = arr((n_out, maxd + 1), np.int32, 0)
            else:
                m = PySparseModelBitAcc(params)
                m.a_buff = arr((n_out,), np.int32, 0)
            m.weights = w
            m.num_message_bits = arr((1,), int, 0)
            m.s_in = InP((n_in,), bool)
            m.a_out = OutP((n_out,), np.int32)
            ports[name + ".s_in"], ports[name + ".a_out"] = m.s_in, m.a_out
        else:
            raise ValueError(typ)
        models[name] = m
    for src, dst in spec["connections"]:
        ports[dst].chans.append(ports[src].new_chan())
    return models


def lava_run(spec, steps):
    models = lava_build(spec, steps)
    bar = threading.Barrier(len(models) + 1)
    errs = []

    def loop(m):
        try:
            for t in range(1, steps + 1):
                m.time_step = t
                m.run_spk()
                bar.wait()
                bar.wait()
        except threading.BrokenBarrierError:
            pass
        except Exception as e:  # noqa
            import traceback
            errs.append(traceback.format_exc())
            bar.abort()

    ths = [threading.Thread(target=loop, args=(m,), daemon=True) for m in models.values()]
    for th in ths:
        th.start()
    rec = {"spikes": set(), "vars": {}}
    lifs = [p["name"] for p in spec["processes"] if p["type"] == "LIF"]
    for ln in lifs:
        rec["vars"][ln + ".u"] = []
        rec["vars"][ln + ".v"] = []
    try:
        for t in range(1, steps + 1):
            bar.wait()
            for ln in lifs:
                m = models[ln]
                rec["vars"][ln + ".u"].append(np.array(m.u, dtype=np.int64).copy())
                rec["vars"][ln + ".v"].append(np.array(m.v, dtype=np.int64).copy())
                for i in np.nonzero(np.asarray(m.s_out_buff))[0]:
                    rec["spikes"].add((t, ln, int(i)))
            bar.wait()
    except threading.BrokenBarrierError:
        raise RuntimeError("Lava model failed:\n" + "\n".join(errs))
    rec["weights"] = {}
    for p in spec["processes"]:
        if p["type"] in ("Dense", "DelayDense"):
            rec["weights"][p["name"]] = np.asarray(models[p["name"]].weights)
    return rec


def fmt(v):
    return json.dumps(v)


def to_yaml(spec):
    lines = ["format: spikemesh-network/1", "processes:"]
    for p in spec["processes"]:
        parts = []
        for k, v in p.items():
            if k == "spikes":
                parts.append("spikes: {" + ", ".join("%s: %s" % (i, fmt(s)) for i, s in v.items()) + "}")
            elif k == "synapses":
                parts.append("synapses: {" + ", ".join("%s: %s" % (a, fmt(b)) for a, b in v.items()) + "}")
            elif isinstance(v, str):
                parts.append("%s: %s" % (k, v))
            else:
                parts.append("%s: %s" % (k, fmt(v)))
        lines.append("  - {" + ", ".join(parts) + "}")
    lines.append("connections:" + ("" if spec["connections"] else " []"))
    for a, b in spec["connections"]:
        lines.append("  - [%s, %s]" % (a, b))
    return "\n".join(lines) + "\n"


def sm_run(yaml_path, steps, backend, outdir, records):
    if os.path.exists(outdir):
        shutil.rmtree(outdir)
    cmd = [SM, "run", yaml_path, "--steps", str(steps), "--out", outdir]
    if records:
        cmd += ["--record", ",".join(records)]
    if backend == "chip":
        cmd += ["--backend", "chip", "--chip", "loihi-like"]
    r = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    if r.returncode != 0:
        return {"error": (r.stdout + r.stderr).strip()}
    rec = {"spikes": set(), "vars": {}, "weights": {}}
    with open(os.path.join(outdir, "spikes.csv")) as f:
        next(f)
        for line in f:
            s, pn, i = line.strip().split(",")
            rec["spikes"].add((int(s), pn, int(i)))
    for r_ in records:
        with open(os.path.join(outdir, r_ + ".csv")) as f:
            next(f)
            rows = [[int(float(x)) for x in line.strip().split(",")[1:]] for line in f if line.strip()]
        if r_.endswith(".weights"):
            rec["weights"][r_[:-8]] = np.array(rows[0])
        else:
            rec["vars"][r_] = [np.array(x, dtype=np.int64) for x in rows]
    return rec


def compare(spec, lava, sm, steps):
    """First difference (step, what, lava value, spikemesh value) or None."""
    lifs = [p["name"] for p in spec["processes"] if p["type"] == "LIF"]
    for t in range(1, steps + 1):
        for ln in lifs:
            for var in ("u", "v"):
                key = ln + "." + var
                a, b = lava["vars"][key][t - 1], sm["vars"][key][t - 1]
                if not np.array_equal(a, b):
                    i = int(np.nonzero(a != b)[0][0])
                    return (t, "%s[%d]" % (key, i), int(a[i]), int(b[i]))
            ls = {x for x in lava["spikes"] if x[0] == t and x[1] == ln}
            ss = {x for x in sm["spikes"] if x[0] == t and x[1] == ln}
            if ls != ss:
                return (t, ln + ".spikes", sorted(ls), sorted(ss))
    for name, w in lava["weights"].items():
        if name in sm["weights"] and not np.array_equal(w.flatten(), sm["weights"][name]):
            return (0, name + ".weights", w.flatten().tolist(), sm["weights"][name].tolist())
    return None


def check(spec, steps, tag, backends=("reference", "chip"), keep=True, verbose=True):
    yp = os.path.join(WORK, "nets", "%s.yaml" % tag)
    os.makedirs(os.path.join(WORK, "nets"), exist_ok=True)
    with open(yp, "w") as f:
        f.write(to_yaml(spec))
    lava = lava_run(spec, steps)
    records = []
    for p in spec["processes"]:
        if p["type"] == "LIF":
            records += [p["name"] + ".u", p["name"] + ".v"]
        if p["type"] in ("Dense", "DelayDense"):
            records.append(p["name"] + ".weights")
    res = {}
    for be in backends:
        sm = sm_run(yp, steps, be, os.path.join(WORK, "runs", "%s-%s" % (tag, be)), records)
        if "error" in sm:
            res[be] = ("ERROR", sm["error"][:400])
        else:
            res[be] = compare(spec, lava, sm, steps)
    if verbose:
        print(tag, res)
    if not keep and all(v is None for v in res.values()):
        os.remove(yp)
    return res, lava
