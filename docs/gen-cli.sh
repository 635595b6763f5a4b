#!/usr/bin/env bash
# Regenerates docs/cli.md from the --help of every command: ./docs/gen-cli.sh > docs/cli.md
# The notes under some commands are kept here, not in cli.md, so that regenerating the page keeps them.
set -euo pipefail
cd "$(dirname "$0")/.."
cat <<'HEAD'
# The command line

Every command takes `--help`. Errors are one line on stderr with exit code 2 (`--verbose` adds the stack trace).
This page is the output of `--help` for each command (regenerate it with `docs/gen-cli.sh > docs/cli.md`).
HEAD

# the note printed after a command's help, if it has one
note() {
  case "$1" in
    "run")
      cat <<'NOTE'

Checked before anything is loaded or run: each Var is given to `--record` once (`--record lif1.v,lif1.v` is
refused: it would write every row twice); `--out` can be replaced (a new or empty directory, or an earlier output)
and made (`--out afile.txt/sub` and `--out /proc/x` are refused); every output file (`--save-weights`, `--report`,
`--output-data`) can be written where it is (directories of its path that do not exist yet are made, as `--out`
makes its own), or lies directly in `--out` and goes with the directory (one in a
subdirectory of `--out` is refused); no input (the network file and the side files it names, `--placement`, a
`--chip` file, NIR `--input`) lies inside `--out`, which the run replaces whole. `--save-weights DIR/learned.yaml` with `--out DIR` is written with the
outputs and named in summary.json (`"saved_weights": "learned.yaml"`), so the next run into `DIR` takes the directory
for an earlier output and replaces it, learned.yaml included. `map`, `export`, `sweep`, `report` and `animate`
check their output files the same way before they work, and I/O errors name the path and the reason (`PATH: no such
file or directory`, `permission denied`, `not a directory`, `is a directory`). Two runs into one `--out` at once:
the second is refused (`o: another run (process 23317) is writing this directory now; ...`), where both ended well
and the last silently replaced the other's outputs; the staging directory a killed run left is deleted by the next.

On `--backend reference`, the chip options given (`--chip`, `--chips`, `--time-model`, `--threads`, `--placement`,
`--counters-every`, `--core-counters-every`) get one warning line, since that backend ignores them. A mistake in the
command line itself (an unknown option, a value of the wrong type, a missing parameter) is one line too, with
suggestions for a mistyped option: `spikemesh run: Unknown options: '--recrd', 'x.v'; Possible solutions: --reset,
--report, --record (see spikemesh run --help)`; and for a mistyped command, every command within two edits of it (a
swap of neighbours is one), else the list of commands: `spikemesh: Unmatched argument at index 0: 'rn'; Did you mean:
spikemesh run? (see spikemesh --help)`.
NOTE
      ;;
    "report")
      cat <<'NOTE'

A run directory is checked as it is read, by `report` and `animate` alike: its summary.json must be a JSON object
with `"format": "spikemesh-summary/1"` and a whole `"steps"` (a truncated, empty or foreign file is one line naming
it), and a bad row of spikes.csv or of a recorded Var's file is an error naming the file and the line.
NOTE
      ;;
    "bench reference")
      cat <<'NOTE'

Fewer than 100 neurons (CUBA's smallest network), or fewer than 1 step or repetition, is refused before anything
is built (exit 2, one line naming the option), as `bench cuba` does.
NOTE
      ;;
    "bench cuba")
      cat <<'NOTE'

To compare two settings of the engine rather than two thread counts, give `--threads` the same count twice and
`--setting` one value for each: `spikemesh bench cuba --neurons 64000 --threads 2,2 --setting
spikemesh.engine.span-counting=grouped,turns`. Each entry's engines are built with its value and the entries take
turns, so the speed-up line is a ratio of loops run seconds apart in one process; runs, speed-ups and phase runs in the
JSON file carry the setting. The engine's settings and their defaults are listed in docs/chip-engine.md ("Engine settings").
NOTE
      ;;
    "bench learning")
      cat <<'NOTE'

Every `--epochs` value must be at least 1 (the run without learning is measured anyway); `--neurons` below 100,
`--steps`, `--repeat` or `--threads` below 1 are refused too, before anything is built (exit 2).
NOTE
      ;;
  esac
}

for cmd in "run" "map" "export" "report" "animate" "bench" "bench reference" "bench cuba" "bench compile" \
           "bench learning" "bench multichip" "chip" "chip show" "chip validate" "chip init" "sweep" "worker"; do
  if out=$(./spikemesh $cmd --help 2>/dev/null) && [[ "$out" == "Usage: spikemesh $cmd"* ]]; then
    printf '\n## spikemesh %s\n\n```\n%s\n```\n' "$cmd" "$out"
    note "$cmd"
  fi
done
