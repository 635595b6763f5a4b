#!/usr/bin/env python3
"""Independent re-implementation of spikemesh's chip time and energy model (docs/time-model.md, per-step and
detailed; docs/chip-engine.md; docs/chip-config.md), from the documentation only.

The reading of the docs it implements: a spike sends one message per route entry, that is per (destination core,
synapse group) pair its neuron has synapses in (as on Loihi; SANA-FE sends one per destination core); `destination_core`
events are charged per route entry; the per-step model rounds a whole path's latency (hops and chip crossings) to the
nearest ns, halves up, before adding the link wait; the detailed model uses the path latency as it is, and sends a
neuron's route entries synapse group by synapse group. Multicast routers: a spike is one packet along its core's tree
(README.md says which counts are per packet, per tree link and per route entry); learning: the synaptic updates of
each learning phase, per core of the post neuron. Environment variables TIMEMODEL_* select other readings (README.md).

usage: model.py CHIP.yaml NET.yaml RUN_DIR [--map MAP.json] [--chips N] [--time-model per-step|detailed] [--out model.json]
Placement (core of every block) is read from RUN_DIR/core_counters.csv (core, population, first_neuron, neurons);
synapse format per core from the mapping report (--map, `spikemesh map --report`), else computed as compiler.md says.
Spikes from RUN_DIR/spikes.csv. Active/inactive updates from this script's own LIF simulation (Lava bit-accurate);
the simulation is cross-checked against spikes.csv and any recorded u/v.
"""
import os, csv, json, math, heapq, argparse
import miniyaml

# ---------------------------------------------------------------- chip
class Chip:
    def __init__(self, cfg, chips_override=0):
        self.cfg = cfg
        m = cfg['mesh']
        self.tx, self.ty, self.cpt, self.cpc = m['tiles_x'], m['tiles_y'], m['cores_per_tile'], m['cores_per_chip']
        self.chips = m.get('chips', 1)
        g = m.get('chip_grid', {'x': 1, 'y': 1})
        self.gx, self.gy = g['x'], g['y']
        if chips_override and chips_override != self.chips:
            # --chips N: the docs do not say how the chip grid is then chosen; this assumes a row of N chips
            self.chips = chips_override
            self.gx, self.gy = chips_override, 1
        c = cfg['core']
        self.core = c
        self.events = c.get('events') or []
        r = cfg['router']
        self.r = r
        self.bw = float(r['link_bandwidth_msgs_per_ns'])
        self.buf = r['buffer_depth']
        b = cfg['barrier']
        self.btable = sorted((e['tiles'], float(e['time_ns'])) for e in b['table'])
        self.binterp = b.get('interpolation', 'linear')
        self.benergy = float(b['energy_pj'])
        self.static_w = float(cfg['static_power_w'])
        self.time_model = cfg.get('time_model', 'per-step')

    def ev(self, per, what, fmt=None):
        s = 0.0
        for e in self.events:
            if e['per'] != per:
                continue
            if per == 'synop' and e.get('format') and e.get('format') != fmt:
                continue
            s += float(e[what])
        return s

    def fixed(self, name, what):
        return float(self.core[name][what])

    def coord(self, g):
        chip, c = divmod(g, self.cpc)
        t = c // self.cpt
        lx, ly = t % self.tx, t // self.tx
        cx, cy = chip % self.gx, chip // self.gx
        return (cx * self.tx + lx, cy * self.ty + ly), (cx, cy)

    def barrier(self, tiles):
        tb = self.btable
        if self.binterp == 'step':
            v = tb[0][1]
            for t, x in tb:
                if t <= tiles:
                    v = x
            return v
        if len(tb) == 1 or tiles <= tb[0][0]:
            return tb[0][1]
        for (t1, v1), (t2, v2) in zip(tb, tb[1:]):
            if tiles <= t2:
                return v1 + (tiles - t1) * (v2 - v1) / (t2 - t1)
        (t1, v1), (t2, v2) = tb[-2], tb[-1]
        return v1 + (tiles - t1) * (v2 - v1) / (t2 - t1)

    def route(self, a, b):
        """XY route between global cores a, b: (hops_ew, hops_ns, crossings, latency, links, within_tile)"""
        (sx, sy), (scx, scy) = self.coord(a)
        (dx, dy), (dcx, dcy) = self.coord(b)
        r = self.r
        if (sx, sy) == (dx, dy):
            return 0, 0, 0, float(r['within_tile_spike']['time_ns']), [], True
        # x first along the source's row, then y along the destination's column
        links = [(x, sy, 'east' if dx > sx else 'west') for x in range(sx, dx, 1 if dx > sx else -1)]
        links += [(dx, y, 'north' if dy > sy else 'south') for y in range(sy, dy, 1 if dy > sy else -1)]
        ew, ns = abs(dx - sx), abs(dy - sy)
        cross = abs(dcx - scx) + abs(dcy - scy)
        lat = ew * float(r['hop_east_west']['time_ns']) + ns * float(r['hop_north_south']['time_ns']) + cross * float(r['inter_chip']['time_ns'])
        return ew, ns, cross, lat, links, False

    def link_order_key(self, l):
        x, y, d = l
        if d in ('east', 'west'):
            return (0, y, x, 0 if d == 'east' else 1)
        return (1, x, y, 0 if d == 'north' else 1)

# ---------------------------------------------------------------- network
def bc(v, n, default):
    if v is None:
        v = default
    if isinstance(v, list):
        if len(v) == 1 and n != 1:
            return v * n
        return list(v)
    return [v] * n

def size_of(p):
    s = p.get('shape', [1])
    if isinstance(s, int):
        return s
    n = 1
    for x in s:
        n *= x
    return n

def prep_weight(w, mode, nwb):
    w = int(w)
    mixed = 1 if mode == 'mixed' else 0
    if mode == 'excitatory':
        w = max(0, min(255, w))
    elif mode == 'inhibitory':
        w = max(-256, min(0, w))
    else:
        w = max(-256, min(255, w))
    s = 8 - nwb + mixed
    if mode == 'inhibitory':   # Lava negates, truncates the magnitude (checked: -5 at 6 bits -> -4)
        return -(((-w) >> s) << s)
    return (w >> s) << s

def learning_deps(rule):
    """docs/learning.md: t_epoch and the dependencies (x0, y0, u<k>) of a rule's products (dw, dd, dt)"""
    import re
    t_epoch = int(rule.get('t_epoch', 1))
    lib = rule.get('type')
    if lib in ('STDPLoihi', 'TripletSTDP'):
        return dict(t_epoch=t_epoch, deps={'x0', 'y0'})
    if lib == 'RSTDPLoihi':
        return dict(t_epoch=t_epoch, deps={'x0', 'y0', 'u0'})
    deps = set()
    for k in ('dw', 'dd', 'dt'):
        if rule.get(k):
            deps.update(re.findall(r'(?<![A-Za-z0-9_])(x0|y0|u[0-9]+)(?![A-Za-z0-9_])', str(rule[k])))
    return dict(t_epoch=t_epoch, deps=deps)

class Net:
    def __init__(self, d):
        self.procs = {p['name']: p for p in d['processes']}
        self.order = [p['name'] for p in d['processes']]
        conns = d.get('connections') or []
        src_of, tgt_of = {}, {}
        for a, b in conns:
            pa, porta = a.split('.'); pb, portb = b.split('.')
            if porta == 's_out' and portb == 's_in':
                src_of[pb] = pa
            elif porta == 'a_out' and portb == 'a_in':
                tgt_of[pa] = pb
        self.pops = [n for n in self.order if self.procs[n]['type'] in ('LIF', 'SpikeInput', 'PoissonSource')]
        self.size = {n: size_of(self.procs[n]) for n in self.pops}
        self.groups = []  # (name, src, tgt, exp, [(pre, post, w, delay)])
        self.learning = {}  # name -> dict(t_epoch, deps: set of 'x0', 'y0', 'u<k>'), for LearningDense/LearningSparse
        for n in self.order:
            p = self.procs[n]
            if p['type'] not in ('Dense', 'Sparse', 'DelayDense', 'LearningDense', 'LearningSparse'):
                continue
            plastic = p['type'].startswith('Learning')
            if plastic:
                self.learning[n] = learning_deps(p['learning_rule'])
            src, tgt = src_of[n], tgt_of[n]
            nwb = p.get('num_weight_bits', 8); exp = p.get('weight_exp', 0)
            raw = []
            if p['type'] in ('Dense', 'DelayDense', 'LearningDense'):
                W = p['weights']; D = p.get('delays')
                for o, row in enumerate(W):
                    for i, w in enumerate(row):
                        raw.append((i, o, w, D[o][i] if D else 0))
            else:
                s = p['synapses']
                dl = s.get('delays') or [0] * len(s['post'])
                for o, i, w, dd in zip(s['post'], s['pre'], s['weights'], dl):
                    raw.append((i, o, w, dd))
            mode = p.get('sign_mode')
            if mode is None:
                ws = [w for _, _, w, _ in raw]
                mode = 'excitatory' if all(w >= 0 for w in ws) else ('inhibitory' if all(w <= 0 for w in ws) else 'mixed')
            syn = []
            for i, o, w, dd in raw:
                wt = prep_weight(w, mode, nwb)
                if wt != 0 or plastic:   # learning.md: every entry of a LearningDense, every listed synapse of a LearningSparse
                    syn.append((i, o, wt, dd))
            self.groups.append((n, src, tgt, exp, syn))

# ---------------------------------------------------------------- LIF simulation (Lava bit-accurate fixed point)
def simulate_lif(net, steps, src_spikes):
    """returns spikes[t] = set of (pop, i) for LIF pops, state[t][pop] = (u list, v list)"""
    lifs = [n for n in net.pops if net.procs[n]['type'] == 'LIF']
    st = {}
    for n in lifs:
        p = net.procs[n]; k = net.size[n]
        st[n] = dict(u=[int(x) for x in bc(p.get('u'), k, 0)], v=[int(x) for x in bc(p.get('v'), k, 0)],
                     du=bc(p.get('du'), k, 0), dv=bc(p.get('dv'), k, 0), vth=bc(p.get('vth'), k, 10),
                     bm=bc(p.get('bias_mant'), k, 0), be=bc(p.get('bias_exp'), k, 0))
    # lane[(group)][t] = per post sums
    lanes = {g[0]: {} for g in net.groups}
    out_syn = {}
    for (gname, src, tgt, exp, syn) in net.groups:
        for i, o, w, d in syn:
            out_syn.setdefault((src, i), []).append((gname, o, w, d))
    spikes = {}
    states = {}
    def sgnshift(x, f):
        prod = x * f
        s = 1 if prod > 0 else (-1 if prod < 0 else 0)
        return s * (abs(prod) >> 12)
    M = 1 << 23
    for t in range(1, steps + 1):
        fired = set(src_spikes.get(t, set()))
        for n in lifs:
            s = st[n]
            ain = [0] * net.size[n]
            for (gname, src, tgt, exp, syn) in net.groups:
                if tgt != n:
                    continue
                chunks = lanes[gname].get(t)
                if not chunks:
                    continue
                # a negative exponent shifts each delivery step's sum (per delay slot) before it joins the ring
                for lane in chunks.values():
                    for o, val in lane.items():
                        ain[o] += (val << exp) if exp >= 0 else (val >> (-exp))
            for i in range(net.size[n]):
                u = sgnshift(s['u'][i], 4096 - (s['du'][i] + 1))
                u += ain[i] << 6
                if u > M:
                    u -= 2 * M
                elif u <= -M:
                    u += 2 * M
                s['u'][i] = u
                be = s['be'][i]; bm = s['bm'][i]
                bias = (bm << be) if be > 0 else bm
                v = sgnshift(s['v'][i], 4096 - s['dv'][i]) + u + bias
                v = max(-M + 1, min(M - 1, v))
                if v > (s['vth'][i] << 6):
                    fired.add((n, i)); v = 0
                s['v'][i] = v
            states.setdefault(t, {})[n] = (list(s['u']), list(s['v']))
        spikes[t] = fired
        for (pop, i) in fired:
            for gname, o, w, d in out_syn.get((pop, i), []):
                lane = lanes[gname].setdefault(t + 1 + d, {}).setdefault(t, {})
                lane[o] = lane.get(o, 0) + w
    return spikes, states

# ---------------------------------------------------------------- run outputs
def read_csv(p):
    with open(p) as f:
        return list(csv.DictReader(f))

def load_run(run):
    cores = read_csv(os.path.join(run, 'core_counters.csv'))
    spikes = {}
    for r in read_csv(os.path.join(run, 'spikes.csv')):
        spikes.setdefault(int(r['step']), set()).add((r['process'], int(r['neuron'])))
    summ = json.load(open(os.path.join(run, 'summary.json')))
    return cores, spikes, summ

# ---------------------------------------------------------------- the model
def memory_format(chip, axons, neurons, synapses):
    """compiler.md: dense if its bits are no more than sparse's, when the chip offers both; else its first format"""
    enc = chip.core['synapse_encoding']
    fm = enc['formats']
    dense = axons * neurons * (enc['weight_bits'] + enc['delay_bits'])
    sparse = synapses * (enc['weight_bits'] + enc['index_bits'] + enc['delay_bits'])
    if 'dense' in fm and 'sparse' in fm:
        return 'dense' if dense <= sparse else 'sparse'
    return fm[0]

def model(chip_path, net_path, run, map_path=None, chips=0, time_model=None, tree=None):
    """tree: with a multicast router, whose tree a spike is copied along: 'core' (the union of the XY paths to every
    destination core of the spiking neuron's core, as chip-engine.md and compiler.md say) or 'neuron' (to the
    destination cores of the spiking neuron only); default from $TIMEMODEL_TREE, else 'core'."""
    chip = Chip(miniyaml.load_file(chip_path), chips)
    multicast = bool(chip.r.get('multicast', False))
    tree = tree or os.environ.get('TIMEMODEL_TREE', 'core')
    local = os.environ.get('TIMEMODEL_LOCAL', 'packet')   # multicast within-tile deliveries: see README
    net = Net(miniyaml.load_file(net_path))
    cores_rows, eng_spikes, summ = load_run(run)
    steps = summ['steps']
    tm = time_model or chip.time_model
    notes = []
    # placement
    core_of = {}     # (pop, i) -> core
    blocks = {}      # core -> (pop, first, n)
    for r in cores_rows:
        c = int(r['core']); pop = r['population']; f = int(r['first_neuron']); k = int(r['neurons'])
        blocks[c] = (pop, f, k)
        for i in range(f, f + k):
            core_of[(pop, i)] = c
    # formats
    fmt_of = {}
    if map_path:
        mp = json.load(open(map_path))
        for c in mp['cores']:
            fmt_of[(c['population'], c['first_neuron'])] = c['format']
    # route entries: for every source neuron, the destination cores in the order its synapses first reach them
    # (synapse groups in file order), and per core the synapses of each group (one axon per neuron and group)
    dest = {}      # (pop, i) -> {core: None}, insertion-ordered
    axon_syn = {}  # (pop, i, core) -> {group: synapses}
    gdest = {}     # (pop, i, group) -> its destination cores in the order the group's synapses first reach them
    for (gname, src, tgt, exp, syn) in net.groups:
        for i, o, w, d in syn:
            c = core_of[(tgt, o)]
            dest.setdefault((src, i), {})[c] = None
            gdest.setdefault((src, i, gname), {})[c] = None
            ax = axon_syn.setdefault((src, i, c), {})
            ax[gname] = ax.get(gname, 0) + 1
    def msg_list(pop, i):
        """the messages a spike of (pop, i) sends: one per route entry, as (destination core, synapses)"""
        return [(b, n) for b in dest.get((pop, i), {}) for n in axon_syn[(pop, i, b)].values()]
    grp_order = [g[0] for g in net.groups]
    def msg_group_list(pop, i):
        """the route entries of (pop, i) group by group (file order), each group's destination cores in order"""
        out = []
        for gname in grp_order:
            ds = gdest.get((pop, i, gname), {})
            for b in (sorted(ds) if GRP_DEST == 'core' else ds):
                out.append((b, axon_syn[(pop, i, b)][gname]))
        return out
    def msg_core_list(pop, i):
        """one message per destination core (its route entries' synapses together)"""
        return [(b, sum(axon_syn[(pop, i, b)].values())) for b in dest.get((pop, i), {})]
    core_dests = {}   # core -> every destination core of its neurons
    for (pop, i), ds in dest.items():
        core_dests.setdefault(core_of[(pop, i)], set()).update(ds)
    tree_cache = {}
    def tree_of(a, dests):
        """multicast tree from core a to the cores dests: the union of the XY links, each once"""
        key = (a, frozenset(dests))
        if key not in tree_cache:
            links = set()
            for b in dests:
                links.update(chip.route(a, b)[4])
            tree_cache[key] = sorted(links, key=chip.link_order_key)
        return tree_cache[key]
    def crosses(l):
        x, y, d = l
        if d == 'east':
            return (x // chip.tx) != ((x + 1) // chip.tx)
        if d == 'west':
            return (x // chip.tx) != ((x - 1) // chip.tx)
        if d == 'north':
            return (y // chip.ty) != ((y + 1) // chip.ty)
        return (y // chip.ty) != ((y - 1) // chip.ty)
    core_fmt = {}
    for c, (pop, f, k) in blocks.items():
        if (pop, f) in fmt_of:
            core_fmt[c] = fmt_of[(pop, f)]
        else:
            axons = sum(len(g) for (sp, si, cc), g in axon_syn.items() if cc == c)
            nsyn = sum(n for (sp, si, cc), g in axon_syn.items() if cc == c for n in g.values())
            core_fmt[c] = memory_format(chip, axons, k, nsyn) if nsyn else 'none'
    is_lif = {c: net.procs[b[0]]['type'] == 'LIF' for c, b in blocks.items()}
    # LIF simulation
    src_sp = {t: {s for s in ss if net.procs[s[0]]['type'] != 'LIF'} for t, ss in eng_spikes.items()}
    my_spikes, states = simulate_lif(net, steps, src_sp)
    if net.learning:
        # plastic weights change the LIF's input, which this model does not simulate (the arithmetic of learning is
        # tested against Lava elsewhere): with learning it takes every LIF's u and v from the run's recorded u and v
        my_spikes = eng_spikes
        for n in net.pops:
            if net.procs[n]['type'] != 'LIF':
                continue
            for var, idx in (('u', 0), ('v', 1)):
                for r in read_csv(os.path.join(run, f'{n}.{var}.csv')):
                    t = int(r['step'])
                    vals = [int(float(r[str(i)])) for i in range(net.size[n])]
                    uv = list(states[t][n]); uv[idx] = vals; states[t][n] = tuple(uv)
    for t in range(1, steps + 1):
        a = {s for s in eng_spikes.get(t, set()) if net.procs[s[0]]['type'] == 'LIF'}
        b = {s for s in my_spikes.get(t, set()) if net.procs[s[0]]['type'] == 'LIF'}
        if a != b:
            notes.append(f'LIF spikes differ at step {t}: engine-only {sorted(a - b)} model-only {sorted(b - a)}')
            break
    for n in net.pops:
        if net.procs[n]['type'] != 'LIF':
            continue
        for var, idx in (('u', 0), ('v', 1)):
            p = os.path.join(run, f'{n}.{var}.csv')
            if os.path.exists(p):
                for r in read_csv(p):
                    t = int(r['step'])
                    vals = [int(float(r[str(i)])) for i in range(net.size[n])]
                    if vals != states[t][n][idx]:
                        notes.append(f'recorded {n}.{var} differs at step {t}: engine {vals} model {states[t][n][idx]}')
                        break
    # per-event unit times / energies
    F = chip.fixed
    def unit(what):
        d = {}
        d['act'] = F('neuron_update_active', what) + chip.ev('neuron_step', what) + chip.ev('updated_neuron', what)
        d['rest'] = F('neuron_update_inactive', what) + chip.ev('neuron_step', what) + chip.ev('resting_neuron', what)
        d['fire_rest'] = F('neuron_update_inactive', what) + chip.ev('neuron_step', what) + chip.ev('updated_neuron', what)
        d['spk_lif'] = F('spike_out', what) + chip.ev('spike', what) + chip.ev('neuron_spike', what)
        d['spk_src'] = F('spike_out', what) + chip.ev('spike', what)
        d['out'] = chip.ev('message_out', what) + chip.ev('destination_core', what)
        d['mout'] = chip.ev('message_out', what)
        d['dcore'] = chip.ev('destination_core', what)
        d['in'] = F('message_receive', what) + chip.ev('message_in', what)
        d['syn'] = {f: F('synop', what) + chip.ev('synop', what, f) for f in ('dense', 'sparse', 'shared', 'none')}
        return d
    UT, UE = unit('time_ns'), unit('energy_pj')
    LT = float(chip.cfg['learning']['update']['time_ns']); LE = float(chip.cfg['learning']['update']['energy_pj'])
    def learning_updates(t):
        """docs/learning.md: the synaptic updates of step t's learning phases, per core of the post neuron: a synapse
        counts once when its pre neuron spiked in the epoch and the rule has an x0 product, its post neuron spiked and
        the rule has a y0 product, or the rule has a u<k> product that holds (u0 every epoch, u<k> every 2^k epochs)"""
        per = {}
        for (gname, src, tgt, exp, syn) in net.groups:
            L = net.learning.get(gname)
            if not L or t % L['t_epoch']:
                continue
            ep = range(t - L['t_epoch'] + 1, t + 1)
            pre = {i for s_ in ep for (p_, i) in eng_spikes.get(s_, ()) if p_ == src}
            post = {i for s_ in ep for (p_, i) in eng_spikes.get(s_, ()) if p_ == tgt}
            epoch = t // L['t_epoch']
            u_all = any(d.startswith('u') and epoch % (1 << int(d[1:])) == 0 for d in L['deps'])
            for i, o, w, d in syn:
                if u_all or ('x0' in L['deps'] and i in pre) or ('y0' in L['deps'] and o in post):
                    c = core_of[(tgt, o)]
                    per[c] = per.get(c, 0) + 1
        return per
    tiles_used = {chip.coord(c)[0] for c in blocks}
    barrier = chip.barrier(len(tiles_used))
    R = chip.r
    res = {'steps': [], 'cores': {}, 'notes': notes, 'tiles_in_use': len(tiles_used), 'barrier_ns': barrier,
           'latencies': [], 'links_total': {}, 'time_model': tm}
    core_tot = {c: dict(synaptic_ops=0, updates_active=0, updates_inactive=0, spikes=0, messages_in=0, messages_out=0,
                        busy_ns=0.0, energy_pj=0.0, synaptic_ops_pj=0.0, neuron_updates_pj=0.0, spikes_pj=0.0) for c in blocks}
    totals = dict(synaptic_ops=0, neuron_updates_active=0, neuron_updates_inactive=0, spikes=0, messages=0,
                  messages_received=0, hops_east_west=0, hops_north_south=0, within_tile_messages=0, chip_crossings=0,
                  buffer_overflows=0)
    crit_cores, crit_links = {}, {}
    for t in range(1, steps + 1):
        sp = eng_spikes.get(t, set())
        cnt = {c: dict(act=0, rest=0, fire_rest=0, spk=0, out=0, dests=0, inn=0, syn=0) for c in blocks}
        for c, (pop, f, k) in blocks.items():
            if is_lif[c]:
                u, v = states[t][pop]
                for i in range(f, f + k):
                    fired = (pop, i) in sp
                    if u[i] != 0 or v[i] != 0:
                        cnt[c]['act'] += 1
                    elif fired:
                        cnt[c]['fire_rest'] += 1
                    else:
                        cnt[c]['rest'] += 1
        msgs = []  # (source core, destination core); spiking neurons in core order, then neuron order
        packets = []  # multicast: (source core, tree links) per spike
        for (pop, i) in sorted(sp, key=lambda s: (core_of[s], s[1])):
            a = core_of[(pop, i)]
            cnt[a]['spk'] += 1
            route = msg_list(pop, i)
            cnt[a]['dests'] += len(route)   # destination_core events: one per route entry
            if multicast and route:
                cnt[a]['out'] += 1          # message_out: one packet per spike
                ds = core_dests[a] if tree == 'core' else {b for b, _ in route}
                packets.append((a, tree_of(a, ds), [b for b, _ in route], ds))
            for b, nsyn in route:
                if not multicast:
                    cnt[a]['out'] += 1
                cnt[b]['inn'] += 1; cnt[b]['syn'] += nsyn
                msgs.append((a, b))
        lupd = learning_updates(t) if net.learning else {}
        # core times and energies
        Tc, Ec = {}, {}
        for c in blocks:
            x = cnt[c]
            f = core_fmt.get(c, 'none')
            def tot(U):
                syn = x['syn'] * U['syn'].get(f, U['syn']['none'])
                neu = x['act'] * U['act'] + x['rest'] * U['rest'] + x['fire_rest'] * U['fire_rest']
                spk = x['spk'] * (U['spk_lif'] if is_lif[c] else U['spk_src']) + x['out'] * U['mout'] + x['dests'] * U['dcore'] + x['inn'] * U['in']
                return syn, neu, spk
            s_, n_, p_ = tot(UT)
            Tc[c] = s_ + n_ + p_ + lupd.get(c, 0) * LT   # chip-engine.md: learning time added to its core's step time
            Ec[c] = tot(UE)
        # traffic
        load = {}
        e_hops = e_ic = 0.0
        maxlat = 0.0
        lats = []
        hew = hns = wt = cr = 0
        for (a, b) in msgs:
            ew, ns, cross, lat, links, within = chip.route(a, b)
            if not multicast:
                wt += 1 if within else 0
                hew += ew; hns += ns; cr += cross
                for l in links:
                    load[l] = load.get(l, 0) + 1
                e_hops += ew * float(R['hop_east_west']['energy_pj']) + ns * float(R['hop_north_south']['energy_pj'])
                e_ic += cross * float(R['inter_chip']['energy_pj'])
            if within and not multicast:
                e_hops += float(R['within_tile_spike']['energy_pj'])
            lat = math.floor(lat + 0.5)   # per-step model: the path's latency to the nearest ns, halves up
            maxlat = max(maxlat, lat)
            lats.append(lat)
        for (a, links, ds, tree_ds) in packets:   # multicast: each tree link carries the packet once, one hop
            here = chip.coord(a)[0]
            nloc = [b for b in ds if chip.coord(b)[0] == here]
            # 'packet': one copy into the source's tile when the tree (the core's destinations) reaches a core there
            tree_local = any(chip.coord(b)[0] == here for b in tree_ds)
            k = {'entry': len(nloc), 'core': len(set(nloc)), 'packet': 1 if tree_local else 0,
                 'nolinks': 1 if nloc and not links else 0, 'nolinks-core': len(set(nloc)) if not links else 0}[local]
            wt += k; e_hops += k * float(R['within_tile_spike']['energy_pj'])
            for l in links:
                load[l] = load.get(l, 0) + 1
                if l[2] in ('east', 'west'):
                    hew += 1; e_hops += float(R['hop_east_west']['energy_pj'])
                else:
                    hns += 1; e_hops += float(R['hop_north_south']['energy_pj'])
                if crosses(l):
                    cr += 1; e_ic += float(R['inter_chip']['energy_pj'])
        L = max(load.values()) if load else 0
        crit_link = ''
        if load:
            best = sorted(load.items(), key=lambda kv: (-kv[1], chip.link_order_key(kv[0])))[0][0]
            crit_link = f'{best[0]}:{best[1]}:{best[2]}'
        overflow = sum(max(0, v - chip.buf) for v in load.values())
        X = (maxlat + max(L - 1, 0) / chip.bw) if msgs else 0.0
        wait = max(L - 1, 0) / (2 * chip.bw)
        res['latencies'].extend(l + wait for l in lats)
        compute = max(Tc.values()) if Tc else 0.0
        crit = min(c for c in Tc if Tc[c] == compute)
        near = sorted(c for c in Tc if abs(Tc[c] - compute) <= 1e-9 * max(1.0, compute))
        if tm == 'detailed':
            dres = detailed_step(chip, blocks, is_lif, states[t], sp, core_fmt, UT,
                                 (msg_core_list if MC_MSG == 'core' else msg_group_list if MC_MSG == 'group' else msg_list)
                                 if multicast else (msg_group_list if UC_ORDER == 'group' else msg_list), multicast,
                                 {c: k * LT for c, k in lupd.items()})
            step_time = dres['last'] + barrier
            compute_ns, routing_ns = dres['compute'], dres['last'] - dres['compute']
            crit = dres['critical_core']; near = [crit]
            crit_link_step = dres['critical_link']
        else:
            step_time = compute + X + barrier
            compute_ns, routing_ns = compute, X
            crit_link_step = crit_link
        E = dict(synaptic_ops_pj=sum(e[0] for e in Ec.values()), neuron_updates_pj=sum(e[1] for e in Ec.values()),
                 spikes_pj=sum(e[2] for e in Ec.values()), hops_pj=e_hops, inter_chip_pj=e_ic, learning_pj=sum(lupd.values()) * LE,
                 barrier_pj=chip.benergy, static_pj=chip.static_w * chip.chips * step_time * 1000.0)
        E['energy_pj'] = sum(E.values())
        row = dict(step=t, time_ns=step_time, critical_core=crit, critical_core_ties=near, spikes=len(sp),
                   synaptic_ops=sum(cnt[c]['syn'] for c in blocks), busiest_link_messages=L, compute_ns=compute_ns,
                   routing_ns=routing_ns, barrier_ns=barrier, critical_link=crit_link_step, per_step_critical_link=crit_link,
                   link_ties=[f'{k[0]}:{k[1]}:{k[2]}' for k, v in load.items() if v == L] if load else [],
                   energy=E, links={f'{k[0]}:{k[1]}:{k[2]}': v for k, v in load.items()},
                   cores={c: dict(synaptic_ops=cnt[c]['syn'], updates_active=cnt[c]['act'],
                                  updates_inactive=cnt[c]['rest'] + cnt[c]['fire_rest'], spikes=cnt[c]['spk'],
                                  messages_in=cnt[c]['inn'], messages_out=cnt[c]['out'], busy_ns=Tc[c]) for c in blocks},
                   overflows=overflow)
        res['steps'].append(row)
        for c in blocks:
            ct = core_tot[c]; x = cnt[c]
            ct['synaptic_ops'] += x['syn']
            if is_lif[c]:
                ct['updates_active'] += x['act']; ct['updates_inactive'] += x['rest'] + x['fire_rest']
            ct['spikes'] += x['spk']; ct['messages_in'] += x['inn']; ct['messages_out'] += x['out']
            ct['busy_ns'] += Tc[c]
            ct['synaptic_ops_pj'] += Ec[c][0]; ct['neuron_updates_pj'] += Ec[c][1]; ct['spikes_pj'] += Ec[c][2]
            ct['energy_pj'] += sum(Ec[c])
        totals['learning_updates'] = totals.get('learning_updates', 0) + sum(lupd.values())
        totals['synaptic_ops'] += row['synaptic_ops']
        totals['neuron_updates_active'] += sum(cnt[c]['act'] for c in blocks)
        totals['neuron_updates_inactive'] += sum(cnt[c]['rest'] + cnt[c]['fire_rest'] for c in blocks)
        totals['neuron_spikes'] = totals.get('neuron_spikes', 0) + sum(cnt[c]['spk'] for c in blocks if is_lif[c])
        totals['destination_cores'] = totals.get('destination_cores', 0) + sum(cnt[c]['dests'] for c in blocks)
        for c in blocks:
            k = 'synaptic_ops_' + core_fmt.get(c, 'none')
            totals[k] = totals.get(k, 0) + cnt[c]['syn']
        totals['spikes'] += len(sp); totals['messages'] += len(packets) if multicast else len(msgs)
        totals['messages_received'] += len(msgs)
        totals['hops_east_west'] += hew; totals['hops_north_south'] += hns; totals['within_tile_messages'] += wt
        totals['chip_crossings'] += cr; totals['buffer_overflows'] += overflow
        for k, v in load.items():
            kk = f'{k[0]}:{k[1]}:{k[2]}'
            res['links_total'][kk] = res['links_total'].get(kk, 0) + v
        crit_cores[crit] = crit_cores.get(crit, 0) + 1
        if crit_link_step:
            crit_links[crit_link_step] = crit_links.get(crit_link_step, 0) + 1
    res['cores'] = core_tot
    res['counts'] = totals
    res['critical'] = {'cores': crit_cores, 'links': crit_links}
    res['energy_total'] = {k: sum(r['energy'][k] for r in res['steps']) for k in res['steps'][0]['energy']} if res['steps'] else {}
    res['simulated_time_ns'] = sum(r['time_ns'] for r in res['steps'])
    res['core_fmt'] = core_fmt
    return res

# ---------------------------------------------------------------- detailed (SANA-FE scheduler, time-model.md)
GRP_DEST = os.environ.get('TIMEMODEL_GROUP_DEST', 'synapse')  # a group's destination cores: by first 'synapse', or by 'core' number
UC_ORDER = os.environ.get('TIMEMODEL_UC_ORDER', 'group')  # detailed, unicast: route entries by 'dest' core, or by 'group'
MC_MSG = os.environ.get('TIMEMODEL_MC_MSG', 'group')  # detailed, multicast: a message per route 'entry' or per destination 'core'
MC_OUT = os.environ.get('TIMEMODEL_MC_OUT', 'each')   # detailed, multicast: message_out on a spike's 'first' message or on 'each'

def detailed_step(chip, blocks, is_lif, state, sp, core_fmt, UT, msg_list, multicast=False, learn=None):
    """One step of the detailed model: every core works through its neurons in order and queues a message as soon
    as it has paid for it; the earliest send of all cores is processed next (SANA-FE's scheduler), its network time
    from the path latency and the message density on the ports it uses, its receive and synapse work queued on the
    destination core. Returns the time of the last event, the last send (compute), the critical core and link."""
    # send queues per core: list of (g, msg or None)
    queues = {}
    for c in sorted(blocks):
        pop, f, k = blocks[c]
        q = []
        acc = 0.0
        if is_lif[c]:
            u, v = state[pop]
            for i in range(f, f + k):
                fired = (pop, i) in sp
                if u[i] != 0 or v[i] != 0:
                    acc += UT['act']
                elif fired:
                    acc += UT['fire_rest']
                else:
                    acc += UT['rest']
                if fired:
                    acc += UT['spk_lif']
                    for j, (b, nsyn) in enumerate(msg_list(pop, i)):
                        acc += UT['out'] if not multicast or j == 0 or MC_OUT == 'each' else UT['dcore']
                        q.append((acc, (c, b, nsyn)))
                        acc = 0.0
        else:
            for i in range(f, f + k):
                if (pop, i) in sp:
                    acc += UT['spk_src']
                    for j, (b, nsyn) in enumerate(msg_list(pop, i)):
                        acc += UT['out'] if not multicast or j == 0 or MC_OUT == 'each' else UT['dcore']
                        q.append((acc, (c, b, nsyn)))
                        acc = 0.0
        if acc > 0 or not q:
            q.append((acc, None))
        queues[c] = q
    heap = []
    pos = {c: 0 for c in queues}
    for c, q in queues.items():
        heapq.heappush(heap, (q[0][0], c))
    finish = {c: 0.0 for c in blocks}
    last_send = {}
    density = {}
    inflight = []  # (arrive, links, p)
    psum = [0.0, 0]
    last_event, crit_core, crit_link, compute = 0.0, min(blocks), '', 0.0
    buf = chip.buf
    def port_links(a, b):
        ew, ns, cross, lat, links, within = chip.route(a, b)
        # links = input ports: the core's port into its router, then the port by which it enters each next tile
        ports = [('core', a)] + [('in',) + l for l in links]
        return ew + ns, lat, ports
    while heap:
        s, c = heapq.heappop(heap)
        msg = queues[c][pos[c]][1]
        # retire messages received by s
        keep = []
        for m in inflight:
            if m[0] <= s:
                for l in m[1]:
                    density[l] -= m[3]
                psum[0] -= m[2]; psum[1] -= 1
            else:
                keep.append(m)
        inflight[:] = keep
        mean = psum[0] / psum[1] if psum[1] else 0.0
        if msg is not None:
            a, b, nsyn = msg
            h, tpath, ports = port_links(a, b)
            p = UT['in'] + nsyn * UT['syn'].get(core_fmt.get(b, 'none'), 0.0)
            D = sum(density.get(l, 0.0) for l in ports)
            C = (h + 1) * buf
            if D > C:
                s = s + (D - C) * mean
            net_ = max(tpath, D * mean / (h + 1))
            arrive = max(finish[b], s + net_)
            finish[b] = max(finish[b] + p, s + net_ + p)
            dens = 1.0 / (h + 2)
            for l in ports:
                density[l] = density.get(l, 0.0) + dens
            inflight.append((arrive, ports, p, dens))
            if os.environ.get('TIMEMODEL_DEBUG'):
                print(f'msg {a}->{b} s={s:.4f} h={h} tpath={tpath} D={D:.4f} mean={mean:.4f} net={net_:.4f} p={p:.4f} finish={finish[b]:.4f}')
            psum[0] += p; psum[1] += 1
            if finish[b] > last_event:
                last_event, crit_core = finish[b], b
                crit_link = ''
                mesh = [l for l in ports if l[0] == 'in']
                if mesh:
                    bestd = max(density.get(l, 0) for l in mesh)
                    for l in mesh:
                        if density.get(l, 0) == bestd:
                            crit_link = f'{l[1]}:{l[2]}:{l[3]}'; break
        compute = max(compute, s)
        last_send[c] = s
        if s > last_event:
            last_event, crit_core, crit_link = s, c, ''
        pos[c] += 1
        if pos[c] < len(queues[c]):
            heapq.heappush(heap, (s + queues[c][pos[c]][0], c))
    # time-model.md step 5: a core's learning ends at max(last send, finish_c) + its updates' time
    for c in sorted(learn or {}):
        if learn[c] <= 0:
            continue
        end = max(last_send.get(c, 0.0), finish[c]) + learn[c]
        compute = max(compute, end)
        if end > last_event:
            last_event, crit_core, crit_link = end, c, ''
    return dict(last=last_event, compute=compute, critical_core=crit_core, critical_link=crit_link)

if __name__ == '__main__':
    ap = argparse.ArgumentParser()
    ap.add_argument('chip'); ap.add_argument('net'); ap.add_argument('run')
    ap.add_argument('--map'); ap.add_argument('--chips', type=int, default=0)
    ap.add_argument('--time-model'); ap.add_argument('--out')
    ap.add_argument('--tree', choices=['core', 'neuron'], help='multicast: the tree of the core (default) or of the neuron')
    a = ap.parse_args()
    res = model(a.chip, a.net, a.run, a.map, a.chips, a.time_model, a.tree)
    js = json.dumps(res, indent=1, default=str)
    if a.out:
        open(a.out, 'w').write(js)
    else:
        print(js)
