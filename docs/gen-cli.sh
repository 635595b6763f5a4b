#!/usr/bin/env bash
# Regenerates docs/cli.md from the --help of every command: ./docs/gen-cli.sh > docs/cli.md
set -euo pipefail
cd "$(dirname "$0")/.."
cat <<'HEAD'
# The command line

Every command takes `--help`. Errors are one line on stderr with exit code 2 (`--verbose` adds the stack trace).
This page is the output of `--help` for each command (regenerate it with `docs/gen-cli.sh > docs/cli.md`).
HEAD
for cmd in "run" "map" "export" "report" "animate" "bench" "bench reference" "bench cuba" "bench compile" \
           "bench learning" "chip" "sweep" "worker"; do
  if out=$(./spikemesh $cmd --help 2>/dev/null) && [[ "$out" == "Usage: spikemesh $cmd"* ]]; then
    printf '\n## spikemesh %s\n\n```\n%s\n```\n' "$cmd" "$out"
    if [[ "$cmd" == "bench cuba" ]]; then
      cat <<'SETTING'

To compare two settings of the engine rather than two thread counts, give `--threads` the same count twice and
`--setting` one value for each: `spikemesh bench cuba --neurons 64000 --threads 2,2 --setting
spikemesh.engine.span-counting=grouped,turns`. Each entry's engines are built with its value and the entries take
turns, so the speed-up line is a ratio of loops run seconds apart in one process; runs, speed-ups and phase runs in the
JSON file carry the setting. The engine's settings and their defaults are listed in docs/chip-engine.md ("Engine settings").
SETTING
    fi
  fi
done
