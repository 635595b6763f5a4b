"""Import Lava's fixed-point ProcessModel classes without Lava's runtime.
Only stubs: decorators (registration only), Process classes (unused by models), asteval."""
import os
import sys, types
LAVA_SRC = os.environ.get('LAVA_SRC', '/tmp/lava-src/src')  # lava-nc/lava's src/ (git archive HEAD src/lava)
sys.path.insert(0, LAVA_SRC)
sys.modules.setdefault('asteval', types.ModuleType('asteval'))
dec = types.ModuleType('lava.magma.core.decorator')
def _passthru(*a, **k):
    return lambda cls: cls
dec.implements = dec.requires = dec.tag = _passthru
sys.modules['lava.magma.core.decorator'] = dec
for modname, names in {
    'lava.proc.lif.process': ['LIF', 'LIFReset', 'TernaryLIF', 'LearningLIF', 'LIFRefractory'],
    'lava.proc.dense.process': ['Dense', 'LearningDense', 'DelayDense'],
    'lava.proc.sparse.process': ['Sparse', 'DelaySparse', 'LearningSparse'],
}.items():
    m = types.ModuleType(modname)
    for n in names:
        setattr(m, n, type(n, (), {}))
    sys.modules[modname] = m


def load_ring_buffer():
    """lava/proc/io/source.py imports Process classes whose import chain fails on Python 3.11; stub those
    (unused by PySendModelFixed) and load the file itself."""
    import importlib.util
    for modname, names in {'lava.magma.core.process.process': ['AbstractProcess'],
                           'lava.magma.core.process.variable': ['Var'],
                           'lava.magma.core.process.ports.ports': ['OutPort']}.items():
        if modname not in sys.modules:
            m = types.ModuleType(modname)
            for n in names:
                setattr(m, n, type(n, (), {}))
            sys.modules[modname] = m
    spec = importlib.util.spec_from_file_location(
        'lava_proc_io_source', os.path.join(LAVA_SRC, 'lava/proc/io/source.py'))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod
