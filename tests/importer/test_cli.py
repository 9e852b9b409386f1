"""``sopc import`` as a command: JSON report, exit codes, bad input without a traceback,
sopc.yaml when missing, no overwrite without --timpa, --lang en."""

from __future__ import annotations

import json
import os
import stat

import pikepdf
import pytest
from click.testing import CliRunner

from sopc.cli import cli


def _run(*args):
    r = CliRunner().invoke(cli, ["import", *map(str, args)])
    assert "Traceback" not in (r.stderr or ""), r.stderr
    return r


@pytest.fixture(scope="module")
def bad(tmp_path_factory, lookalikes):
    base = tmp_path_factory.mktemp("bad")
    good = lookalikes["letter_rings"][1]
    data = good.read_bytes()
    (base / "terpotong.pdf").write_bytes(data[: len(data) // 3])
    with pikepdf.open(good) as pdf:
        pdf.save(base / "terenkripsi.pdf", encryption=pikepdf.Encryption(owner="pemilik", user="rahasia"))
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(792, 612))
    pdf.save(base / "pindaian.pdf")
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(792, 612))
    font = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1,
                                                BaseFont=pikepdf.Name.Helvetica))
    pdf.pages[0].obj.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
    pdf.pages[0].obj.Contents = pdf.make_stream(b"BT /F1 12 Tf 72 500 Td (Laporan keuangan triwulan) Tj ET")
    pdf.save(base / "bukan-sop.pdf")
    (base / "bukan-pdf.pdf").write_bytes(b"bukan sebuah PDF")
    return base


def test_bad_inputs_fail_with_reasons(bad, tmp_path):
    r = _run(bad, "--out", tmp_path / "sop", "--format", "json", "--jobs", "1")
    assert r.exit_code == 1
    report = {rec["source"].rsplit("/", 1)[-1]: rec for rec in json.loads(r.stdout)}
    assert {k: v["status"] for k, v in report.items()} == {k: "failed" for k in report}
    assert "terenkripsi" in report["terenkripsi.pdf"]["notes"][0]
    assert "rusak" in report["terpotong.pdf"]["notes"][0]
    assert "pindai" in report["pindaian.pdf"]["notes"][0]
    assert "bukan dokumen SOP" in report["bukan-sop.pdf"]["notes"][0]
    assert report["bukan-pdf.pdf"]["output"] is None
    assert not (tmp_path / "sop" / "sopc.yaml").exists()


def test_bad_inputs_in_english(bad, tmp_path):
    r = _run(bad / "terenkripsi.pdf", "--out", tmp_path / "sop", "--format", "json", "--lang", "en")
    assert r.exit_code == 1
    assert "encrypted" in json.loads(r.stdout)[0]["notes"][0]


def test_writes_files_config_and_respects_timpa(lookalikes, tmp_path):
    src = [lookalikes[n][1] for n in ("letter_rings", "a4_word_grey", "multipage")]
    out = tmp_path / "sop"
    r = _run(*src, "--out", out, "--format", "json", "--jobs", "2")
    assert r.exit_code == 0, r.stderr
    report = json.loads(r.stdout)
    assert [set(x) for x in report] == [{"source", "output", "status", "notes", "activities", "pages"}] * 3
    assert report[0]["status"] == "ok" and report[0]["activities"] == 5 and report[0]["pages"] == 2
    # three documents with one nomor: one folder per unit, distinct file names
    outputs = [x["output"] for x in report]
    assert len(set(outputs)) == 3 and all(o.startswith(str(out / "tim-tata-usaha")) for o in outputs)
    cfg = (out / "sopc.yaml").read_text(encoding="utf-8")
    assert "Kementerian Contoh Republik Indonesia" in cfg and "Tim Tata Usaha" in cfg and "kertas: Letter" in cfg
    assert "kertas: A4" in (out / "tim-tata-usaha" / "sop-012-17000-2025-2.sop.yaml").read_text("utf-8")
    assert "kertas:" not in (out / "tim-tata-usaha" / "sop-012-17000-2025.sop.yaml").read_text("utf-8")
    assert "logo: aset/logo.png" in cfg and (out / "aset" / "logo.png").read_bytes().startswith(b"\x89PNG")
    umask = os.umask(0o022)
    os.umask(umask)
    assert stat.S_IMODE(os.stat(outputs[0]).st_mode) == 0o666 & ~umask     # not mkstemp's 0600
    (out / "sopc.yaml").write_text("instansi:\n  nama: Dijaga\n", encoding="utf-8")
    again = _run(src[0], "--out", out, "--format", "json")
    assert again.exit_code == 1 and json.loads(again.stdout)[0]["status"] == "failed"
    assert "--timpa" in json.loads(again.stdout)[0]["notes"][0]
    forced = _run(src[0], "--out", out, "--timpa")
    assert forced.exit_code == 0
    assert (out / "sopc.yaml").read_text(encoding="utf-8") == "instansi:\n  nama: Dijaga\n"
    assert "ok" in forced.stderr


def test_usage_errors_exit_2(tmp_path):
    assert _run(tmp_path / "tidak-ada.pdf", "--out", tmp_path).exit_code == 2
    assert _run(tmp_path, "--out", tmp_path).exit_code == 2          # no PDF in the folder
    assert CliRunner().invoke(cli, ["import", str(tmp_path)]).exit_code == 2   # --out missing


def test_unit_takes_the_existing_repository_spelling(lookalikes, tmp_path):
    out = tmp_path / "sop"
    out.mkdir()
    (out / "sopc.yaml").write_text("instansi:\n  nama: Kantor Contoh\nunit: [TIM Tata Usaha, Keuangan]\n",
                                   encoding="utf-8")
    r = _run(lookalikes["letter_rings"][1], "--out", out, "--format", "json")
    assert r.exit_code == 0
    rec = json.loads(r.stdout)[0]
    assert rec["status"] == "ok", rec
    assert "unit: TIM Tata Usaha\n" in (out / "tim-tata-usaha" / "sop-012-17000-2025.sop.yaml").read_text("utf-8")


def test_doctor_names_ocr_as_optional(monkeypatch):
    from sopc.build import doctor
    from sopc.importer import ocr

    monkeypatch.setattr(ocr, "available", lambda: False)
    c = doctor.check_ocr()
    assert c.ok and c.note is ocr.GUIDANCE and "tesseract-ocr-ind" in c.note.text("en")
