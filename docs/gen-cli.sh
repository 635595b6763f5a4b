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
  fi
done
