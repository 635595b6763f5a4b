#!/usr/bin/env bash
# The scale runs of the chip engine: CUBA at 64 000, 256 000 and 1 000 000 neurons with 100 synapses per neuron, on as
# many loihi-like chips as each needs, 1 and 2 threads taking turns (3 repetitions), time and energy accounting on.
# Writes each size's figures (bench cuba --json and --html) into OUTDIR and draws them side by side by size
# (OUTDIR/scale.html: the engine tables in MB, events/s per thread count, speed-ups, heap per synapse).
# Usage: benchmarks/scale.sh [OUTDIR]   (default out/scale). Takes about 5 minutes; the 1 000 000-neuron network
# needs a large heap (SPIKEMESH_JAVA_OPTS, default -Xmx20g; about 6 GB in use while it compiles).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-out/scale}
mkdir -p "$out"
export SPIKEMESH_JAVA_OPTS=${SPIKEMESH_JAVA_OPTS:--Xmx20g}
files=()
for size in "64000 5000" "256000 2000" "1000000 1000"; do
  set -- $size
  "$root/spikemesh" bench cuba --neurons "$1" --steps "$2" --synapses-per-neuron 100 --threads 1,2 --repeat 3 --quiet \
    --json "$out/cuba-$1.json" --html "$out/cuba-$1.html" | tee "$out/cuba-$1.txt"
  files+=("$out/cuba-$1.json")
done
"$root/spikemesh" report "${files[@]}" -o "$out/scale.html"
