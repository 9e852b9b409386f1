"""``sopc.yaml`` → :class:`sopc.core.model.Config`. Every problem is reported (mkdocs'
model: read everything, report all config errors together); the caller exits 2."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import yaml

from sopc.core.diagnostics import Diagnostic, Level, msg
from sopc.loader import spec
from sopc.loader.reader import MapReader, Sink, read_bool, read_enum, read_strlist, scalar, suggest
from sopc.loader.yamlsrc import SourceError, compose, is_null, pos_of
from sopc.core.model import Config, RuleConfig, WaktuKerja

CONFIG_NAME = "sopc.yaml"
LOGO_EXTENSIONS = (".png", ".jpg", ".jpeg", ".svg")


def load_config_bytes(data: bytes | str, root: Path, relpath: str = CONFIG_NAME) -> tuple[Config, list[Diagnostic]]:
    sink = Sink(relpath)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    cfg = Config(root=root, path=root / CONFIG_NAME, source_hash=hashlib.sha256(raw).hexdigest())
    try:
        node = compose(raw)
    except SourceError as exc:
        sink.add(exc.code, exc.pos, exc.message)
        return cfg, sink.diags
    if node is None or is_null(node):
        sink.add("E003", cfg.pos, msg("sopc.yaml kosong: kunci wajib 'instansi.nama' tidak ada",
                                      "sopc.yaml is empty: required key 'instansi.nama' is missing"))
        return cfg, sink.diags
    r = MapReader(node, spec.CONFIG, sink, "sopc.yaml", cfg.positions, cfg.key_positions)
    if not r.ok:
        return cfg, sink.diags
    cfg.pos = pos_of(node)
    r.require()
    if "instansi" in r.values:
        m = MapReader(r.get("instansi"), spec.CONFIG["instansi"].fields, sink, "instansi",
                      cfg.positions, cfg.key_positions, "instansi.")
        if m.ok:
            m.require()
            cfg.instansi_nama = scalar(m.get("nama"), sink, "instansi.nama", allow_empty=False) or "" if "nama" in m.values else ""
            cfg.satuan_kerja = scalar(m.get("satuan_kerja"), sink, "satuan_kerja") or None
            cfg.alamat = scalar(m.get("alamat"), sink, "alamat") or None
            if "logo" in m.values:
                cfg.logo = _read_logo(m.get("logo"), sink, root)
    if "unit" in r.values:
        cfg.unit = read_strlist(r.get("unit"), sink, "unit", cfg.positions, "unit")
    if "nomor" in r.values:
        pattern = scalar(r.get("nomor"), sink, "nomor")
        if pattern:
            try:
                re.compile(pattern)
                cfg.nomor = pattern
            except re.error as exc:
                sink.add("E004", pos_of(r.get("nomor")), msg(f"pola 'nomor' bukan regex yang sah: {exc}",
                                                             f"'nomor' is not a valid regex: {exc}"))
    if "kertas" in r.values:
        cfg.kertas = read_enum(r.get("kertas"), sink, "kertas", spec.KERTAS) or "A4"
    if "bahasa" in r.values:
        cfg.bahasa = read_enum(r.get("bahasa"), sink, "bahasa", spec.BAHASA) or "id"
    if "wilayah" in r.values:
        cfg.wilayah = scalar(r.get("wilayah"), sink, "wilayah") or None
    if "tinjau_bulan" in r.values:
        v = _number(r.get("tinjau_bulan"), sink, "tinjau_bulan", integer=True)
        if v is not None:
            cfg.tinjau_bulan = int(v)
    if "waktu" in r.values:
        m = MapReader(r.get("waktu"), spec.CONFIG["waktu"].fields, sink, "waktu", cfg.positions,
                      cfg.key_positions, "waktu.")
        if m.ok:
            wk = WaktuKerja()
            for key in ("jam_per_hari", "hari_per_minggu", "hari_per_bulan"):
                if key in m.values:
                    v = _number(m.get(key), sink, f"waktu.{key}")
                    if v is not None:
                        setattr(wk, key, v)
            cfg.waktu = wk
    for key in ("jabatan", "pihak_luar"):
        if key in r.values:
            setattr(cfg, key, read_strlist(r.get(key), sink, key, cfg.positions, key))
    for key in ("istilah", "dasar_hukum_dicabut"):
        if key in r.values:
            setattr(cfg, key, _strmap(r.get(key), sink, key))
    for key in ("tte", "nomor_kolom"):
        if key in r.values:
            setattr(cfg, key, read_bool(r.get(key), sink, key))
    if "kosakata" in r.values:
        m = MapReader(r.get("kosakata"), spec.CONFIG["kosakata"].fields, sink, "kosakata",
                      cfg.positions, cfg.key_positions, "kosakata.")
        if m.ok:
            for key in ("kata_kerja", "kata_benda"):
                if key in m.values:
                    words = read_strlist(m.get(key), sink, f"kosakata.{key}", cfg.positions,
                                         f"kosakata.{key}")
                    cfg.kosakata[key] = [w for w in words if w.strip()]
    if "hierarki" in r.values:
        cfg.hierarki = _read_hierarki(r.get("hierarki"), sink)
    if "aturan" in r.values:
        cfg.aturan = _read_aturan(r.get("aturan"), sink)
    if "keluaran" in r.values:
        out = _path_text(r.get("keluaran"), sink, "keluaran", allow_empty=False)
        if out:
            p = Path(out)
            if p.is_absolute() or ".." in p.parts:
                sink.add("E004", pos_of(r.get("keluaran")),
                         msg("'keluaran' harus berupa folder relatif di dalam repositori (tanpa '..')",
                             "'keluaran' must be a relative folder inside the repository (no '..')"))
            else:
                cfg.keluaran = out
    return cfg, sink.diags


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def _path_text(node, sink: Sink, key: str, allow_empty: bool = True) -> str | None:
    """A scalar naming a path: None (with E004) when it holds NUL or another control
    character, which no file name should and the operating system refuses."""
    text = scalar(node, sink, key, allow_empty=allow_empty)
    if text:
        bad = _CONTROL.search(text)
        if bad:
            code = f"U+{ord(bad.group()):04X}"
            sink.add("E004", pos_of(node), msg(
                f"'{key}' berisi karakter kendali {code} (kolom {bad.start() + 1} nilainya); tulis nama folder/berkas biasa",
                f"'{key}' holds the control character {code} (column {bad.start() + 1} of the value); write a plain folder/file name"))
            return None
    return text


def _read_logo(node, sink: Sink, root: Path) -> str | None:
    text = _path_text(node, sink, "logo")
    if not text:
        return None
    p = Path(text)
    bad = None
    if p.is_absolute() or ".." in p.parts:
        bad = msg("logo harus berupa berkas di dalam repositori (jalur relatif tanpa '..')",
                  "the logo must be a file inside the repository (relative path without '..')")
    elif p.suffix.lower() not in LOGO_EXTENSIONS:
        bad = msg("logo harus berupa berkas PNG, JPEG, atau SVG", "the logo must be a PNG, JPEG or SVG file")
    else:
        full = (root / p)
        try:
            resolved = full.resolve()
            inside = resolved.is_relative_to(root.resolve())
        except OSError:
            inside = False
        if not inside:
            bad = msg("logo menunjuk ke luar repositori (tautan simbolik?)",
                      "the logo points outside the repository (symbolic link?)")
        elif not full.is_file():
            bad = msg(f"berkas logo '{text}' tidak ditemukan", f"logo file '{text}' not found")
    if bad:
        sink.add("E004", pos_of(node), bad)
        return None
    return p.as_posix()


def _number(node, sink: Sink, key: str, integer: bool = False):
    text = scalar(node, sink, key)
    if not text:
        return None
    try:
        v = float(text.replace(",", "."))
        if v <= 0 or v != v or v == float("inf"):
            raise ValueError
        if integer:
            if v != int(v):
                raise ValueError
            return int(v)
        return v
    except ValueError:
        sink.add("E004", pos_of(node), msg(f"'{key}' harus berupa bilangan positif{' bulat' if integer else ''}, bukan '{text}'",
                                           f"'{key}' must be a positive {'whole ' if integer else ''}number, not '{text}'"))
        return None


def _strmap(node, sink: Sink, key: str) -> dict[str, str]:
    if node is None or is_null(node):
        return {}
    if not isinstance(node, yaml.MappingNode):
        sink.add("E004", pos_of(node), msg(f"'{key}' harus berupa pemetaan", f"'{key}' must be a mapping"))
        return {}
    out: dict[str, str] = {}
    for k, v in node.value:
        ks = scalar(k, sink, key)
        vs = scalar(v, sink, f"{key}.{ks}")
        if ks:
            if ks in out:
                sink.add("E005", pos_of(k), msg(f"kunci '{ks}' muncul dua kali di '{key}'", f"key '{ks}' appears twice in '{key}'"))
            out[ks] = vs or ""
    return out


def _read_hierarki(node, sink: Sink) -> dict[str, str]:
    """``hierarki``: jenis → a built-in kind (code or label, as in the table of
    sopc/rules/_data/hierarki.yaml) or a rank 1-15; unknown kinds are E004."""
    from sopc.rules._lib.citation import hierarchy

    raw = _strmap(node, sink, "hierarki")
    if not raw:
        return {}
    names = hierarchy().names
    out: dict[str, str] = {}
    pairs = {scalar(k, sink, "hierarki"): v for k, v in node.value}
    for key, value in raw.items():
        v = value.strip()
        ok = v.casefold() in names or (v.isdigit() and 1 <= int(v) <= 15)
        if not ok:
            hint = suggest(v.upper(), sorted(n.upper() for n in names))
            sink.add("E004", pos_of(pairs.get(key, node)), msg(
                f"hierarki '{key}': jenis '{v}' tidak dikenal" + (f"; maksud Anda '{hint}'?" if hint else "")
                + "; pakai kode jenis bawaan (mis. PERMEN, PERDIRJEN, PERGUB) atau peringkat 1-15",
                f"hierarki '{key}': unknown kind '{v}'" + (f"; did you mean '{hint}'?" if hint else "")
                + "; use a built-in kind code (e.g. PERMEN, PERDIRJEN, PERGUB) or a rank 1-15"))
            continue
        out[key] = v
    return out


def _read_aturan(node, sink: Sink) -> dict[str, RuleConfig]:
    from sopc.rules import all_rules, get_rule

    if node is None or is_null(node):
        return {}
    if not isinstance(node, yaml.MappingNode):
        sink.add("E004", pos_of(node), msg("'aturan' harus berupa pemetaan KODE: {level: ...}",
                                           "'aturan' must be a mapping CODE: {level: ...}"))
        return {}
    names = [r.code for r in all_rules()] + [r.name for r in all_rules()]
    out: dict[str, RuleConfig] = {}
    for k, v in node.value:
        ks = scalar(k, sink, "aturan")
        if not ks:
            continue
        rule = get_rule(ks)
        if rule is None:
            hint = suggest(ks.upper(), [r.code for r in all_rules()]) or suggest(ks.lower(), names)
            sink.add("E002", pos_of(k), msg(f"kode aturan tidak dikenal '{ks}'" + (f"; maksud Anda '{hint}'?" if hint else ""),
                                            f"unknown rule code '{ks}'" + (f"; did you mean '{hint}'?" if hint else "")))
            continue
        if rule.group == "E":
            sink.add("E004", pos_of(k), msg(f"kesalahan sumber ({rule.code}) tidak dapat diatur",
                                            f"source errors ({rule.code}) cannot be configured"))
            continue
        if rule.code in out:
            sink.add("E005", pos_of(k), msg(f"aturan '{rule.code}' diatur dua kali", f"rule '{rule.code}' configured twice"))
            continue
        rc = RuleConfig(pos=pos_of(k))
        if isinstance(v, yaml.ScalarNode):  # shorthand: KJ02: off
            _set_level(rc, v, sink, rule.code)
        elif isinstance(v, yaml.MappingNode):
            for ok_, ov in v.value:
                oname = scalar(ok_, sink, "aturan")
                if not oname:
                    continue
                if oname == "level":
                    _set_level(rc, ov, sink, rule.code)
                elif oname in rule.options:
                    val = _option_value(ov, sink, rule.options[oname], f"{rule.code}.{oname}")
                    if val is not None:
                        rc.options[oname] = val
                else:
                    valid = ["level", *rule.options]
                    hint = suggest(oname, valid)
                    sink.add("E002", pos_of(ok_),
                             msg(f"opsi tidak dikenal '{oname}' untuk {rule.code}" + (f"; maksud Anda '{hint}'?" if hint else f"; opsi yang sah: {', '.join(valid)}"),
                                 f"unknown option '{oname}' for {rule.code}" + (f"; did you mean '{hint}'?" if hint else f"; valid options: {', '.join(valid)}")))
        else:
            sink.add("E004", pos_of(v), msg(f"konfigurasi {rule.code} harus berupa pemetaan {{level: ...}}",
                                            f"configuration of {rule.code} must be a mapping {{level: ...}}"))
        out[rule.code] = rc
    return out


def _set_level(rc: RuleConfig, node, sink: Sink, code: str) -> None:
    text = scalar(node, sink, "level")
    try:
        rc.level = Level.parse(text or "").label
    except ValueError:
        sink.add("E004", pos_of(node), msg(f"level '{text}' untuk {code} tidak dikenal; pilihan: error, warning, info, off",
                                           f"unknown level '{text}' for {code}; choices: error, warning, info, off"))


def _option_value(node, sink: Sink, default, key: str):
    if isinstance(default, bool):
        text = scalar(node, sink, key)
        if text and text.lower() in ("true", "false", "ya", "tidak", "yes", "no"):
            return text.lower() in ("true", "ya", "yes")
    elif isinstance(default, (int, float)):
        v = _number(node, sink, key, integer=isinstance(default, int))
        return v
    elif isinstance(default, (list, tuple)):
        return read_strlist(node, sink, key, {}, key)
    else:
        return scalar(node, sink, key)
    sink.add("E004", pos_of(node), msg(f"nilai opsi '{key}' tidak sah", f"invalid value for option '{key}'"))
    return None
