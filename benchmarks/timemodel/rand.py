#!/usr/bin/env python3
"""Random networks: generates them (gen.py), runs each on the chip engine, models it (model.py), compares (compare.py).

usage: rand.py CHIP SEED_FROM SEED_TO [--time-model per-step|detailed] [--chips N] [--steps 30] [--jobs 4] [--work DIR]

CHIP is a preset name (teaching-2x2, loihi-like, loihi-calibrated, ...), a chip file, or the name of a file in chips/
(tiny-events, tiny-half, tiny-multi). Seeds SEED_FROM..SEED_TO-1. Every LIF's u and v are recorded, so that the
model's own LIF simulation is checked against the engine's too. Each network goes to WORK/<chip>/<seed>/ (net.yaml,
run/, model.json, diffs.tsv); WORK defaults to a new temporary directory. Prints one line per network, then the totals;
exits 1 if anything disagreed or failed.
"""
import os, sys, argparse, collections
from concurrent.futures import ProcessPoolExecutor
import gen, runner

def one(chip, seed, steps, time_model, chips, work):
    cfg = runner.load_chip(chip, chips)
    max_delay = min(63, (1 << cfg.core['synapse_encoding']['delay_bits']) - 1)
    max_pops = cfg.cpc * cfg.chips if cfg.cpc * cfg.chips < 8 else 6   # every population needs a core of its own
    d = os.path.join(work, os.path.basename(chip).replace('.yaml', '') + (f'-{time_model}' if time_model else '')
                     + (f'-c{chips}' if chips else ''), str(seed))
    os.makedirs(d, exist_ok=True)
    procs, conns = gen.generate(seed, max_delay, max_pops, steps)
    net = os.path.join(d, 'net.yaml')
    with open(net, 'w') as f:
        f.write(gen.to_yaml(procs, conns, seed))
    record = [f"{p['name']}.{v}" for p in procs if p['type'] == 'LIF' for v in ('u', 'v')]
    status, diffs, summ = runner.run_and_compare(chip, net, d, steps, time_model, chips, record=record)
    if status != 'ok':
        return seed, status, diffs, None
    c = summ['chip']['counts']
    return seed, status, collections.Counter(o[0] for o in diffs), (summ['steps'], summ['spikes_total'], c['messages'])

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('chip'); ap.add_argument('seed_from', type=int); ap.add_argument('seed_to', type=int)
    ap.add_argument('--time-model', choices=['per-step', 'detailed'])
    ap.add_argument('--chips', type=int, default=0)
    ap.add_argument('--steps', type=int, default=30)
    ap.add_argument('--jobs', type=int, default=4)
    ap.add_argument('--work')
    a = ap.parse_args()
    work = runner.work_dir(a.work, 'spikemesh-timemodel-')
    print(f'# {a.chip} seeds {a.seed_from}..{a.seed_to - 1}, work directory {work}', flush=True)
    nets = steps = spikes = messages = failed = bad = 0
    kinds = collections.Counter()
    with ProcessPoolExecutor(a.jobs) as ex:
        futs = [ex.submit(one, a.chip, s, a.steps, a.time_model, a.chips, work) for s in range(a.seed_from, a.seed_to)]
        for fu in futs:
            seed, status, diffs, sizes = fu.result()
            if status != 'ok':
                failed += 1
                print(seed, status, diffs, sep='\t', flush=True)
                continue
            nets += 1
            steps += sizes[0]; spikes += sizes[1]; messages += sizes[2]
            bad += 1 if diffs else 0
            kinds.update(diffs)
            print(seed, f'steps {sizes[0]}', f'spikes {sizes[1]}', f'messages {sizes[2]}',
                  f'disagreements {sum(diffs.values())}', dict(diffs) or '', sep='\t', flush=True)
    print(f'# {a.chip}{" " + a.time_model if a.time_model else ""}: {nets} networks, {steps} steps, {spikes} spikes, '
          f'{messages} messages; {bad} networks with disagreements {dict(kinds)}; {failed} failed to run')
    sys.exit(1 if bad or failed else 0)

if __name__ == '__main__':
    main()
