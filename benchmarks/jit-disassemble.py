#!/usr/bin/env python3
"""Disassembles the C2-compiled methods in a HotSpot log printed without the hsdis library.

JDK 17 without hsdis still prints the machine code of a method asked for with
    java -XX:+UnlockDiagnosticVMOptions -XX:CompileCommand=print,org.spikemesh.simulator.chip.Shard::accountMessages ...
as hex bytes. This turns the C2 (tier 4) versions in such a log into x86-64 assembly with objdump (binutils).

Usage: benchmarks/jit-disassemble.py LOG [METHOD-SUBSTRING]
Prints, for each C2 version whose header contains METHOD-SUBSTRING (all by default), its header line and its code.
"""
import re
import subprocess
import sys
import tempfile

CODE_LINE = re.compile(r'\s*(0x[0-9a-f]+): ((?:[0-9a-f]{2,8}\s*\|?\s*)+)$')


def methods(lines):
    """Yields (header, start address, code bytes) for every compiled method of the log."""
    header, start, code = None, None, bytearray()
    for line in lines:
        if line.startswith('Compiled method'):
            if header is not None:
                yield header, start, bytes(code)
            header, start, code = line.strip(), None, bytearray()
            continue
        if header is None or '[' in line:
            continue
        m = CODE_LINE.match(line)
        if not m:
            continue
        address = int(m.group(1), 16)
        if start is None:
            start = address
        expected = start + len(code)
        if address < expected:
            continue
        code += b'\x90' * (address - expected)  # a gap (comments between lines): padded so addresses stay right
        code += bytes.fromhex(re.sub(r'[|\s]', '', m.group(2)))
    if header is not None:
        yield header, start, bytes(code)


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    wanted = sys.argv[2] if len(sys.argv) > 2 else ''
    with open(sys.argv[1], errors='replace') as f:
        lines = f.read().split('\n')
    found = 0
    for header, start, code in methods(lines):
        if '(c2)' not in header or wanted not in header or not code:
            continue
        found += 1
        with tempfile.NamedTemporaryFile(suffix='.bin') as tmp:
            tmp.write(code)
            tmp.flush()
            out = subprocess.run(['objdump', '-D', '-b', 'binary', '-mi386:x86-64', '--adjust-vma=%d' % start,
                                  tmp.name], capture_output=True, text=True, check=True).stdout
        print(header)
        print(out)
    if found == 0:
        sys.exit('no C2-compiled method%s in %s' % (' matching ' + wanted if wanted else '', sys.argv[1]))


if __name__ == '__main__':
    main()
