"""Dasar hukum tidak mengutip peraturan yang sudah dicabut.

Mengapa: prinsip Kepatuhan hukum. SOP harus sesuai dengan peraturan yang berlaku; dasar
hukum yang sudah dicabut atau diganti (mis. PER/21/M.PAN/11/2008, diganti PermenPANRB
35/2012; UU 32/2004 tentang Pemerintahan Daerah, diganti UU 23/2014) berarti SOP perlu
ditinjau.

Why: principle "legal compliance". Citing a repealed regulation means the SOP is out of
date with the law; the message names the replacement.

Daftar bawaan (sopc.rules._lib.citation.REPEALED) dicocokkan menurut jenis, nomor dan tahun;
``dasar_hukum_dicabut`` di sopc.yaml menambah daftar (dicocokkan sebagai penggalan teks
tanpa membedakan huruf besar/kecil, atau menurut jenis, nomor dan tahun).

Gagal / Fails:

    - Undang-Undang Nomor 32 Tahun 2004 tentang Pemerintahan Daerah
    - Peraturan Pemerintah Nomor 53 Tahun 2010 tentang Disiplin Pegawai Negeri Sipil

Lolos / Passes:

    - Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah
    - Peraturan Pemerintah Nomor 94 Tahun 2021 tentang Disiplin Pegawai Negeri Sipil
"""

from __future__ import annotations

from sopc.rules._lib.citation import citation_key, parse_citation, repealed_replacement, same_regulation
from sopc.core.diagnostics import Level, msg
from sopc.rules.base import Finding
from sopc.rules.kh._common import citations, table
from sopc.rules._lib.textid import brief

CODE = "KH04"
NAME = "repealed"
LEVEL = Level.WARNING
OPTIONS: dict = {}
TITLE = msg("Dasar hukum masih berlaku (tidak dicabut)", "Legal basis is still in force")


def _configured(ctx):
    items = getattr(ctx.config, "dasar_hukum_dicabut", None) or {}
    out = []
    for key, new in items.items():
        k = citation_key(str(key))
        if k:
            out.append((k, parse_citation(str(key), table(ctx)), str(new)))
    return out


def check(sop, ctx, options):
    configured = ctx.once("KH04.dicabut", lambda: _configured(ctx))
    for i, (text, c) in enumerate(zip(sop.dasar_hukum, citations(sop, ctx))):
        new = None
        if configured:
            key = citation_key(text)
            for k, kc, repl in configured:
                if k in key or (kc is not None and kc.nomor and same_regulation(c, kc)):
                    new = repl
                    break
        if new is None:
            new = repealed_replacement(c)
        if new is None:
            continue
        q = brief(text, 60)
        yield Finding(sop.at(f"dasar_hukum.{i}"), msg(
            f"Dasar hukum \"{q}\" sudah dicabut: ganti dengan {new}",
            f"legal basis \"{q}\" has been repealed: cite {new} instead"))
