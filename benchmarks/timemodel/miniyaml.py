"""Tiny YAML-subset reader (block mappings/sequences, flow {} and [], comments, plain/quoted scalars).
Enough for spikemesh chip files and the flow-style network files the generator writes."""
import re

def _scalar(s):
    s = s.strip()
    if s == '' or s == '~' or s == 'null':
        return None
    if s[0] in '"\'':
        return s[1:-1]
    if s in ('true', 'True'):
        return True
    if s in ('false', 'False'):
        return False
    try:
        return int(s)
    except ValueError:
        pass
    try:
        return float(s)
    except ValueError:
        return s

def _strip_comment(line):
    out, q = [], None
    for i, ch in enumerate(line):
        if q:
            if ch == q:
                q = None
        elif ch in '"\'':
            q = ch
        elif ch == '#' and (i == 0 or line[i - 1] in ' \t'):
            break
        out.append(ch)
    return ''.join(out).rstrip()

class _Flow:
    def __init__(self, s):
        self.s, self.i = s, 0
    def ws(self):
        while self.i < len(self.s) and self.s[self.i] in ' \t\n\r':
            self.i += 1
    def parse(self):
        self.ws()
        c = self.s[self.i]
        if c == '{':
            self.i += 1
            d = {}
            while True:
                self.ws()
                if self.s[self.i] == '}':
                    self.i += 1
                    return d
                k = self.atom(':')
                self.ws()
                assert self.s[self.i] == ':', self.s[self.i:]
                self.i += 1
                d[k] = self.parse()
                self.ws()
                if self.s[self.i] == ',':
                    self.i += 1
        if c == '[':
            self.i += 1
            l = []
            while True:
                self.ws()
                if self.s[self.i] == ']':
                    self.i += 1
                    return l
                l.append(self.parse())
                self.ws()
                if self.s[self.i] == ',':
                    self.i += 1
        return self.atom(',]}')
    def atom(self, stops):
        self.ws()
        if self.s[self.i] in '"\'':
            q = self.s[self.i]
            j = self.s.index(q, self.i + 1)
            v = self.s[self.i + 1:j]
            self.i = j + 1
            return v
        j = self.i
        while j < len(self.s) and self.s[j] not in stops and not (self.s[j] == ':' and ':' not in stops and j + 1 < len(self.s) and self.s[j + 1] == ' '):
            if ':' in stops and self.s[j] in ',]}':
                break
            j += 1
        v = self.s[self.i:j]
        self.i = j
        return _scalar(v)

def _flow(s):
    return _Flow(s).parse()

def load(text):
    raw = [_strip_comment(l) for l in text.split('\n')]
    # join flow continuation lines (unbalanced brackets)
    lines = []
    buf, depth = None, 0
    for l in raw:
        if not l.strip():
            if buf is None:
                continue
        if buf is not None:
            buf += ' ' + l.strip()
        else:
            buf = l
        depth = 0
        q = None
        for ch in buf:
            if q:
                if ch == q: q = None
            elif ch in '"\'': q = ch
            elif ch in '[{': depth += 1
            elif ch in ']}': depth -= 1
        if depth <= 0:
            lines.append(buf)
            buf = None
    if buf is not None:
        lines.append(buf)
    lines = [(len(l) - len(l.lstrip(' ')), l.strip()) for l in lines if l.strip() and l.strip() != '---']
    pos = [0]

    def value_of(rest, ind):
        rest = rest.strip()
        if rest == '' or rest == '>' or rest == '|':
            if rest in ('>', '|'):
                parts = []
                while pos[0] < len(lines) and lines[pos[0]][0] > ind:
                    parts.append(lines[pos[0]][1]); pos[0] += 1
                return ' '.join(parts)
            if pos[0] < len(lines) and (lines[pos[0]][0] > ind or (lines[pos[0]][0] == ind and lines[pos[0]][1].startswith('- '))):
                return block(lines[pos[0]][0])
            return None
        if rest[0] in '[{':
            return _flow(rest)
        return _scalar(rest)

    def split_key(t):
        m = re.match(r'^("[^"]*"|\'[^\']*\'|[^:]+?)\s*:(\s|$)(.*)$', t)
        if not m:
            return None
        k = m.group(1)
        if k[0] in '"\'':
            k = k[1:-1]
        return k, m.group(3)

    def block(ind):
        if lines[pos[0]][1].startswith('- ') or lines[pos[0]][1] == '-':
            out = []
            while pos[0] < len(lines) and lines[pos[0]][0] == ind and (lines[pos[0]][1].startswith('- ') or lines[pos[0]][1] == '-'):
                t = lines[pos[0]][1][2:].strip()
                pos[0] += 1
                kv = split_key(t) if t and t[0] not in '[{"\'' else None
                if kv:
                    # mapping starting in a sequence item
                    sub_ind = ind + 2
                    d = {}
                    k, r = kv
                    d[k] = value_of(r, sub_ind)
                    while pos[0] < len(lines) and lines[pos[0]][0] == sub_ind and not lines[pos[0]][1].startswith('- '):
                        k, r = split_key(lines[pos[0]][1]); pos[0] += 1
                        d[k] = value_of(r, sub_ind)
                    out.append(d)
                else:
                    out.append(value_of(t, ind))
            return out
        d = {}
        while pos[0] < len(lines) and lines[pos[0]][0] == ind and not lines[pos[0]][1].startswith('- '):
            k, r = split_key(lines[pos[0]][1]); pos[0] += 1
            d[k] = value_of(r, ind)
        return d

    return block(lines[0][0]) if lines else None

def load_file(p):
    with open(p) as f:
        return load(f.read())
