"""Torch baseline of `circuitboard analyze` for bench/arena-vs-torch.ts (not part of the app).

Does the same set of work as the CLI's head report on a safetensors model of ARENA attn_only_2L
shape, in float32 on 2 threads: load (header + tensors, finiteness check), all Q/K/V composition
scores (d_head Gram route), the random-pair composition baseline, every head's OV copying and QK
token/positional positivity (eigenvalues of the d_head side, W_U W_E and X^T X once), and the
forward passes (attention patterns only) with every detector on the same token batches.

usage: /usr/bin/python3 bench/arena_torch.py MODEL.safetensors TOKENS.json [--topk-heads N]
       /usr/bin/python3 bench/arena_torch.py MODEL.safetensors --topk-only N
TOKENS.json: {"repeated": [[...]], "L": 50, "varied": [[...]], "caller": [[...]], "callerL": [..],
"baselineSamples": 100}. Prints one JSON line: seconds per stage and the scores (for the
cross-check against the CLI's report). With --topk-heads N it also times the brute-force
full-vocabulary OV and QK top-10 of N heads (every one of the 50278^2 entries); --topk-only N
does the load and that brute force alone (bench/arena-topk-planted.ts).
"""
import json
import os
import sys
import time

# 2 threads for torch's own ops and for the BLAS it calls (Debian's torch uses the system libblas:
# install libopenblas0-pthread, or it runs the reference BLAS at ~2 GFLOPS).
os.environ.setdefault("OPENBLAS_NUM_THREADS", "2")
os.environ.setdefault("OMP_NUM_THREADS", "2")
T0 = time.perf_counter()
import torch  # noqa: E402

torch.set_num_threads(2)
T_IMPORT = time.perf_counter() - T0


def load(path):
    size = os.path.getsize(path)
    data = bytearray(size)
    with open(path, "rb") as f:
        f.readinto(data)
    n = int.from_bytes(data[:8], "little")
    header = json.loads(bytes(data[8:8 + n]))
    meta = header.pop("__metadata__", {})
    t = {}
    for name, e in header.items():
        if e["dtype"] != "F32":
            raise SystemExit(f"{name}: only F32 is benchmarked")
        s, end = e["data_offsets"]
        x = torch.frombuffer(data, dtype=torch.float32, offset=8 + n + s, count=(end - s) // 4).reshape(e["shape"])
        if not torch.isfinite(x).all():
            raise SystemExit(f"{name} has a non-finite value")
        t[name] = x
    return json.loads(meta["config"]), t


def forward_patterns(cfg, t, tokens):
    """Patterns [layer] of [batch, head, q, k] of a shortformer attention-only model (no unembedding,
    and the last layer stops after its pattern)."""
    toks = torch.tensor(tokens)
    n = toks.shape[1]
    resid = t["embed.W_E"][toks]
    pos = t["pos_embed.W_pos"][:n]
    mask = torch.ones(n, n, dtype=torch.bool).tril()
    out = []
    for l in range(cfg["n_layers"]):
        p = f"blocks.{l}.attn."
        qk_in = resid + pos
        q = torch.einsum("bpd,hde->bhpe", qk_in, t[p + "W_Q"]) + t[p + "b_Q"][None, :, None, :]
        k = torch.einsum("bpd,hde->bhpe", qk_in, t[p + "W_K"]) + t[p + "b_K"][None, :, None, :]
        s = (q @ k.transpose(-1, -2)) / cfg["d_head"] ** 0.5
        pat = s.masked_fill(~mask, float("-inf")).softmax(-1)
        if l == cfg["n_layers"] - 1:
            out.append(pat)  # the last layer's output feeds only the unembedding: stop (as the CLI does)
            break
        v = torch.einsum("bpd,hde->bhpe", resid, t[p + "W_V"]) + t[p + "b_V"][None, :, None, :]
        z = pat @ v
        resid = resid + torch.einsum("bhpe,hed->bpd", z, t[p + "W_O"]) + t[p + "b_O"]
        out.append(pat)
    return out


def detector_scores(tokens, pats):
    """TL head_detector "mul" scores (previous, duplicate, induction), mean over the batch: [L, H] each."""
    toks = torch.tensor(tokens)
    n = toks.shape[1]
    prev = torch.zeros(n, n).diagonal_scatter(torch.ones(n - 1), -1)
    eq = (toks[:, :, None] == toks[:, None, :]).float()
    dup = eq.tril(-1)
    ind = torch.zeros_like(eq)
    ind[:, :, 1:] = eq[:, :, :-1]  # D[q, k] = tokens[k-1] == tokens[q]
    ind = ind.tril()
    res = {}
    for name, d in (("previousToken", prev[None]), ("duplicateToken", dup), ("induction", ind)):
        res[name] = torch.stack([((p * d[:, None]).sum((-1, -2)) / p.sum((-1, -2))).mean(0) for p in pats])
    return res


def stripe(pats, L):
    return torch.stack([p.diagonal(offset=1 - L, dim1=-2, dim2=-1).mean(-1).mean(0) for p in pats])


def composition(cfg, t):
    """TL all_composition_scores via d_head Gram matrices: ||A B||_F^2 = tr(A^T A B B^T) in d_head space."""
    L, H = cfg["n_layers"], cfg["n_heads"]
    W = {w: torch.stack([t[f"blocks.{l}.attn.{w}"] for l in range(L)]) for w in ("W_Q", "W_K", "W_V", "W_O")}
    gram = lambda x: x.transpose(-1, -2) @ x  # noqa: E731  [L, H, E, E]
    gV, gQ, gK = gram(W["W_V"]), gram(W["W_Q"]), gram(W["W_K"])
    gO = W["W_O"] @ W["W_O"].transpose(-1, -2)
    # left = W_V W_O; right: Q = W_Q W_K^T, K = W_K W_Q^T, V = W_V W_O
    left2 = torch.einsum("lhab,lhba->lh", gV, gO)
    out = {}
    pairs = [(l1, l2) for l1 in range(L) for l2 in range(l1 + 1, L)]
    for mode, (first, gSecond) in {"Q": ("W_Q", gK), "K": ("W_K", gQ), "V": ("W_V", gO)}.items():
        right2 = torch.einsum("lhab,lhba->lh", gram(W[first]), gSecond)
        s = torch.zeros(L, H, L, H)
        for l1, l2 in pairs:
            M = W["W_O"][l1][:, None] @ W[first][l2][None]  # [H1, H2, E, E]: W_O1 . first factor of R2
            num2 = ((gV[l1][:, None] @ M @ gSecond[l2][None]) * M).sum((-1, -2))  # tr(gV M gS M^T)
            s[l1, :, l2] = (num2 / (left2[l1][:, None] * right2[l2][None])).sqrt()
        out[mode] = s
    return out


def baseline(d_model, d_head, samples):
    """ARENA's random-pair baseline, every sample at once, through the same d_head traces."""
    bound = 1 / d_head ** 0.5
    g = torch.Generator().manual_seed(0)
    A1, A2, B1, B2 = ((torch.rand(4, samples, d_model, d_head, generator=g) * 2 - 1) * bound).unbind(0)
    gram = lambda x: x.transpose(-1, -2) @ x  # noqa: E731
    tr = lambda a, b: (a * b.transpose(-1, -2)).sum((-1, -2))  # noqa: E731  tr(a b)
    M = A2.transpose(-1, -2) @ B1  # ||A1 A2^T B1 B2^T||^2 = tr(G_A1 M G_B2 M^T)
    num2 = ((gram(A1) @ M @ gram(B2)) * M).sum((-1, -2))
    x = (num2 / (tr(gram(A1), gram(A2)) * tr(gram(B1), gram(B2)))).sqrt()
    return {"mean": x.mean().item(), "std": x.std(unbiased=False).item()}


def positivity(ev):
    return ev.real.sum(-1) / ev.abs().sum(-1)


def brute_topk(a_left, b_right, k, block=1024):
    """Top-k of the full [V, V] product a_left [V, E] . b_right [E, V]: every entry computed (a block
    of rows at a time), each row's top k, then the top k of those (brute force, no pruning)."""
    vals, idx = [], []
    for r0 in range(0, a_left.shape[0], block):
        v, i = (a_left[r0:r0 + block] @ b_right).topk(k, dim=1)
        vals.append(v.flatten())
        idx.append((i + (torch.arange(r0, r0 + v.shape[0]) * b_right.shape[1])[:, None]).flatten())
    v, j = torch.cat(vals).topk(k)
    return v, torch.cat(idx)[j]


def blas_library():
    """The BLAS shared library this process mapped (which one Debian's libblas.so.3 alternative points to)."""
    with open("/proc/self/maps") as f:
        libs = {line.split()[-1] for line in f if "blas" in line.lower()}
    return sorted(os.path.realpath(x) for x in libs)


def all_heads(cfg, t):
    """Q/K/V/O of every head stacked [n_layers * n_heads, ...], head index layer * n_heads + head."""
    L = cfg["n_layers"]
    return {w: torch.stack([t[f"blocks.{l}.attn.{w}"] for l in range(L)]).flatten(0, 1) for w in ("W_Q", "W_K", "W_V", "W_O")}


def brute_heads(t, W, n):
    """Brute-force OV and QK top-10 of heads 0..n-1, as flat indices row * d_vocab + col."""
    W_E, W_U = t["embed.W_E"], t["unembed.W_U"]
    top = {}
    for i in range(n):
        ov_v, ov_i = brute_topk(W_E @ W["W_V"][i], W["W_O"][i] @ W_U, 10)
        qk_v, qk_i = brute_topk(W_E @ W["W_Q"][i], (W_E @ W["W_K"][i]).T.contiguous(), 10)
        top[i] = {"ov": [int(x) for x in ov_i], "qk": [int(x) for x in qk_i], "ovValues": ov_v.tolist(), "qkValues": qk_v.tolist()}
    return top


def topk_only(path, n):
    times = {"import": T_IMPORT}
    tic = time.perf_counter()
    cfg, t = load(path)
    times["load"] = time.perf_counter() - tic
    tic = time.perf_counter()
    with torch.no_grad():
        top = brute_heads(t, all_heads(cfg, t), n)
    times["topk"] = time.perf_counter() - tic
    print(json.dumps({"times": times, "threads": torch.get_num_threads(), "blas": blas_library(), "torch": torch.__version__, "top": top}))


def main():
    if "--topk-only" in sys.argv:
        return topk_only(sys.argv[1], int(sys.argv[sys.argv.index("--topk-only") + 1]))
    path, tok_path = sys.argv[1], sys.argv[2]
    topk_heads = int(sys.argv[sys.argv.index("--topk-heads") + 1]) if "--topk-heads" in sys.argv else 0
    toks = json.load(open(tok_path))
    times = {"import": T_IMPORT}
    tic = time.perf_counter()

    def stage(name):
        nonlocal tic
        now = time.perf_counter()
        times[name] = now - tic
        tic = now

    cfg, t = load(path)
    stage("load")
    with torch.no_grad():
        rep = forward_patterns(cfg, t, toks["repeated"])
        var = forward_patterns(cfg, t, toks["varied"])
        cal = forward_patterns(cfg, t, toks["caller"]) if toks.get("caller") else None
        stage("forward")
        det_pats, det_toks = (cal, toks["caller"]) if cal else (rep, toks["repeated"])
        scores = detector_scores(det_toks, det_pats)
        if cal:
            per_seq = [stripe([p[b:b + 1] for p in cal], Lb) for b, Lb in enumerate(toks["callerL"])]
            scores["inductionStripe"] = torch.stack(per_seq).mean(0)
        else:
            scores["inductionStripe"] = stripe(rep, toks["L"])
        scores["variedPeriodInduction"] = detector_scores(toks["varied"], var)["induction"]
        n = len(toks["varied"][0])
        tv = torch.stack([(p[1:] - p[:-1]).abs().sum((-1, -2)).mean(0) for p in var])
        scores["positionalInvariance"] = 1 - tv / (2 * n)
        q = torch.arange(n)
        unif = (q[None, :] <= q[:, None]).float() / (q[:, None] + 1)
        scores["distanceFromUniform"] = torch.stack([(p - unif).abs().sum((-1, -2)).mean(0) for p in var]) / (2 * n)
        stage("detectors")
        comp = composition(cfg, t)
        stage("composition")
        base = baseline(cfg["d_model"], cfg["d_head"], toks.get("baselineSamples", 100))
        stage("compositionBaseline")
        W = all_heads(cfg, t)
        W_E, W_U, W_pos = t["embed.W_E"], t["unembed.W_U"], t["pos_embed.W_pos"]
        WUE = W_U @ W_E
        scores["ovCopying"] = positivity(torch.linalg.eigvals(W["W_O"] @ WUE @ W["W_V"]))
        stage("ovCopying")
        GE = W_E.T @ W_E
        scores["qkTokenPositivity"] = positivity(torch.linalg.eigvals(W["W_K"].transpose(-1, -2) @ GE @ W["W_Q"]))
        stage("qkTokenPositivity")
        GP = W_pos.T @ W_pos
        scores["qkPositionalPositivity"] = positivity(torch.linalg.eigvals(W["W_K"].transpose(-1, -2) @ GP @ W["W_Q"]))
        stage("qkPositionalPositivity")
        analyze_total = sum(v for k, v in times.items() if k != "import")
        top = brute_heads(t, W, topk_heads)
        if topk_heads:
            stage("topk")
    flat = lambda x: x.flatten().tolist()  # noqa: E731
    print(json.dumps({
        "times": times, "analyzeSeconds": analyze_total, "threads": torch.get_num_threads(), "blas": blas_library(), "torch": torch.__version__,
        "scores": {k: flat(v) for k, v in scores.items()}, "composition": {m: flat(v) for m, v in comp.items()},
        "baseline": base, "top": top,
    }))


main()
