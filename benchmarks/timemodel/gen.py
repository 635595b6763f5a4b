#!/usr/bin/env python3
"""Seeded generator of small random fixed-point spikemesh networks (flow-style YAML).

generate(seed, max_delay, max_pops, steps): 2-40 neurons in 1-2 sources (SpikeInput, or PoissonSource one time in
five) and 1-4 LIF populations (du, dv at 0, 4095 or anywhere; thresholds 1-150; biases, initial u and v sometimes);
every LIF gets 1-3 synapse groups (Dense, DelayDense, Sparse with or without delays up to max_delay; recurrent and
self connections), densities 0.15-1, weights from excitatory, inhibitory or mixed ranges, 6-8 weight bits, weight
exponents -1..2, a sign mode given one time in seven.

usage: gen.py SEED MAX_DELAY MAX_POPS > net.yaml"""
import random, sys

def fmt(v):
    if isinstance(v, dict):
        return '{' + ', '.join(f'{k}: {fmt(x)}' for k, x in v.items()) + '}'
    if isinstance(v, (list, tuple)):
        return '[' + ', '.join(fmt(x) for x in v) + ']'
    if isinstance(v, bool):
        return 'true' if v else 'false'
    return str(v)

def generate(seed, max_delay=63, max_pops=6, steps=30):
    r = random.Random(seed)
    total = r.randint(2, 40)
    n_src = r.randint(1, 2)
    n_lif = r.randint(1, max(1, min(4, max_pops - n_src)))
    # split neurons
    npops = n_src + n_lif
    sizes = [1] * npops
    for _ in range(max(0, total - npops)):
        sizes[r.randrange(npops)] += 1
    procs, conns = [], []
    srcs, lifs = [], []
    for i in range(n_src):
        name, n = f'in{i}', sizes[i]
        if r.random() < 0.2:
            procs.append({'name': name, 'type': 'PoissonSource', 'shape': [n], 'rate': round(r.uniform(0.05, 0.4), 3), 'seed': r.randint(1, 999)})
        else:
            p = r.uniform(0.05, 0.4)
            sp = {}
            for j in range(n):
                st = [s for s in range(1, steps + 1) if r.random() < p]
                if st:
                    sp[j] = st
            if not sp:
                sp[0] = [r.randint(1, steps)]
            procs.append({'name': name, 'type': 'SpikeInput', 'shape': [n], 'spikes': sp})
        srcs.append((name, n))
    for i in range(n_lif):
        name, n = f'lif{i}', sizes[n_src + i]
        d = {'name': name, 'type': 'LIF', 'shape': [n], 'model': 'fixed_pt'}
        d['du'] = r.choice([0, 4095, 2048, r.randint(0, 4095)])
        d['dv'] = r.choice([0, 4095, 512, r.randint(0, 4095)])
        d['vth'] = r.randint(1, 150)
        if r.random() < 0.4:
            d['bias_mant'] = [r.choice([0, 0, r.randint(-50, 120)]) for _ in range(n)] if r.random() < 0.5 else r.randint(-20, 120)
            d['bias_exp'] = r.randint(0, 3)
        if r.random() < 0.2:
            d['v'] = [r.choice([0, r.randint(-3000, 3000)]) for _ in range(n)]
        if r.random() < 0.1:
            d['u'] = [r.choice([0, r.randint(-3000, 3000)]) for _ in range(n)]
        procs.append(d)
        lifs.append((name, n))
    # synapse groups
    k = 0
    groups = []
    for li, (lname, ln) in enumerate(lifs):
        # first input from a source or an earlier LIF, then 0-2 more from anything (recurrence included)
        groups.append((r.choice(srcs + lifs[:li]), (lname, ln)))
        for _ in range(r.randint(0, 2)):
            groups.append((r.choice(srcs + lifs), (lname, ln)))
    used = {g[0][0] for g in groups}
    for s_ in srcs:
        if s_[0] not in used and r.random() < 0.9:
            groups.append((s_, r.choice(lifs)))
    for (sname, sn), (lname, ln) in groups:
        gname = f'g{k}'; k += 1
        kind = r.choice(['Dense', 'Sparse', 'DelayDense', 'Sparse'])
        dens = r.uniform(0.15, 1.0)
        lo, hi = r.choice([(-100, 200), (0, 200), (-200, 0), (-30, 60), (1, 255)])
        g = {'name': gname, 'type': kind}
        nwb = r.choice([8, 8, 7, 6])
        wexp = r.choice([0, 0, 0, 1, 2, -1])
        if kind in ('Dense', 'DelayDense'):
            W = [[(r.randint(lo, hi) if r.random() < dens else 0) for _ in range(sn)] for _ in range(ln)]
            g['weights'] = W
            if kind == 'DelayDense':
                g['delays'] = [[r.randint(0, max_delay) for _ in range(sn)] for _ in range(ln)]
        else:
            post, pre, w, dl = [], [], [], []
            for o in range(ln):
                for i in range(sn):
                    if r.random() < dens:
                        post.append(o); pre.append(i); w.append(r.randint(lo, hi)); dl.append(r.randint(0, max_delay))
            if not post:
                post, pre, w, dl = [0], [0], [r.randint(1, 100)], [0]
            g['shape'] = [ln, sn]
            g['synapses'] = {'post': post, 'pre': pre, 'weights': w}
            if r.random() < 0.6:
                g['synapses']['delays'] = dl
        g['num_weight_bits'] = nwb
        g['weight_exp'] = wexp
        if r.random() < 0.15:
            g['sign_mode'] = r.choice(['mixed', 'excitatory', 'inhibitory'])
        procs.append(g)
        conns.append([f'{sname}.s_out', f'{gname}.s_in'])
        conns.append([f'{gname}.a_out', f'{lname}.a_in'])
    return procs, conns

def to_yaml(procs, conns, seed):
    out = [f'# generated by benchmarks/timemodel/gen.py, seed {seed}', 'format: spikemesh-network/1', 'processes:']
    for p in procs:
        out.append('  - ' + fmt(p))
    out.append('connections:')
    for c in conns:
        out.append('  - ' + fmt(c))
    return '\n'.join(out) + '\n'

if __name__ == '__main__':
    seed = int(sys.argv[1]); max_delay = int(sys.argv[2]); max_pops = int(sys.argv[3])
    procs, conns = generate(seed, max_delay, max_pops)
    sys.stdout.write(to_yaml(procs, conns, seed))
