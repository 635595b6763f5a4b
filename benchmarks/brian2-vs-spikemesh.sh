#!/usr/bin/env bash
# CUBA (Brian2's benchmark, 1 s at dt 0.1 ms) in Brian2 2.5.1 C++ standalone (one thread) and in spikemesh
# (reference backend, one thread), measured in the same run; prints both and the ratio of synaptic events per second
# of the simulation loops. Usage: benchmarks/brian2-vs-spikemesh.sh [N]   (default 4000)
# Needs Debian's python3-brian (apt-get install python3-brian python3-brian-lib); runs with /usr/bin/python3.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
N=${1:-4000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
/usr/bin/python3 "$root/benchmarks/brian2_cuba.py" --target cpp_standalone --N "$N" --reps 3 --outdir "$tmp/brian" \
  >"$tmp/brian.jsonl" 2>"$tmp/brian.err" || { echo "brian2 failed: $(tail -n 1 "$tmp/brian.err")"; exit 1; }
"$root/spikemesh" bench reference --neurons "$N" --repeat 3 --quiet >"$tmp/sm.out"
cat "$tmp/sm.out"
python3 - "$tmp/brian.jsonl" "$tmp/sm.out" "$N" <<'PY'
import json, re, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.startswith('{')]
b = statistics.median(r['syn_events_per_s_loop'] for r in rows)
bl = statistics.median(r['t_loop'] for r in rows)
txt = open(sys.argv[2]).read()
o = float(re.findall(r'([0-9.]+) M events/s', txt)[-1]) * 1e6
loop = float(re.findall(r'loop ([0-9.]+) s', txt)[-1])
print(f"Brian2 standalone 1 thread: loop {bl:.3f} s, {b/1e6:.1f} M events/s")
print(f"spikemesh reference 1 thread: loop {loop:.3f} s, {o/1e6:.1f} M events/s")
print(f"CUBA N={sys.argv[3]}: spikemesh/Brian2 = {o/b:.2f}x (events/s), {bl/loop:.2f}x (loop time)")
PY
