#!/usr/bin/env python3
"""Random networks: generates them (gen.py), runs each on the chip engine, models it (model.py), compares (compare.py).

usage: rand.py CHIP SEED_FROM SEED_TO [--time-model per-step|detailed] [--chips N] [--steps 30] [--jobs 4] [--work DIR]

CHIP is a preset name (teaching-2x2, loihi-like, loihi-calibrated, ...), a chip file, or the name of a file in chips/
(tiny-events, tiny-half, tiny-multi). Seeds SEED_FROM..SEED_TO-1. Every LIF's u and v are recorded, so that the
model's own LIF simulation is checked against the engine's too. Each network goes to WORK/<chip>/<seed>/ (net.yaml,
run/, model.json, diffs.tsv); WORK defaults to a new temporary directory. Prints one line per network, then the totals;
exits 1 if anything disagreed or failed.
"""
import os, argparse, csv, random, subprocess
import gen, runner

def spread_placement(chip, net, d, seed, k, cfg):
    """a placement file pinning every block (from `spikemesh map --write-placement`) to a random core of k random
    chips (seeded), so that small networks spread over a multi-chip system such as spinnaker-like"""
    cf, chip_arg = runner.chip_file(chip)
    first = os.path.join(d, 'blocks.csv')
    r = subprocess.run(runner.cli() + ['map', net, '--chip', chip_arg, '--write-placement', first, '-q'],
                       capture_output=True, text=True)
    if r.returncode != 0:
        return None
    rows = [l for l in csv.reader(open(first)) if l and not l[0].startswith('#')]
    if rows and not rows[0][1].strip().isdigit():
        rows = rows[1:]
    rng = random.Random(1000 + seed)
    chips_ = rng.sample(range(cfg.chips), min(k, cfg.chips))
    cells = rng.sample([(c, i) for c in chips_ for i in range(cfg.cpc)], len(rows))
    out = os.path.join(d, 'placement.csv')
    with open(out, 'w') as f:
        f.write('population,first_neuron,chip,core\n')
        for row, (c, i) in zip(rows, cells):
            f.write(f'{row[0]},{row[1]},{c},{i}\n')
    return out

def one(chip, seed, steps, time_model, chips, work, spread=0):
    cfg = runner.load_chip(chip, chips)
    max_delay = min(63, (1 << cfg.core['synapse_encoding']['delay_bits']) - 1)
    max_pops = cfg.cpc * cfg.chips if cfg.cpc * cfg.chips < 8 else 6   # every population needs a core of its own
    d = os.path.join(work, os.path.basename(chip).replace('.yaml', '') + (f'-{time_model}' if time_model else '')
                     + (f'-c{chips}' if chips else '') + (f'-s{spread}' if spread else ''), str(seed))
    os.makedirs(d, exist_ok=True)
    procs, conns = gen.generate(seed, max_delay, max_pops, steps)
    return runner.compare_network(seed, d, gen.to_yaml(procs, conns, seed), procs, chip, steps,
                                  lambda c: c['messages'], time_model, chips,
                                  (lambda net: spread_placement(chip, net, d, seed, spread, cfg)) if spread else None)

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('chip'); ap.add_argument('seed_from', type=int); ap.add_argument('seed_to', type=int)
    ap.add_argument('--time-model', choices=['per-step', 'detailed'])
    ap.add_argument('--chips', type=int, default=0)
    ap.add_argument('--steps', type=int, default=30)
    ap.add_argument('--jobs', type=int, default=4)
    ap.add_argument('--work')
    ap.add_argument('--spread', type=int, default=0, help='pin the blocks to random cores of this many random chips')
    a = ap.parse_args()
    work = runner.work_dir(a.work, 'spikemesh-timemodel-')
    print(f'# {a.chip} seeds {a.seed_from}..{a.seed_to - 1}, work directory {work}', flush=True)
    label = f'{a.chip}{" " + a.time_model if a.time_model else ""}'
    runner.run_seeds(a.jobs, lambda ex, s: ex.submit(one, a.chip, s, a.steps, a.time_model, a.chips, work, a.spread),
                     range(a.seed_from, a.seed_to), 'messages', label)

if __name__ == '__main__':
    main()
