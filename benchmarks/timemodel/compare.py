#!/usr/bin/env python3
"""Compare model.py's result with the chip engine's outputs in a run directory (`spikemesh run --backend chip --out
RUN_DIR --core-counters-every 1`): per step (time_per_step.csv, energy_per_step.csv), per step and core
(core_counters_by_step.csv), per step and link (link_loads_by_step.csv), per core and per link over the run
(core_counters.csv, link_loads.csv), and the run's totals (summary.json, latency_histogram.csv).
Times and energies agree within 1e-6 + 1e-9 relative (1e-7 for sums over the run), counts exactly.

usage: compare.py MODEL.json RUN_DIR
Prints one line per disagreement: KIND, where (step, core, link), model's value, engine's value."""
import sys, json, csv, os, math, collections

def rd(p):
    with open(p) as f:
        return list(csv.DictReader(f))

def close(a, b, rel=1e-9, ab=1e-6):
    return abs(a - b) <= ab + rel * max(abs(a), abs(b))

def compare(m, run):
    """the disagreements between model result M (model.model's dict, through JSON) and run directory RUN"""
    out = []
    def bad(kind, where, mv, ev):
        out.append((kind, where, mv, ev))
    summ = json.load(open(os.path.join(run, 'summary.json')))['chip']
    for n in m['notes']:
        bad('note', '', n, '')
    tps = rd(os.path.join(run, 'time_per_step.csv'))
    eps = rd(os.path.join(run, 'energy_per_step.csv'))
    for r, e, ms in zip(tps, eps, m['steps']):
        t = int(r['step'])
        assert t == ms['step']
        for k in ('time_ns', 'compute_ns', 'routing_ns', 'barrier_ns'):
            if not close(float(r[k]), ms[k]):
                bad(k, t, ms[k], float(r[k]))
        for k in ('spikes', 'synaptic_ops', 'busiest_link_messages'):
            if int(r[k]) != ms[k]:
                bad(k, t, ms[k], int(r[k]))
        if int(r['critical_core']) != ms['critical_core'] and int(r['critical_core']) not in ms['critical_core_ties']:
            bad('critical_core', t, ms['critical_core'], int(r['critical_core']))
        if r['critical_link'] != ms['critical_link']:
            kind = 'critical_link' if r['critical_link'] not in ms.get('link_ties', []) else 'critical_link_tie'
            bad(kind, t, ms['critical_link'], r['critical_link'])
        for k, v in ms['energy'].items():
            if not close(float(e[k]), v):
                bad('E.' + k, t, v, float(e[k]))
    # per-step per-core
    p = os.path.join(run, 'core_counters_by_step.csv')
    if os.path.exists(p):
        seen = set()
        for r in rd(p):
            t, c = int(r['step']), int(r['core'])
            mc = m['steps'][t - 1]['cores'].get(str(c)) or m['steps'][t - 1]['cores'].get(c)
            seen.add((t, c))
            if mc is None:
                bad('core_missing', (t, c), None, r); continue
            for k in ('synaptic_ops', 'updates_active', 'spikes', 'messages_in', 'messages_out'):
                if int(r[k]) != mc[k]:
                    bad('core.' + k, (t, c), mc[k], int(r[k]))
            if not close(float(r['busy_ns']), mc['busy_ns']):
                bad('core.busy_ns', (t, c), mc['busy_ns'], float(r['busy_ns']))
    p = os.path.join(run, 'link_loads_by_step.csv')
    if os.path.exists(p):
        eng = {}
        for r in rd(p):
            eng[(int(r['step']), f"{r['tile_x']}:{r['tile_y']}:{r['direction']}")] = int(r['messages'])
        mod = {}
        for ms in m['steps']:
            for k, v in ms['links'].items():
                mod[(ms['step'], k)] = v
        for k in set(eng) | set(mod):
            if eng.get(k, 0) != mod.get(k, 0):
                bad('link_step', k, mod.get(k, 0), eng.get(k, 0))
    # run totals per core
    for r in rd(os.path.join(run, 'core_counters.csv')):
        c = r['core']
        mc = m['cores'].get(c) or m['cores'].get(int(c))
        for k in ('synaptic_ops', 'updates_active', 'updates_inactive', 'spikes', 'messages_in', 'messages_out'):
            if int(r[k]) != mc[k]:
                bad('coretot.' + k, c, mc[k], int(r[k]))
        for k in ('busy_ns', 'energy_pj', 'synaptic_ops_pj', 'neuron_updates_pj', 'spikes_pj'):
            if not close(float(r[k]), mc[k], 1e-7):
                bad('coretot.' + k, c, mc[k], float(r[k]))
    for r in rd(os.path.join(run, 'link_loads.csv')):
        k = f"{r['tile_x']}:{r['tile_y']}:{r['direction']}"
        if int(r['messages']) != m['links_total'].get(k, 0):
            bad('linktot', k, m['links_total'].get(k, 0), int(r['messages']))
    # summary
    if summ['tiles_in_use'] != m['tiles_in_use']:
        bad('tiles_in_use', '', m['tiles_in_use'], summ['tiles_in_use'])
    if not close(summ['simulated_time_ns'], m['simulated_time_ns'], 1e-7):
        bad('simulated_time_ns', '', m['simulated_time_ns'], summ['simulated_time_ns'])
    for k, v in summ['energy_pj'].items():
        mk = k + '_pj' if k != 'total' else 'energy_pj'
        if mk in m['energy_total'] and not close(v, m['energy_total'][mk], 1e-7):
            bad('Etot.' + k, '', m['energy_total'][mk], v)
    for k, v in summ['counts'].items():
        if k in m['counts'] and m['counts'][k] != v:
            bad('count.' + k, '', m['counts'][k], v)
    tot = summ['energy_pj']['total']; st = summ['simulated_time_ns']; so = summ['counts']['synaptic_ops']
    if st and not close(summ['average_power_mw'], tot / st, 1e-7):
        bad('average_power_mw', '', tot / st, summ['average_power_mw'])
    if so and not close(summ['energy_per_synaptic_event_pj'], tot / so, 1e-7):
        bad('energy_per_synaptic_event_pj', '', tot / so, summ['energy_per_synaptic_event_pj'])
    if st and not close(summ['synaptic_ops_per_second'], so / st * 1e9, 1e-7):
        bad('synaptic_ops_per_second', '', so / st * 1e9, summ['synaptic_ops_per_second'])
    if summ['cores_used'] != len(m['cores']):
        bad('cores_used', '', len(m['cores']), summ['cores_used'])
    lat = m['latencies']
    ml = summ.get('message_latency_ns')
    if lat and ml:
        if ml['count'] != len(lat):
            bad('latency.count', '', len(lat), ml['count'])
        if not close(min(lat), ml['min'], 0, 0.5) or not close(max(lat), ml['max'], 0, 0.5):
            bad('latency.minmax', '', (min(lat), max(lat)), (ml['min'], ml['max']))
    hp = os.path.join(run, 'latency_histogram.csv')
    if os.path.exists(hp):
        eh = {int(r['latency_ns']): int(r['messages']) for r in rd(hp)}
        mh = dict(collections.Counter(math.floor(x + 0.5 + 1e-9) for x in lat))
        if eh != mh:
            bad('latency.histogram', '', sorted(mh.items()), sorted(eh.items()))
        elif ml and lat:
            mean = sum(k * v for k, v in mh.items()) / len(lat)
            if not close(mean, ml['mean'], 1e-9):
                bad('latency.mean_of_hist', '', mean, ml['mean'])
    cc = {str(k): v for k, v in m['critical']['cores'].items()}
    if cc != summ['critical']['cores']:
        bad('critical.cores', '', cc, summ['critical']['cores'])
    if m['critical']['links'] != summ['critical'].get('links', {}):
        bad('critical.links', '', m['critical']['links'], summ['critical'].get('links', {}))
    return out

if __name__ == '__main__':
    m = json.load(open(sys.argv[1]))
    out = compare(m, sys.argv[2])
    for o in out[:200]:
        print(*o, sep='\t')
    print(f'# {len(out)} disagreements')
