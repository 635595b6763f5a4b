#!/usr/bin/env bash
# CUBA (Brian2's benchmark, 1 s at dt 0.1 ms) in Brian2 2.5.1 C++ standalone (one thread) and in spikemesh, measured
# in the same run: the reference backend (one thread) and the chip engine on loihi-like with time and energy
# accounting on (1 and 2 threads). Prints each and the ratios of synaptic events per second of the simulation loops.
# Usage: benchmarks/brian2-vs-spikemesh.sh [N]   (default 4000)
# Needs Debian's python3-brian (apt-get install python3-brian python3-brian-lib); runs with /usr/bin/python3.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
N=${1:-4000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
/usr/bin/python3 "$root/benchmarks/brian2_cuba.py" --target cpp_standalone --N "$N" --reps 3 --outdir "$tmp/brian" \
  >"$tmp/brian.jsonl" 2>"$tmp/brian.err" || { echo "brian2 failed: $(tail -n 1 "$tmp/brian.err")"; exit 1; }
"$root/spikemesh" bench reference --neurons "$N" --repeat 3 --quiet >"$tmp/ref.out"
"$root/spikemesh" bench cuba --neurons "$N" --threads 1,2 --repeat 3 --quiet >"$tmp/chip.out"
cat "$tmp/ref.out" "$tmp/chip.out"
python3 - "$tmp/brian.jsonl" "$tmp/ref.out" "$tmp/chip.out" "$N" <<'PY'
import json, re, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.startswith('{')]
b = statistics.median(r['syn_events_per_s_loop'] for r in rows)
bl = statistics.median(r['t_loop'] for r in rows)
print(f"Brian2 standalone 1 thread: loop {bl:.3f} s, {b/1e6:.1f} M events/s")
ref = open(sys.argv[2]).read()
o = float(re.findall(r'([0-9.]+) M events/s', ref)[-1]) * 1e6
print(f"CUBA N={sys.argv[4]}: reference backend 1 thread / Brian2 = {o/b:.2f}x (events/s)")
for t, ev in re.findall(r'(\d+) threads?: ([0-9.]+) M events/s', open(sys.argv[3]).read()):
    print(f"CUBA N={sys.argv[4]}: chip engine {t} thread(s), accounting on / Brian2 = {float(ev)*1e6/b:.2f}x (events/s)")
PY
