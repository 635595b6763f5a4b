import sys
from harness import *

def src(name, n, spikes):
    return {"name": name, "type": "SpikeInput", "shape": [n], "spikes": spikes}
def lif(name, n, **kw):
    d = {"name": name, "type": "LIF", "shape": [n], "model": "fixed_pt"}; d.update(kw); return d
def dense(name, w, **kw):
    d = {"name": name, "type": "Dense", "weights": w}; d.update(kw); return d
def every(n, steps):
    return {i: list(range(1, steps + 1)) for i in range(n)}

cases = {}
# 1 bias extremes, v clip, vth max
cases["bias_extremes"] = ({"processes": [
    lif("l", 6, du=0, dv=0, vth=131071, bias_mant=[4095, -4096, 4095, -4096, 1, -1], bias_exp=[7, 7, 0, 0, 7, 7])],
    "connections": []}, 40)
cases["bias_vth0"] = ({"processes": [
    lif("l", 4, du=0, dv=4095, vth=0, bias_mant=[1, 0, -1, 2], bias_exp=[0, 0, 0, 3], v=[0, 1, 0, -5])],
    "connections": []}, 10)
# exact threshold: v == vth<<6 -> no spike
cases["exact_threshold"] = ({"processes": [
    lif("l", 3, du=0, dv=0, vth=10, bias_mant=[640, 320, 641], bias_exp=[0, 1, 0])], "connections": []}, 6)
# decays, negative initial u, v
cases["decay_uv_init"] = ({"processes": [
    lif("a", 5, du=0, dv=0, vth=131071, u=[-5000, 5000, 8388607, -8388607, 1], v=[-8388607, 8388607, -1, 1, 4095]),
    lif("b", 5, du=4095, dv=4095, vth=131071, u=[-5000, 5000, 8388607, -8388607, 1], v=[-8388607, 8388607, -1, 1, 4095]),
    lif("c", 5, du=1, dv=1, vth=131071, u=[-5000, 5000, 8388607, -8388607, -4097], v=[-8388607, 8388607, -4095, 4097, -4097]),
    lif("d", 5, du=4094, dv=2048, vth=100, u=[-5000, 5000, 8388607, -8388607, -4097], v=[-8388607, 8388607, -4095, 4097, -4097], bias_mant=[3, -3, 5, 7, -7], bias_exp=[2, 2, 7, 1, 0])],
    "connections": []}, 30)
# u after spike kept
cases["u_after_spike"] = ({"processes": [
    src("s", 1, {0: [1, 2, 3]}), dense("w", [[255]]), lif("l", 1, du=100, dv=10, vth=5)],
    "connections": [["s.s_out", "w.s_in"], ["w.a_out", "l.a_in"]]}, 15)
# u 24-bit wrap, various input counts, weight_exp 7
for n in (1, 4, 8, 9, 17, 30):
    cases["uwrap_n%d" % n] = ({"processes": [
        src("s", n, every(n, 20)), dense("w", [[255] * n, [-256] * n, [255] * (n // 2) + [-256] * (n - n // 2)], weight_exp=7),
        lif("l", 3, du=0, dv=0, vth=131071), lif("m", 3, du=2000, dv=3000, vth=1000)],
        "connections": [["s.s_out", "w.s_in"], ["w.a_out", "l.a_in"], ["w.a_out", "m.a_in"]]}, 20)
# negative weight_exp floor
for e in (-1, -2, -3, -8):
    cases["negexp%d" % -e] = ({"processes": [
        src("s", 3, {0: [1, 3, 5, 7], 1: [2, 3, 6, 7], 2: [4, 5, 6, 7]}),
        dense("w", [[-3, -5, 7], [1, 1, 1], [-1, -1, -1], [-7, 2, 3]], weight_exp=e),
        lif("l", 4, du=0, dv=0, vth=131071)],
        "connections": [["s.s_out", "w.s_in"], ["w.a_out", "l.a_in"]]}, 10)
# sign modes and num_weight_bits
W = [[41, 25, -13, 0, 255, -256, 300, -300, 1, -1, 127, -128, 7, -7, 3, -3]]
for sm in (None, "mixed", "excitatory", "inhibitory"):
    for nwb in range(1, 9):
        for w in (W, [[abs(x) for x in W[0]]], [[-abs(x) for x in W[0]]]):
            kind = "mix" if min(w[0]) < 0 < max(w[0]) else ("pos" if min(w[0]) >= 0 else "neg")
            kw = {"num_weight_bits": nwb}
            if sm: kw["sign_mode"] = sm
            cases["sign_%s_%s_b%d" % (sm, kind, nwb)] = ({"processes": [
                src("s", 16, {i: [1 + i % 3, 5] for i in range(16)}), dense("w", w, **kw), lif("l", 1, du=0, dv=0, vth=131071)],
                "connections": [["s.s_out", "w.s_in"], ["w.a_out", "l.a_in"]]}, 8)
# several Dense into one LIF + recurrent + self loop
cases["multi_recurrent"] = ({"processes": [
    src("s", 2, {0: [1, 4, 9], 1: [2, 4]}),
    dense("d1", [[100, 20], [-50, 90]], weight_exp=2), dense("d2", [[7, -9], [3, 3]], weight_exp=-1, num_weight_bits=5),
    lif("l", 2, du=500, dv=300, vth=20, bias_mant=[10, 0]),
    dense("rec", [[0, 120], [-200, 60]], weight_exp=1),
    lif("m", 2, du=4095, dv=0, vth=3),
    dense("back", [[-30, 30], [30, -30]])],
    "connections": [["s.s_out", "d1.s_in"], ["s.s_out", "d2.s_in"], ["d1.a_out", "l.a_in"], ["d2.a_out", "l.a_in"],
                    ["l.s_out", "rec.s_in"], ["rec.a_out", "l.a_in"], ["l.s_out", "back.s_in"], ["back.a_out", "m.a_in"],
                    ["m.s_out", "d1.s_in"]] if False else
                   [["s.s_out", "d1.s_in"], ["s.s_out", "d2.s_in"], ["d1.a_out", "l.a_in"], ["d2.a_out", "l.a_in"],
                    ["l.s_out", "rec.s_in"], ["rec.a_out", "l.a_in"], ["l.s_out", "back.s_in"], ["back.a_out", "m.a_in"]]}, 40)
# SpikeInput timing: first, last and beyond last step
cases["spike_timing"] = ({"processes": [
    src("s", 3, {0: [1], 1: [10], 2: [11, 12]}), dense("w", [[255, 255, 255]], weight_exp=7), lif("l", 1, du=4095, dv=4095, vth=0)],
    "connections": [["s.s_out", "w.s_in"], ["w.a_out", "l.a_in"]]}, 10)
if __name__ == "__main__":
    sel = sys.argv[1:]
    bad = 0
    for k, (spec, steps) in cases.items():
        if sel and not any(s in k for s in sel): continue
        res, _ = check(spec, steps, k, verbose=False, keep=True)
        if any(v is not None for v in res.values()):
            bad += 1
            print(k, res)
    print("cases", len(cases), "with differences", bad)
