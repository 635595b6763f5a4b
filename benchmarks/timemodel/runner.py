"""Runs one network on spikemesh's chip engine and compares the run with model.py: the part rand.py and hand.py share.

The CLI is the one built in this checkout (`mvn -B -o -q -pl cli -am package -DskipTests`), started as
`java --add-exports java.base/jdk.internal.misc=ALL-UNNAMED -cp "ROOT/cli/target/spikemesh-cli-0.1.0-SNAPSHOT.jar:
ROOT/cli/target/lib/*" org.spikemesh.cli.Main`; the environment variable SPIKEMESH_CLI replaces that command (split as
a shell would, e.g. SPIKEMESH_CLI=/path/to/spikemesh). Chips are preset names, files, or names of files in chips/.
"""
import os, json, shlex, shutil, subprocess, tempfile
import miniyaml, model, compare

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
PRESETS = os.path.join(ROOT, 'chip-model/src/main/resources/org/spikemesh/chip/presets')

def cli():
    if os.environ.get('SPIKEMESH_CLI'):
        return shlex.split(os.environ['SPIKEMESH_CLI'])
    t = os.path.join(ROOT, 'cli', 'target')
    return ['java', '--add-exports', 'java.base/jdk.internal.misc=ALL-UNNAMED', '-cp',
            f'{t}/spikemesh-cli-0.1.0-SNAPSHOT.jar:{t}/lib/*', 'org.spikemesh.cli.Main']

def chip_file(chip):
    """(the file the model reads, the --chip argument the CLI gets)"""
    if os.path.exists(chip):
        return chip, chip
    own = os.path.join(HERE, 'chips', chip + '.yaml')
    if os.path.exists(own):
        return own, own
    return os.path.join(PRESETS, chip + '.yaml'), chip

def load_chip(chip, chips=0):
    return model.Chip(miniyaml.load_file(chip_file(chip)[0]), chips)

def work_dir(given, prefix):
    """the directory outputs go to: the one given, else a new temporary one; never inside the repository"""
    d = os.path.abspath(given) if given else tempfile.mkdtemp(prefix=prefix)
    if os.path.commonpath([d, ROOT]) == ROOT:
        raise SystemExit(f'{d} is inside the repository; give a work directory outside {ROOT}')
    os.makedirs(d, exist_ok=True)
    return d

def run_and_compare(chip, net, d, steps, time_model=None, chips=0, placement=None, record=()):
    """Runs NET (a file) on CHIP into D/run, models it into D/model.json, writes the disagreements to D/diffs.tsv.
    Returns ('ok', disagreements, summary) or (an error, its message, None)."""
    cf, chip_arg = chip_file(chip)
    cfg = model.Chip(miniyaml.load_file(cf), chips)
    extra = (['--chips', str(chips)] if chips else []) + (['--placement', placement] if placement else [])
    mapjson = None
    if any(e.get('format') for e in cfg.events):   # synapse formats matter: take them from the mapping report
        mapjson = os.path.join(d, 'map.json')
        r = subprocess.run(cli() + ['map', net, '--chip', chip_arg, '--report', mapjson, '-q'] + extra,
                           capture_output=True, text=True)
        if r.returncode != 0:
            return 'map-failed', r.stderr.strip()[:300], None
    out = os.path.join(d, 'run')
    if os.path.exists(out):
        shutil.rmtree(out)
    cmd = cli() + ['run', net, '--backend', 'chip', '--chip', chip_arg, '--steps', str(steps), '--out', out, '-q',
                   '--core-counters-every', '1', '--threads', '1'] + extra
    if record:
        cmd += ['--record', ','.join(record)]
    if time_model:
        cmd += ['--time-model', time_model]
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        return 'run-failed', r.stderr.strip()[:300], None
    m = model.model(cf, net, out, mapjson, chips, time_model)
    with open(os.path.join(d, 'model.json'), 'w') as f:
        json.dump(m, f, default=str, indent=1)
    with open(os.path.join(d, 'model.json')) as f:   # core numbers as JSON keys, as compare expects them
        m = json.load(f)
    diffs = compare.compare(m, out)
    with open(os.path.join(d, 'diffs.tsv'), 'w') as f:
        for o in diffs:
            f.write('\t'.join(map(str, o)) + '\n')
    with open(os.path.join(out, 'summary.json')) as f:
        summary = json.load(f)
    return 'ok', diffs, summary


def compare_network(seed, d, yaml_text, procs, chip, steps, third, time_model=None, chips=0, placement_for=None):
    """Writes a generated network to D/net.yaml, runs and models it, recording every LIF's u and v (with the placement
    file `placement_for(net)` returns, if given), and returns what run_seeds takes: (seed, status, disagreements by
    kind, (steps, spikes, third(the run's chip counts))), or (seed, error, message, None)."""
    import collections
    net = os.path.join(d, 'net.yaml')
    with open(net, 'w') as f:
        f.write(yaml_text)
    record = [f"{p['name']}.{v}" for p in procs if p['type'] == 'LIF' for v in ('u', 'v')]
    placement = placement_for(net) if placement_for else None
    status, diffs, summ = run_and_compare(chip, net, d, steps, time_model, chips, placement, record=record)
    if status != 'ok':
        return seed, status, diffs, None
    return seed, status, collections.Counter(o[0] for o in diffs), (summ['steps'], summ['spikes_total'],
                                                                     third(summ['chip']['counts']))

def run_seeds(jobs, submit, seeds, third, label):
    """Runs one network per seed in a pool of `jobs` processes (`submit(executor, seed)` returns its future, whose
    result is (seed, status, disagreements, (steps, spikes, third))), prints a line per network and the totals
    (`third` names the third size: messages, learning updates), and exits 1 when any failed or disagreed."""
    import collections, sys
    from concurrent.futures import ProcessPoolExecutor
    nets = steps = spikes = extra = failed = bad = 0
    kinds = collections.Counter()
    with ProcessPoolExecutor(jobs) as ex:
        futs = [submit(ex, s) for s in seeds]
        for fu in futs:
            seed, status, diffs, sizes = fu.result()
            if status != 'ok':
                failed += 1
                print(seed, status, diffs, sep='\t', flush=True)
                continue
            nets += 1
            steps += sizes[0]; spikes += sizes[1]; extra += sizes[2]
            bad += 1 if diffs else 0
            kinds.update(diffs)
            print(seed, f'steps {sizes[0]}', f'spikes {sizes[1]}', f'{third} {sizes[2]}',
                  f'disagreements {sum(diffs.values())}', dict(diffs) or '', sep='\t', flush=True)
    print(f'# {label}: {nets} networks, {steps} steps, {spikes} spikes, {extra} {third}; {bad} networks with'
          f' disagreements {dict(kinds)}; {failed} failed to run')
    sys.exit(1 if bad or failed else 0)
