#!/usr/bin/env python3
"""Hand cases: small networks pinned to chosen cores, whose run time and energy are worked out by hand from the docs
(the arithmetic is in each case's `why`, and in README.md). Each is run on the chip engine and checked against the
hand figures, and model.py is compared with the run as rand.py does.

usage: hand.py [--work DIR] [CASE...]      (all cases by default; outputs in WORK/<case>/, default a temporary dir)
Exits 1 if any case disagrees.
"""
import os, sys, argparse
import runner

LIF = '{name: %s, type: LIF, shape: [1], vth: 10}'
def rest_lifs(n):
    """n LIF neurons that stay at rest, one population each"""
    return ('format: spikemesh-network/1\nprocesses:\n' + ''.join(f'  - {LIF % f"p{i}"}\n' for i in range(n))
            + 'connections: []\n')

ONE_SPIKE = """format: spikemesh-network/1
processes:
  - {name: src, type: SpikeInput, shape: [1], spikes: {0: [1]}}
  - {name: syn, type: Dense, weights: [[5]]}
  - {name: lif, type: LIF, shape: [1], du: 4095, dv: 0, vth: 10}
connections:
  - [src.s_out, syn.s_in]
  - [syn.a_out, lif.a_in]
"""
TWO_SPIKES = """format: spikemesh-network/1
processes:
  - {name: src, type: SpikeInput, shape: [2], spikes: {0: [1], 1: [1]}}
  - {name: syn, type: Dense, weights: [[5, 5]]}
  - {name: lif, type: LIF, shape: [1], du: 4095, dv: 0, vth: 10}
connections:
  - [src.s_out, syn.s_in]
  - [syn.a_out, lif.a_in]
"""
TWO_GROUPS = """format: spikemesh-network/1
processes:
  - {name: src, type: SpikeInput, shape: [1], spikes: {0: [1]}}
  - {name: ga, type: Dense, weights: [[5]]}
  - {name: gb, type: Dense, weights: [[7]]}
  - {name: lif, type: LIF, shape: [1], du: 4095, dv: 0, vth: 100}
connections:
  - [src.s_out, ga.s_in]
  - [ga.a_out, lif.a_in]
  - [src.s_out, gb.s_in]
  - [gb.a_out, lif.a_in]
"""
FAN_OUT = """format: spikemesh-network/1
processes:
  - {name: src, type: SpikeInput, shape: [1], spikes: {0: [1]}}
  - {name: s1, type: Dense, weights: [[200]]}
  - {name: mid, type: LIF, shape: [1], du: 4095, dv: 4095, vth: 10}
  - {name: s2, type: Dense, weights: [[50]]}
  - {name: a, type: LIF, shape: [1], du: 4095, dv: 4095, vth: 100}
  - {name: s3, type: Dense, weights: [[50]]}
  - {name: b, type: LIF, shape: [1], du: 4095, dv: 4095, vth: 100}
connections:
  - [src.s_out, s1.s_in]
  - [s1.a_out, mid.a_in]
  - [mid.s_out, s2.s_in]
  - [s2.a_out, a.a_in]
  - [mid.s_out, s3.s_in]
  - [s3.a_out, b.a_in]
"""

FORK = """format: spikemesh-network/1
processes:
  - {name: src, type: SpikeInput, shape: [1], spikes: {0: [1]}}
  - {name: ga, type: Dense, weights: [[5]]}
  - {name: a, type: LIF, shape: [1], du: 4095, dv: 0, vth: 100}
  - {name: gb, type: Dense, weights: [[5]]}
  - {name: b, type: LIF, shape: [1], du: 4095, dv: 0, vth: 100}
connections:
  - [src.s_out, ga.s_in]
  - [ga.a_out, a.a_in]
  - [src.s_out, gb.s_in]
  - [gb.a_out, b.a_in]
"""
SELF_AND_NEIGHBOUR = """format: spikemesh-network/1
processes:
  - {name: x, type: LIF, shape: [1], du: 4095, dv: 4095, vth: 10, bias_mant: 1000}
  - {name: gs, type: Dense, weights: [[1]]}
  - {name: ga, type: Dense, weights: [[1]]}
  - {name: a, type: LIF, shape: [1], du: 4095, dv: 4095, vth: 100}
connections:
  - [x.s_out, gs.s_in]
  - [gs.a_out, x.a_in]
  - [x.s_out, ga.s_in]
  - [ga.a_out, a.a_in]
"""
ROUTE_ORDER = """format: spikemesh-network/1
processes:
  - {name: src, type: SpikeInput, shape: [1], spikes: {0: [1]}}
  - {name: g0, type: Dense, weights: [[5]]}
  - {name: g1, type: Dense, weights: [[5]]}
  - {name: g2, type: Dense, weights: [[5]]}
  - {name: a, type: LIF, shape: [1], du: 4095, dv: 4095, vth: 100}
  - {name: b, type: LIF, shape: [1], du: 4095, dv: 4095, vth: 100}
connections:
  - [src.s_out, g0.s_in]
  - [g0.a_out, a.a_in]
  - [src.s_out, g1.s_in]
  - [g1.a_out, b.a_in]
  - [src.s_out, g2.s_in]
  - [g2.a_out, a.a_in]
"""

def pins(*rows):
    """placement rows (population, chip, core), each population's block starting at neuron 0"""
    return 'population,first_neuron,chip,core\n' + ''.join(f'{p},0,{ch},{c}\n' for p, ch, c in rows)

def spread(n, stride, per_chip=None):
    """pins for p0..p(n-1): core i*stride, continuing on the next chip after per_chip populations"""
    rows = []
    for i in range(n):
        ch, j = divmod(i, per_chip) if per_chip else (0, i)
        rows.append((f'p{i}', ch, j * stride))
    return pins(*rows)

# name: (chip, time model, chips, steps, network, placement, time ns, energy pJ, why)
CASES = {
    'teaching-rest-1': ('teaching-2x2', None, 0, 1, rest_lifs(1), None, 101.0, 161.0,
        'one LIF at rest: t_rest 1 + barrier(1 tile) 100 = 101 ns; 10 (update) + 50 (barrier) + 1 mW x 101 ns = 161 pJ'),
    'teaching-rest-2': ('teaching-2x2', None, 0, 1, rest_lifs(2), None, 201.0, 271.0,
        'two LIFs on two tiles (one core per tile): 1 + barrier(2) 200 (linear, 100 per tile) = 201; 20 + 50 + 201 = 271'),
    'teaching-rest-3': ('teaching-2x2', None, 0, 1, rest_lifs(3), None, 301.0, 381.0,
        'three tiles: 1 + 300 = 301; 30 + 50 + 301 = 381'),
    'teaching-rest-4': ('teaching-2x2', None, 0, 1, rest_lifs(4), None, 401.0, 491.0,
        'four tiles: 1 + 400 = 401; 40 + 50 + 401 = 491'),
    'teaching-one-spike': ('teaching-2x2', None, 0, 2, ONE_SPIKE, pins(('src', 0, 0), ('lif', 0, 3)), 435.0, 615.0,
        'step 1: source core t_spk 1; core 3 t_rest 1 + t_in 1 + t_syn 1 = 3; path (0,0)->(1,1) 10 + 20 = 30, L = 1; '
        'barrier(2 tiles) 200: 233. Step 2: the LIF is active (u = v = 5 << 6): 2 + 200 = 202. 435 ns. '
        'Energy: synop 10, updates 10 + 20, spike 5 + receive 5, hops 10 + 20, barrier 2 x 50, static 435: 615 pJ'),
    'teaching-two-spikes': ('teaching-2x2', None, 0, 1, TWO_SPIKES, pins(('src', 0, 0), ('lif', 0, 1)), 225.0, 345.0,
        'two messages over link 0:0:east: core 1 1 + 2 x (1 + 1) = 5; X = 10 + (2 - 1) / 0.1 = 20; 5 + 20 + 200 = 225; '
        'synops 20, update 10, spikes 2 x 5 + receives 2 x 5, hops 2 x 10, barrier 50, static 225: 345'),
    'teaching-two-groups': ('teaching-2x2', None, 0, 1, TWO_GROUPS, pins(('src', 0, 0), ('lif', 0, 1)), 225.0, 340.0,
        'one spike, two synapse groups into one core: two route entries, two messages (SANA-FE would send one: '
        '4 + 10 + 200 = 214 ns): core 1 1 + 2 x 2 = 5; X = 10 + 1 / 0.1 = 20; 225 ns; synops 20, update 10, '
        'spike 5 + receives 10, hops 20, barrier 50, static 225: 340 pJ'),
    'calibrated-rest-1': ('loihi-calibrated', 'per-step', 0, 1, rest_lifs(1), spread(1, 4), 606.0, 51.2,
        't_rest = neuron_step 6.0; barrier(1 tile) 600: 606 ns; 51.2 pJ (neuron_access)'),
    'calibrated-rest-2': ('loihi-calibrated', 'per-step', 0, 1, rest_lifs(2), spread(2, 4), 1006.0, 102.4,
        'cores 0, 4: two tiles, barrier 1000 (step table): 1006; 2 x 51.2'),
    'calibrated-rest-3': ('loihi-calibrated', 'per-step', 0, 1, rest_lifs(3), spread(3, 4), 1006.0, 153.6,
        'three tiles: the step table\'s entry at or below 3 is 2 tiles, 1000: 1006; 3 x 51.2'),
    'calibrated-rest-4': ('loihi-calibrated', 'per-step', 0, 1, rest_lifs(4), spread(4, 4), 1406.0, 204.8,
        'four tiles: 1400: 1406; 4 x 51.2'),
    'calibrated-fan-out': ('loihi-calibrated', None, 0, 3, FAN_OUT,
        pins(('src', 0, 0), ('mid', 0, 4), ('a', 0, 36), ('b', 0, 12)), 4316.6, 1047.6,
        'detailed; tiles 0, 1, 9, 3 in use: barrier 1400. Step 1: source sends at g = t_out 5.1, 1 east hop 4.1, '
        'p = t_in 16 + dense synop 3.8 = 19.8: finish 5.1 + 4.1 + 19.8 = 29.0. Step 2: mid fires: t_act 9.7 + '
        't_spk 30 + t_out 5.1 = 44.8 to a (1 north hop, 6.5): finish 71.1; 5.1 later (49.9) to b (2 east hops, 8.2; '
        'D = 1/3 on the core port, under capacity 48; 1/3 x 19.8 / 3 = 2.2 < 8.2): finish 77.9. Step 3: a, b active, '
        'last event 9.7. 1429.0 + 1477.9 + 1409.7 = 4316.6 ns. Energy: step 1 111 + 35.5 + 3 x 51.2 + 3.0 = 303.1; '
        'step 2 72.8 + 69.3 + 2 x 111 + 2 x 51.2 + 2 x 35.5 + 4.2 + 2 x 3.0 = 547.7; step 3 2 x 72.8 + 51.2 = 196.8'),
    'loihi-rest-1': ('loihi-like', None, 0, 1, rest_lifs(1), None, 118.3, 52.0,
        't_rest 5.3 + barrier(1 tile) 113 = 118.3; 52'),
    'loihi-rest-3': ('loihi-like', None, 0, 1, rest_lifs(3), None, 118.3, 156.0,
        'three cores in tile 0 (four cores per tile): 118.3; 3 x 52'),
    'loihi-rest-8': ('loihi-like', None, 0, 1, rest_lifs(8), None, 5.3 + 113 + 352 / 31, 416.0,
        'eight cores, two tiles: barrier 113 + (2 - 1) x (465 - 113) / 31 = 124.354838...; + 5.3; 8 x 52'),
    'loihi-one-hop': ('loihi-like', None, 0, 1, ONE_SPIKE, pins(('src', 0, 0), ('lif', 0, 4)), 8.8 + 4 + 113 + 352 / 31, 80.3,
        'core 4 t_rest 5.3 + t_in 0 + synop 3.5 = 8.8; one east hop 4.1 ns counts 4 (whole path rounded); barrier '
        '124.3548...: 137.1548 ns; synop 23.6 + update 52 + spike 1.7 + hop 3.0 = 80.3 pJ'),
    'half-rest-1': ('tiny-half', None, 0, 1, rest_lifs(1), spread(1, 2), 30.5, 125.0,
        't_rest 0.5 + barrier 30 (below the first entry, 3 tiles); 1.0 + 2 (barrier) + 2 mW x 2 chips x 30.5 = 125'),
    'half-rest-8': ('tiny-half', None, 0, 1, rest_lifs(8), spread(8, 2, per_chip=6), 55.5, 232.0,
        'eight tiles over two chips: barrier extrapolated 30 + (8 - 3) x 15 / 3 = 55: 55.5; 8 + 2 + 4 mW x 55.5 = 232'),
    'half-east-hop': ('tiny-half', None, 0, 1, ONE_SPIKE, pins(('src', 0, 0), ('lif', 0, 2)), 34.5, 147.0,
        'core 2 0.5 + 0.5 + 0.5 = 1.5; one east hop of 2.5 ns counts 3 (halves up); barrier 30: 34.5; '
        'synop 1.5 + update 1.0 + spike 2.0 + receive 0.5 + hop 2.0 + barrier 2 + static 4 mW x 34.5 = 147'),
    'half-within-tile': ('tiny-half', None, 0, 1, ONE_SPIKE, pins(('src', 0, 0), ('lif', 0, 1)), 32.5, 137.5,
        'same tile: 0.5 ns counts 1: 1.5 + 1 + 30 = 32.5; 1.5 + 1.0 + 2.5 + 0.5 + 2 + 130 = 137.5'),
    'half-two-hops': ('tiny-half', None, 0, 1, ONE_SPIKE, pins(('src', 0, 0), ('lif', 0, 8)), 35.5, 154.0,
        'tile (1,1): east 2.5 + north 1.5 = 4.0 counts 4 (rounding each hop would give 5): 1.5 + 4 + 30 = 35.5; '
        '1.5 + 1.0 + 2.5 + 2.0 + 3.0 + 2 + 142 = 154'),
    'events-two-groups': ('tiny-events', None, 0, 1, TWO_GROUPS, pins(('src', 0, 0), ('lif', 0, 2)),
        9.225 + 4 + 1 / 0.3 + 50, 62.55 + 0.0013 * 2 * (9.225 + 4 + 1 / 0.3 + 50) * 1000,
        'source: t_spk 1.7 + 0.375, 2 route entries x t_out (0.5 + 0.0625): 3.2; core 2: t_rest 1.1 + 0.5 + 0.125 '
        '+ 2 x t_in (0.3 + 1.5) + 2 x dense synop (0.7 + 0.25 + 1.0) = 9.225; X = 4 (4.1 rounded) + 1 / 0.3; '
        'barrier 50 (step table, 2 tiles): 66.5583 ns. Energy: synops 2 x 3.8, update 10.3, spike 3.65 + 2 x (11 + '
        '1.25) + 2 x 1.4, hops 2 x 3.1, barrier 7.5: 62.55, + 1.3 mW x 2 chips x 66.5583 = 235.6017 pJ'),
    'mc-fork': ('mc-fork', None, 0, 1, FORK, pins(('src', 0, 0), ('a', 0, 4), ('b', 0, 2)), 323.0, 448.0,
        'multicast (compiler.md\'s fork): source core 0 to cores 4 (tile (2,0)) and 2 (tile (1,0)); the tree is '
        '0:0:east and 1:0:east, each carrying the packet once: 2 hops, L = 1 (unicast: 3 hops, L = 2). Cores a, b '
        't_rest 1 + t_in 1 + t_syn 1 = 3; X = 20 (2 hops) + 0; barrier(3 tiles) 300: 323 ns. Spike 5, receives 2 x 5, '
        'synops 2 x 10, updates 2 x 10, hops 2 x 10, barrier 50, static 323: 448 pJ'),
    'mc-local-plus-hop': ('mc-fork', None, 0, 1, FORK, pins(('src', 0, 0), ('a', 0, 1), ('b', 0, 2)), 213.0, 329.0,
        'multicast: a in the source\'s tile (core 1), b one hop east (core 2). 3 + X 10 (the longest path; a\'s is '
        '1 ns) + barrier(2) 200 = 213 ns. Energy: spike 5, receives 10, synops 20, updates 20, hop 10, the copy into '
        'the source\'s tile 1, barrier 50, static 213: 329 pJ (the engine charged no within-tile delivery when the '
        'packet also left the tile, 328 pJ, until 2026-12-06)'),
    'mc-self-and-neighbour': ('mc-fork', None, 0, 1, SELF_AND_NEIGHBOUR, pins(('x', 0, 0), ('a', 0, 1)), 105.0, 211.0,
        'multicast: x fires on its bias alone (1000 > 10 << 6, at rest after: t_rest) to itself (core 0) and to core 1, '
        'one tile: core 0 1 + t_spk 1 + t_in 1 + t_syn 1 = 4; X = 1 (within tile); barrier(1) 100: 105 ns. Energy: '
        'updates 20, spike 5, receives 10, synops 20, one within-tile delivery per packet 1 (the engine; unicast '
        'charges one per message, 2), barrier 50, static 105: 211 pJ'),
    'mc-detailed-message-out': ('mc-fork-out', None, 0, 1, FORK, pins(('src', 0, 0), ('a', 0, 2), ('b', 0, 4)), 343.0, 475.0,
        'multicast, detailed, message_out 10 ns / 7 pJ: the source sends to a (core 2, 1 hop) at t_spk 1 + t_out 10 = 11 '
        'and to b (core 4, 2 hops) at 21: the detailed model charges message_out per message (per route entry), '
        'the per-step model (331 ns: source core 11 + X 20 + 300) and the energy (7 pJ once) per spike. b finishes '
        'at 21 + 20 + t_in 1 + synop 1 = 43; barrier(3) 300: 343 ns (once per spike would give 333). Energy: spike 5 '
        '+ message_out 7 + receives 10, synops 20, updates 20, hops 20, barrier 50, static 343: 475 pJ'),
    'calibrated-route-order': ('loihi-calibrated', None, 0, 1, ROUTE_ORDER, pins(('src', 0, 0), ('a', 0, 4), ('b', 0, 124)),
        1078.2, None,
        'detailed; one spike through g0 (to a, core 4), g1 (to b, core 124: 7 east + 3 north hops, 48.2 ns) and g2 (to '
        'a). The engine sends the route entries group by group: a at 5.1, b at 10.2, a at 15.3; b finishes at '
        '10.2 + 48.2 + 19.8 = 78.2, the last event; tiles 0, 1, 31 in use: barrier 1000: 1078.2 ns. Destination '
        'by destination (a, a, b) would send b at 15.3 and give 1083.3'),
}

def close(a, b):
    return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('cases', nargs='*')
    ap.add_argument('--work')
    a = ap.parse_args()
    work = runner.work_dir(a.work, 'spikemesh-timemodel-hand-')
    failed = 0
    for name in a.cases or CASES:
        chip, tm, chips, steps, net, placement, t_ns, e_pj, why = CASES[name]
        d = os.path.join(work, name)
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, 'net.yaml'), 'w') as f:
            f.write(net)
        pin_file = None
        if placement:
            pin_file = os.path.join(d, 'pins.csv')
            with open(pin_file, 'w') as f:
                f.write(placement)
        status, diffs, summ = runner.run_and_compare(chip, os.path.join(d, 'net.yaml'), d, steps, tm, chips, pin_file)
        if status != 'ok':
            failed += 1
            print(name, status, diffs, sep='\t')
            continue
        got_t, got_e = summ['chip']['simulated_time_ns'], summ['chip']['energy_pj']['total']
        if e_pj is None:
            e_pj = got_e   # time only
        ok = close(got_t, t_ns) and close(got_e, e_pj) and not diffs
        failed += 0 if ok else 1
        print(name, 'ok' if ok else 'DISAGREES', f'time {got_t:.6g} ns (hand {t_ns:.6g})',
              f'energy {got_e:.6g} pJ (hand {e_pj:.6g})', f'model disagreements {len(diffs)}', sep='\t')
        if not ok:
            print('   ', why)
    print(f'# {len(a.cases or CASES)} hand cases, {failed} disagreeing; work directory {work}')
    sys.exit(1 if failed else 0)

if __name__ == '__main__':
    main()
