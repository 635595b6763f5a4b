#!/usr/bin/env python3
"""Golden traces of Lava's fixed-point learning (LearningConnectionModelBitApproximate, lava-nc/lava b6822fbc).

Runs Lava's own learning code (rule parsing, trace histories, the bit-approximate rule applier, stochastic
rounding, weight saturation) on random plastic synapse groups driven by given pre and post spike trains, with the
random numbers of stochastic rounding replaced by spikemesh's counter-based ones (the same numbers, drawn at the
same points: per step one decay and one impulse number for x and for y traces, per learning phase one for the
synaptic variables), so that every configuration, stochastic or not, has a single right answer. Writes one JSON
file per case with the spikes and, after every step, weights, tags and traces.

Usage: PYTHONPATH=LAVA/src python3 learning_golden.py OUT_DIR [CASES]
(needs numpy; asteval is only imported by Lava's float applier and is stubbed).
"""
import json
import os
import random
import sys
import types

sys.modules.setdefault("asteval", types.ModuleType("asteval"))
import numpy as np  # noqa: E402
from lava.magma.core.learning.constants import GradedSpikeCfg  # noqa: E402
from lava.magma.core.learning.learning_rule import Loihi2FLearningRule  # noqa: E402
from lava.magma.core.model.py.connection import LearningConnectionModelBitApproximate as Model  # noqa: E402
from lava.utils.weightutils import SignMode, truncate_weights  # noqa: E402

MASK = (1 << 64) - 1


def mix(z):
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return z ^ (z >> 31)


def uniform(seed, stream, index, step):
    """spikemesh's CounterRng.uniform with Java's wrapping long arithmetic."""
    h = mix((seed * 0x9E3779B97F4A7C15 + stream) & MASK)
    h = mix((h + index * 0xD1B54A32D192ED03) & MASK)
    h = mix((h + step * 0x8CB92BA72F3D8DD7) & MASK)
    return (h >> 11) * 2.0 ** -53


def fnv(s):
    h = 0xCBF29CE484222325
    for ch in s:
        h ^= ord(ch)
        h = (h * 0x100000001B3) & MASK
    return h


class TraceRandom:
    """Lava's TraceRandom with spikemesh's numbers: advanced twice per step, so after the advances of step t the
    numbers are those of step t."""

    def __init__(self, seed, stream, post):
        self.seed, self.stream, self.post, self.n = seed, stream, post, 0

    def advance(self):
        self.n += 1

    @property
    def random_trace_decay(self):
        return uniform(self.seed, self.stream, 2 if self.post else 0, (self.n + 1) // 2)

    @property
    def random_impulse_addition(self):
        return int(uniform(self.seed, self.stream, 3 if self.post else 1, (self.n + 1) // 2) * 128)


class ConnVarRandom:
    def __init__(self, seed, stream, model):
        self.seed, self.stream, self.model = seed, stream, model

    def advance(self):
        pass

    @property
    def random_stochastic_round(self):
        return uniform(self.seed, self.stream, 4, self.model.time_step)


def model(rule, weights, sign_mode, seed, name):
    m = Model.__new__(Model)
    m._learning_rule = rule
    m._shape = weights.shape
    m._graded_spike_cfg = GradedSpikeCfg.USE_REGULAR_IMPULSE
    m.sign_mode = sign_mode
    m._store_shapes()
    m._store_impulses_and_taus()
    m._build_active_traces_per_dependency()
    m._build_active_traces()
    m._build_learning_rule_appliers()
    stream = fnv(name)
    m._x_random = TraceRandom(seed, stream, False)
    m._y_random = TraceRandom(seed, stream, True)
    m._conn_var_random = ConnVarRandom(seed, stream, m)
    q, p = weights.shape
    m.weights = truncate_weights(weights.astype(np.int64), sign_mode=sign_mode, num_weight_bits=8)
    m.tag_1 = np.zeros((q, p), dtype=np.int64)
    m.tag_2 = np.zeros((q, p), dtype=np.int64)
    for v, n in (("x0", p), ("tx", p), ("x1", p), ("x2", p), ("y0", q), ("ty", q), ("y1", q), ("y2", q), ("y3", q)):
        setattr(m, v, np.zeros(n, dtype=np.int64 if v not in ("x0", "y0") else bool))
    return m


TERMS = ["x1", "x2", "y1", "y2", "y3", "w", "d", "t"]


def random_product(r):
    dep = r.choice(["x0", "y0", "u0", "u1"])
    parts = []
    if r.random() < 0.8:
        parts.append(r.choice(["2^-1", "2^-2", "2^-3", "3*2^-4", "2^-5", "5*2^-6", "2^1", "-2^-2"]).lstrip("-"))
    parts.append(dep)
    for _ in range(r.randint(0, 2)):
        f = r.choice(TERMS)
        k = r.random()
        if k < 0.15 and f in ("w", "d", "t"):
            parts.append("sgn(%s+%d)" % (f, r.randint(0, 3)))
        elif k < 0.3:
            parts.append("(%s-%d)" % (f, r.randint(1, 20)))
        else:
            parts.append(f)
    r.shuffle(parts)
    return "*".join(parts)


def random_rule(r):
    eqs = {}
    for target in ("dw", "dd", "dt"):
        if target == "dw" or r.random() < 0.4:
            eq = ""
            for k in range(r.randint(1, 3)):
                sign = r.choice([" + ", " - "])
                eq += ("-" if sign == " - " else "") if k == 0 else sign
                eq += random_product(r)
            eqs[target] = eq
    # one rule uses one u<k>
    ks = set()
    for t in eqs:
        for k in ("0", "1"):
            if "u" + k in eqs[t]:
                ks.add(k)
    if len(ks) > 1:
        for t in eqs:
            eqs[t] = eqs[t].replace("u1", "u0")
    params = dict(eqs)
    for tr in ("x1", "x2", "y1", "y2", "y3"):
        params[tr + "_impulse"] = r.choice([0, 8, 16, 20.5, 12.25, 33.75, 64])
        params[tr + "_tau"] = r.choice([0, 2.5, 4.0, 10.0, 33.3, 1.0e18])
    params["t_epoch"] = r.choice([1, 1, 2, 3, 4])
    params["rng_seed"] = r.randint(0, 1000)
    return params


def run_case(idx, r, steps):
    p, q = r.randint(3, 6), r.randint(2, 5)
    params = random_rule(r)
    mode_name = r.choice(["mixed", "excitatory", "inhibitory"])
    mode = {"mixed": SignMode.MIXED, "excitatory": SignMode.EXCITATORY, "inhibitory": SignMode.INHIBITORY}[mode_name]
    lo, hi = {"mixed": (-256, 255), "excitatory": (0, 255), "inhibitory": (-255, 0)}[mode_name]
    w0 = np.array([[r.randint(lo, hi) for _ in range(p)] for _ in range(q)])
    rule = Loihi2FLearningRule(dw=params.get("dw"), dd=params.get("dd"), dt=params.get("dt"),
                               x1_impulse=params["x1_impulse"], x1_tau=params["x1_tau"],
                               x2_impulse=params["x2_impulse"], x2_tau=params["x2_tau"],
                               y1_impulse=params["y1_impulse"], y1_tau=params["y1_tau"],
                               y2_impulse=params["y2_impulse"], y2_tau=params["y2_tau"],
                               y3_impulse=params["y3_impulse"], y3_tau=params["y3_tau"],
                               t_epoch=params["t_epoch"], rng_seed=params["rng_seed"])
    name = "plastic"
    m = model(rule, w0, mode, params["rng_seed"], name)
    pre = [[r.random() < 0.3 for _ in range(p)] for _ in range(steps)]
    post = [[r.random() < 0.25 for _ in range(q)] for _ in range(steps)]
    trace = []
    for t in range(1, steps + 1):
        m.time_step = t
        m._process_pre_spikes(np.array(pre[t - 1], dtype=bool).astype(np.int64))
        m._update_trace_randoms()
        m._process_post_spikes(np.array(post[t - 1], dtype=bool))
        m._update_trace_randoms()
        if m.lrn_guard():
            m.run_lrn()
        trace.append({"weights": m.weights.astype(int).tolist(), "tag_1": m.tag_1.astype(int).tolist(),
                      "tag_2": m.tag_2.astype(int).tolist(),
                      "x1": m.x1.astype(int).tolist(), "x2": m.x2.astype(int).tolist(),
                      "y1": m.y1.astype(int).tolist(), "y2": m.y2.astype(int).tolist(),
                      "y3": m.y3.astype(int).tolist()})
    return {"case": idx, "pres": p, "posts": q, "sign_mode": mode_name, "weights": w0.tolist(),
            "learning_rule": params, "pre_spikes": pre, "post_spikes": post, "steps": trace}


def main():
    out = sys.argv[1]
    cases = int(sys.argv[2]) if len(sys.argv) > 2 else 40
    os.makedirs(out, exist_ok=True)
    r = random.Random(20261128)
    for i in range(cases):
        with open(os.path.join(out, "case-%02d.json" % i), "w") as f:
            json.dump(run_case(i, r, 40), f, separators=(",", ":"))
    print("wrote", cases, "cases to", out)


if __name__ == "__main__":
    main()
