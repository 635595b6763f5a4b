import random, sys, json
from hand import *

def pick(r, edge, lo, hi, p_edge=0.4):
    return r.choice(edge) if r.random() < p_edge else r.randint(lo, hi)

def gen(seed, force_steps=None):
    r = random.Random(seed)
    steps = r.randint(20, 80)
    if force_steps: steps = force_steps
    procs, conns = [], []
    outs = []  # (name, n)
    for k in range(r.randint(1, 2)):
        n = r.randint(1, 6); dens = r.choice([0.05, 0.2, 0.5, 0.9])
        sp_ = {i: sorted(s for s in range(1, steps + 3) if r.random() < dens) for i in range(n)}
        sp_ = {i: v for i, v in sp_.items() if v}
        if not sp_: sp_ = {0: [1]}
        procs.append(src("s%d" % k, n, sp_)); outs.append(("s%d" % k, n))
    lifs = []
    for k in range(r.randint(1, 3)):
        n = r.randint(1, 5)
        du = pick(r, [0, 1, 4095, 4094, 2048], 0, 4095); dv = pick(r, [0, 1, 4095, 4094, 2048], 0, 4095)
        vth = pick(r, [0, 1, 131071, 131070], 0, r.choice([50, 1000, 131071]))
        bm = [pick(r, [-4096, 4095, 0, 0, 1, -1], -r.choice([10, 300, 4096]), r.choice([10, 300, 4095])) for _ in range(n)]
        be = [r.randint(0, 7) if r.random() < 0.6 else 0 for _ in range(n)]
        d = {"du": du, "dv": dv, "vth": vth, "bias_mant": bm, "bias_exp": be}
        if r.random() < 0.4:
            d["u"] = [pick(r, [8388607, -8388607, 0, 1, -1], -8388607, 8388607) for _ in range(n)]
        if r.random() < 0.4:
            d["v"] = [pick(r, [8388607, -8388607, 0, 1, -1], -8388607, 8388607) for _ in range(n)]
        procs.append(lif("l%d" % k, n, **d)); lifs.append(("l%d" % k, n))
    allouts = outs + lifs
    ci = 0
    for (ln, n) in lifs:
        for _ in range(r.randint(1, 3)):
            sn, m = r.choice(allouts)
            name = "c%d" % ci; ci += 1
            kind = r.choice(["mix", "pos", "neg", "wide"])
            def w1():
                if kind == "pos": return r.randint(0, 255)
                if kind == "neg": return -r.randint(0, 256)
                if kind == "wide": return r.randint(-400, 400)
                return r.randint(-256, 255)
            W = [[w1() if r.random() < 0.8 else 0 for _ in range(m)] for _ in range(n)]
            kw = {}
            if r.random() < 0.8: kw["weight_exp"] = r.randint(-8, 7)
            if r.random() < 0.8: kw["num_weight_bits"] = r.randint(1, 8)
            if r.random() < 0.4: kw["sign_mode"] = r.choice(["mixed", "excitatory", "inhibitory"])
            t = r.random()
            if t < 0.5:
                procs.append(dense(name, W, **kw))
            elif t < 0.75:
                maxd = r.choice([1, 3, 10, 63])
                D = [[r.randint(0, maxd) for _ in range(m)] for _ in range(n)]
                x = {"name": name, "type": "DelayDense", "weights": W, "delays": D}; x.update(kw); procs.append(x)
            else:
                post, pre, ws, ds = [], [], [], []
                for i in range(n):
                    for j in range(m):
                        if r.random() < 0.6:
                            post.append(i); pre.append(j); ws.append(W[i][j]); ds.append(r.randint(0, r.choice([2, 63])))
                if not post:
                    post, pre, ws, ds = [0], [0], [W[0][0]], [0]
                syn = {"post": post, "pre": pre, "weights": ws}
                if r.random() < 0.5: syn["delays"] = ds
                x = {"name": name, "type": "Sparse", "shape": [n, m], "synapses": syn}; x.update(kw); procs.append(x)
            conns.append([sn + ".s_out", name + ".s_in"]); conns.append([name + ".a_out", ln + ".a_in"])
    return {"processes": procs, "connections": conns}, steps

if __name__ == "__main__":
    a, b = int(sys.argv[1]), int(sys.argv[2])
    nbad = ntot = nsteps = 0
    for seed in range(a, b):
        spec, steps = gen(seed)
        try:
            res, _ = check(spec, steps, "rand%04d" % seed, verbose=False, keep=False)
        except Exception as e:
            res = {"lava": str(e)[-300:]}
        ntot += 1; nsteps += steps
        if any(v is not None for v in res.values()):
            nbad += 1
            print("seed", seed, res, flush=True)
        else:
            print("seed", seed, "ok", steps, flush=True)
    print("TOTAL", ntot, "networks", nsteps, "steps", nbad, "with differences", flush=True)
