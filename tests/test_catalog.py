"""`iku catalog`: the national indicator catalog built from batch datasets (pipeline/catalog/)."""
from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow.parquet as pq
import pytest

from _batch_helpers import iku
from conftest import DIGITAL, OFFICE
from iku.pipeline.batch.dataset import Dataset, render
from iku.pipeline.catalog import families
from iku.pipeline.catalog.build import CatalogError, build
from iku.pipeline.catalog.kinds import classify, parse_formula
from iku.pipeline.catalog.search import Filters, SearchError, search
from iku.pipeline.catalog.urusan import office
from iku.pipeline.catalog.wilayah import resolve

pytestmark = pytest.mark.timeout(180)

SAMPLE_DIRS = (DIGITAL, OFFICE)

# The official region of every sample document (normalizers/data/wilayah-kemendagri-2025.csv).
REGIONS = {
    "000_eb4ee2063c343ebc.pdf": ("63.04", "Kabupaten Barito Kuala", "kabupaten", "63"),
    "001_65d427c19d83d0f8.pdf": ("64.02", "Kabupaten Kutai Kartanegara", "kabupaten", "64"),
    "002_d69aff022b735e67.pdf": ("63", "Provinsi Kalimantan Selatan", "provinsi", "63"),
    "003_b12329ee375d4a48.pdf": ("32.76", "Kota Depok", "kota", "32"),
    "100_dinkes_sleman.pdf": ("34.04", "Kabupaten Sleman", "kabupaten", "34"),
    "101_bappeda_pontianak.pdf": ("61.71", "Kota Pontianak", "kota", "61"),
    "102_dikbud_ntb.pdf": ("52", "Provinsi Nusa Tenggara Barat", "provinsi", "52"),
    "300_dishub_makassar.pdf": ("73.71", "Kota Makassar", "kota", "73"),
    "301_bapenda_riau.pdf": ("14", "Provinsi Riau", "provinsi", "14"),
    "302_dlh_banyumas.pdf": ("33.02", "Kabupaten Banyumas", "kabupaten", "33"),
    "303_satpolpp_surabaya.pdf": ("35.78", "Kota Surabaya", "kota", "35"),
    "304_dinkop_sulteng.pdf": ("72", "Provinsi Sulawesi Tengah", "provinsi", "72"),
    "305_distan_gianyar.pdf": ("51.04", "Kabupaten Gianyar", "kabupaten", "51"),
}

# The office type and urusan (Permendagri 90/2019) of every sample agency.
OFFICES = {
    "000": ("Dinas Sosial", "1.06", "Sosial"),
    "001": ("Dinas Sosial", "1.06", "Sosial"),
    "002": ("Dinas Sosial", "1.06", "Sosial"),
    "003": ("Dinas Sosial", "1.06", "Sosial"),
    "100": ("Dinas Kesehatan", "1.02", "Kesehatan"),
    "101": ("Badan Perencanaan Pembangunan Daerah", "5.01", "Perencanaan"),
    "102": ("Dinas Pendidikan dan Kebudayaan", "1.01", "Pendidikan"),
    "300": ("Dinas Perhubungan", "2.15", "Perhubungan"),
    "301": ("Badan Pendapatan Daerah", "5.02", "Keuangan"),
    "302": ("Dinas Lingkungan Hidup", "2.11", "Lingkungan Hidup"),
    "303": ("Satuan Polisi Pamong Praja", "1.05", "Ketenteraman dan Ketertiban Umum serta Pelindungan Masyarakat"),
    "304": ("Dinas Koperasi dan UKM", "2.17", "Koperasi, Usaha Kecil, dan Menengah"),
    "305": ("Dinas Pertanian", "3.27", "Pertanian"),
}

# The expected families of the samples: every family of two or more indicators, with its members as
# (document number, indicator as written). Every other indicator of the samples is a family of its own.
EXPECTED_FAMILIES = {
    "Nilai SAKIP": [
        ("002", "Nilai SAKIP Dinas Sosial"),
        ("100", "Nilai Sistem Akuntabilitas Kinerja Instansi Pemerintah (SAKIP) Dinas Kesehatan"),
        ("101", "Nilai SAKIP Badan Perencanaan Pembangunan Daerah"),
        ("102", "Nilai SAKIP Dinas Pendidikan dan Kebudayaan"),
        ("300", "Nilai Sistem Akuntabilitas Kinerja Instansi Pemerintah (SAKIP) Dinas Perhubungan"),
        ("301", "Nilai SAKIP Badan Pendapatan Daerah"),
        ("302", "Nilai SAKIP Dinas Lingkungan Hidup"),
        ("303", "Nilai SAKIP Satuan Polisi Pamong Praja"),
        ("304", "Nilai SAKIP Dinas Koperasi dan UKM"),
    ],
    "Indeks Kepuasan Masyarakat terhadap layanan": [
        ("100", "Indeks Kepuasan Masyarakat (IKM) terhadap pelayanan puskesmas"),
        ("300", "Indeks Kepuasan Masyarakat (IKM) terhadap layanan Dinas Perhubungan"),
        ("301", "Indeks Kepuasan Masyarakat terhadap layanan Samsat"),
        ("303", "Indeks Kepuasan Masyarakat terhadap layanan Satuan Polisi Pamong Praja"),
    ],
    "Persentase Penyandang Disabilitas yang Mandiri": [
        ("000", "Persentase penyandang disabilitas yang mandiri"),
        ("003", "Prosentase Penyandang Disabilitas yang Mandiri"),
        ("003", "Persentase Penyandang Disabilitas yang Mandiri"),
    ],
    "Persentase PMKS yang tertangani": [
        ("001", "Persentase PMKS yang tertangani"),
        ("001", "Cakupan Penanganan PMKS (penyanggah Masalah Kesejahteraan Sosial)"),
    ],
    "Persentase realisasi anggaran": [
        ("002", "Persentase penyerapan anggaran Dnas Sosial"),
        ("100", "Persentase realisasi anggaran Dinas Kesehatan"),
        ("300", "Persentase realisasi anggaran Dinas Perhubungan"),
    ],
    "Persentase dokumen perencanaan dan pelaporan kinerja yang disusun tepat waktu": [
        ("101", "Persentase dokumen perencanaan dan pelaporan kinerja yang disusun tepat waktu"),
        ("102", "Persentase dokumen perencanaan dan pelaporan kinerja yang tersusun tepat waktu"),
        ("305", "Persentase dokumen perencanaan dan pelaporan yang disusun tepat waktu"),
    ],
    "Persentase Korban Bencana Yang Mendapat Bantuan Tanggap Darurat": [
        ("000", "Persentase Korban Bencana Yang Mendapat Bantuan Tanggap Darurat."),
        ("001", "Persentase korban bencana yang menerima bantuan sosial selama masa tanggap darurat"),
    ],
    # Depok's decree lists its indicators twice (two tables)
    "Persentase keluarga miskin yang meningkat kualitas hidupnya": [
        ("003", "Prosentase keluarga miskin yang meningkat kualitas hidupnya"),
        ("003", "Persentase keluarga miskin yang meningkat kualitas hidupnya"),
    ],
    "Persentase PMKS yang mengalami perubahan perilaku": [
        ("003", "Persentase PMKS yang mengalami perubahan perilaku"),
        ("003", "Persentase PMKS yang mengalami perubahan perilaku"),
    ],
    "Persentase PSKS yang berpartisipasi dalam peningkatan kesejahteraan social": [
        ("003", "Persentase PSKS yang berpartisipasi dalam peningkatan kesejahteraan social"),
        ("003", "Persentase PSKS yang berpartisipasi dalam peningkatan kesejahteraan social"),
    ],
    "Prosentase pemberian bantuan bagi korban bencana yang tersampaikan dalam waktu kurang dari 3 (tiga) hari": [
        ("003", "Prosentase pemberian bantuan bagi korban bencana yang tersampaikan dalam waktu kurang dari 3 "
                "(tiga) hari"),
        ("003", "Prosentase pemberian bantuan bagi korban bencana yang tersampaikan dalam waktu kurang dari 3 "
                "(tiga) hari"),
    ],
}

# Look-alike indicators that measure different things: each group must be in as many families as it has members.
APART = [
    [("301", "Persentase realisasi Pajak Kendaraan Bermotor (PKB) terhadap target"),
     ("301", "Persentase realisasi Bea Balik Nama Kendaraan Bermotor (BBNKB) terhadap target"),
     ("301", "Persentase realisasi Pajak Bahan Bakar Kendaraan Bermotor (PBBKB) terhadap target"),
     ("301", "Persentase realisasi Pajak Air Permukaan terhadap target")],
    [("002", "Jumlah KK FM Perdesaan yang memiliki tempat tinggal layak"),
     ("002", "Jumlah KK FM Perkotaan yang memiliki tempat tinggal layak"),
     ("002", "Jumlah KK FM Pesisir dan Pulau-Pulau kecil yang memiliki tempat tinggal layak")],
    [("002", "Jumlah TKSK yang terampil"), ("002", "Jumlah PSM yang terampil"),
     ("002", "Jumlah Karang Taruna yang terampil"), ("002", "Jumlah Anak terlantar yang terampil")],
    [("302", "Persentase pengurangan sampah"), ("302", "Persentase penanganan sampah")],
    [("302", "Indeks Kualitas Air (IKA)"), ("302", "Indeks Kualitas Udara (IKU)"),
     ("302", "Indeks Kualitas Tutupan Lahan (IKTL)")],
    [("102", "Angka Partisipasi Kasar (APK) SMA/SMK/SMALB"), ("102", "Angka Partisipasi Murni (APM) SMA/SMK/SMALB")],
    [("100", "Angka Kematian Ibu (AKI)"), ("100", "Angka Kematian Bayi (AKB)")],
    [("001", "Persentase Potensi Sumber Kesejahteraan Sosial (PSKS) Perorangan yang berperan Aktif dalam "
             "Penyelenggaraan Kesejahteraan Sosial (%)"),
     ("001", "Persentase Potensi Sumber Kesejahteraan Sosial (PSKS) Kelembagaan yang berperan Aktif dalam "
             "Penyelenggaraan Kesejahteraan Sosial (%)")],
    [("305", "Persentase pertumbuhan produksi padi"), ("305", "Persentase pertumbuhan populasi sapi bali")],
    [("000", "Persentase penyandang disabilitas yang mandiri"),
     ("002", "Jumlah Penyandang Disabilitas Berat yang terpenuhi kebutuhan dasarnya"),
     ("000", "Persentase lanjut usia yang terpenuhi kebutuhan dasarnya")],
]


# --------------------------------------------------------------------------- fixtures

@pytest.fixture(scope="module")
def dataset(tmp_path_factory, extracted) -> Path:
    """The 13 samples as `iku batch` lays them out (Dataset and render, keyed by the
    PDF's sha256), from their extractions of this run (conftest.py) instead of a batch
    run of their own: `iku batch` itself is tested in test_batch.py."""
    out = tmp_path_factory.mktemp("catalog") / "dataset"
    ds = Dataset(out)
    ds.open()
    try:
        for pdf in sorted(p for folder in SAMPLE_DIRS for p in folder.glob("*.pdf")):
            sha = hashlib.sha256(pdf.read_bytes()).hexdigest()
            ds.write(sha, render(extracted(pdf), sha))
    finally:
        ds.close()
    return out


@pytest.fixture(scope="module")
def catalog(dataset, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("catalog") / "catalog.duckdb"
    report = build([dataset], path)
    assert (report.documents, report.indicators) == (13, 221)
    return path


def _rows(path: Path, sql: str, params=()) -> list[dict]:
    with duckdb.connect(str(path), read_only=True) as con:
        cur = con.execute(sql, list(params))
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r)) for r in cur.fetchall()]


def _members(path: Path) -> list[dict]:
    return _rows(path, "SELECT left(source_file, 3) AS doc, indikator, family_id, kind FROM catalog "
                       "ORDER BY source_file, record_index")


def _family_of(members: list[dict], doc: str, text: str) -> str:
    found = {m["family_id"] for m in members if m["doc"] == doc and m["indikator"] == text}
    assert len(found) == 1, f"{doc} {text!r}: {found or 'not in the catalog'}"
    return found.pop()


def _write_dataset(root: Path, docs: list[dict]) -> list[str]:
    """A batch dataset holding `docs` (FORMAT.md documents), as `iku batch` lays it out."""
    ds = Dataset(root)
    ds.open()
    shas = []
    try:
        for doc in docs:
            sha = hashlib.sha256(json.dumps(doc, sort_keys=True).encode()).hexdigest()
            ds.write(sha, render(doc, sha))
            shas.append(sha)
    finally:
        ds.close()
    return shas


def _gold(name: str) -> dict:
    for folder in SAMPLE_DIRS:
        path = folder / f"{name}.json"
        if path.is_file():
            return json.loads(path.read_text("utf-8"))
    raise FileNotFoundError(name)


# --------------------------------------------------------------------------- families

def test_families_of_the_samples(catalog):
    members = _members(catalog)
    by_family: dict[str, list[tuple[str, str]]] = {}
    for m in members:
        by_family.setdefault(m["family_id"], []).append((m["doc"], m["indikator"]))
    found = sorted(sorted(v) for v in by_family.values() if len(v) > 1)
    expected = sorted(sorted(v) for v in EXPECTED_FAMILIES.values())
    assert found == expected
    assert len(by_family) == 221 - sum(len(v) - 1 for v in EXPECTED_FAMILIES.values())


def test_family_names_and_rows(catalog):
    fams = _rows(catalog, "SELECT name, kind, indicators, documents, agencies, provinces, variants, urusan "
                          "FROM families WHERE indicators > 1")
    names = {f["name"]: f for f in fams}
    assert set(names) == set(EXPECTED_FAMILIES)
    sakip = names["Nilai SAKIP"]
    assert (sakip["kind"], sakip["indicators"], sakip["documents"], sakip["agencies"], sakip["provinces"]) == \
        ("nilai", 9, 9, 9, 9)
    disab = names["Persentase Penyandang Disabilitas yang Mandiri"]
    assert (disab["kind"], disab["indicators"], disab["documents"], disab["urusan"]) == ("persentase", 3, 2, "Sosial")
    # every indicator has a family, and the families table counts them all
    assert _rows(catalog, "SELECT count(*) AS n FROM indicators WHERE family_id IS NULL")[0]["n"] == 0
    assert _rows(catalog, "SELECT sum(indicators) AS n FROM families")[0]["n"] == 221


@pytest.mark.parametrize("group", APART, ids=lambda g: g[0][1][:30])
def test_different_indicators_stay_apart(catalog, group):
    members = _members(catalog)
    assert len({_family_of(members, doc, text) for doc, text in group}) == len(group)


def test_issue_examples_form_one_family():
    texts = ["Persentase PMKS yang tertangani", "Cakupan Penanganan PMKS", "Persentase penanganan PMKS",
             "Prosentase Penyandang Masalah Kesejahteraan Sosial (PMKS) yang ditangani",
             "Persentase PMKS yang memperoleh bantuan sosial"]
    g = families.group(texts, [classify(t) for t in texts])
    assert len(set(g.family_ids[:4])) == 1
    assert g.family_ids[4] != g.family_ids[0]


def test_normalise():
    n = families.normalise
    assert n("Prosentase Penyandang Disabilitas yang Mandiri") == n("Persentase penyandang disabilitas yang mandiri")
    assert n("Nilai SAKIP Dinas Kesehatan Kabupaten Sleman") == n("Nilai SAKIP") == "sakip"
    assert n("Persentase lanjut usia terlantar") == n("Cakupan lansia terlantar")
    assert n("Jumlah kecamatan di Kab. Batola") == n("Jumlah kecamatan")
    assert n("Persentase badan usaha milik desa aktif") == "badan usaha milik desa aktif"  # not an office
    assert families.without_office("Nilai SAKIP Satuan Polisi Pamong Praja") == "Nilai SAKIP"


def test_grouping_is_deterministic_and_order_free():
    texts = [t for group in EXPECTED_FAMILIES.values() for _, t in group] + [t for g in APART for _, t in g]
    kinds = [classify(t) for t in texts]
    a = families.group(texts, kinds)
    b = families.group(texts[::-1], kinds[::-1])
    assert a.family_ids == b.family_ids[::-1]
    assert sorted((f.family_id, f.name) for f in a.families) == sorted((f.family_id, f.name) for f in b.families)


def test_blocking_grows_linearly():
    """Compared pairs per text stay flat as the number of distinct texts grows (no all-pairs comparison)."""
    import random
    rng = random.Random(7)
    base = [t for group in EXPECTED_FAMILIES.values() for _, t in group] + [t for g in APART for _, t in g]
    vocab = sorted({w.lower() for t in base for w in t.split() if len(w) > 4})

    def texts(n):
        out = []
        for _ in range(n):
            words = rng.choice(base).split()
            for i in rng.sample(range(1, len(words)), min(2, len(words) - 1)):
                words[i] = rng.choice(vocab)
            out.append(" ".join(words))
        return out

    small, large = texts(2_000), texts(8_000)
    s = families.group(small, [classify(t) for t in small]).stats
    l_ = families.group(large, [classify(t) for t in large]).stats
    assert l_["compared"] / l_["distinct"] < 2.5 * s["compared"] / s["distinct"]
    assert l_["compared"] < l_["distinct"] ** 2 / 20


# --------------------------------------------------------------------------- kinds and formulas

@pytest.mark.parametrize("text,formula,satuan,kind", [
    ("Cakupan Penanganan PMKS", None, None, "persentase"),
    ("Prosentase Penyandang Disabilitas yang Mandiri", None, None, "persentase"),
    ("Jumlah Desa siap bencana", "jumlah desa yang siap bencana pada tahun n", None, "jumlah"),
    ("Indeks Kualitas Air (IKA)", None, None, "indeks"),
    ("Rasio Pendapatan Asli Daerah terhadap total pendapatan daerah", None, None, "rasio"),
    ("Nilai SAKIP Dinas Sosial", None, None, "nilai"),
    ("Predikat akuntabilitas kinerja Dinas Sosial", None, None, "nilai"),
    ("Angka Kematian Bayi (AKB)", "Jumlah kematian bayi / Jumlah kelahiran hidup x 1.000", None, "rasio"),
    ("Angka Partisipasi Kasar (APK)", "Jumlah siswa / Jumlah penduduk usia 16-18 tahun x 100%", None, "persentase"),
    ("Tingkat ketepatan waktu pelaporan", "Jumlah laporan tepat waktu dibagi jumlah laporan dikali 100", None,
     "persentase"),
    ("Nilai Tukar Petani (NTP)", "(Indeks harga yang diterima / Indeks harga yang dibayar) x 100", "indeks",
     "indeks"),
    ("Load factor angkutan umum", None, None, None),
])
def test_kind(text, formula, satuan, kind):
    assert classify(text, formula, satuan) == kind


@pytest.mark.parametrize("formula,num,den,mult", [
    ("Jumlah PMKS yang tertangani dibagi jumlah PMKS yang memerlukan penanganan x 100%",
     "Jumlah PMKS yang tertangani", "jumlah PMKS yang memerlukan penanganan", "100%"),
    ("(Jumlah PKL yang tertata / Jumlah PKL hasil pendataan) x 100%", "Jumlah PKL yang tertata",
     "Jumlah PKL hasil pendataan", "100%"),
    ("Jumlah potensi dan sumber kesejahteraan sosial (PSKS) yang aktif/Jumlah PSKS yang terdata x 100 %",
     "Jumlah potensi dan sumber kesejahteraan sosial (PSKS) yang aktif", "Jumlah PSKS yang terdata", "100%"),
    ("Jumlah siswa SMA/SMK/SMALB / Jumlah penduduk usia 16-18 tahun x 100%", "Jumlah siswa SMA/SMK/SMALB",
     "Jumlah penduduk usia 16-18 tahun", "100%"),
    ("Jumlah kematian ibu / Jumlah kelahiran hidup x 100.000", "Jumlah kematian ibu", "Jumlah kelahiran hidup",
     "100.000"),
    ("Angka PMKS = (∑ PMKS Tahun (n-1) - ∑ PMKS Tahun (n)) / Jumlah PMKS Tahun (n) x 100%",
     "∑ PMKS Tahun (n-1) - ∑ PMKS Tahun (n)", "Jumlah PMKS Tahun (n)", "100%"),
    ("(Total nilai persepsi per unsur / Total unsur yang terisi) x Nilai penimbang x 25",
     "Total nilai persepsi per unsur", "Total unsur yang terisi", "25"),
    ("Jumlah keluarga miskin yang meningkat dibagi jumlah keluarga miskin dikali seratus persen",
     "Jumlah keluarga miskin yang meningkat", "jumlah keluarga miskin", "100%"),
    ("IKLH = (0,376 x IKA) + (0,405 x IKU) + (0,219 x IKTL)", None, None, None),
    ("Jumlah kumulatif UMKM yang memiliki NIB melalui sistem OSS", None, None, None),
    (None, None, None, None),
])
def test_formula_parts(formula, num, den, mult):
    f = parse_formula(formula)
    assert (f.numerator, f.denominator, f.multiplier) == (num, den, mult)


def test_formula_columns_in_the_catalog(catalog):
    rows = _rows(catalog, "SELECT kind, count(*) AS n FROM indicators GROUP BY kind")
    kinds = {r["kind"]: r["n"] for r in rows}
    assert set(kinds) <= {"persentase", "jumlah", "indeks", "rasio", "nilai", None}
    assert kinds["persentase"] > 100 and kinds["jumlah"] > 30
    row = _rows(catalog, "SELECT numerator, denominator, multiplier FROM catalog WHERE indikator = ?",
                ["Persentase PMKS yang tertangani"])[0]
    assert row == {"numerator": "Jumlah PMKS yang tertangani",
                   "denominator": "jumlah PMKS yang memerlukan penanganan", "multiplier": "100%"}


# --------------------------------------------------------------------------- regions and agencies

def test_region_codes_of_the_samples(catalog):
    rows = _rows(catalog, "SELECT source_file, kode_wilayah, nama_wilayah, level_wilayah, kode_provinsi "
                          "FROM documents")
    assert {r["source_file"]: (r["kode_wilayah"], r["nama_wilayah"], r["level_wilayah"], r["kode_provinsi"])
            for r in rows} == REGIONS


def test_agencies_of_the_samples(catalog):
    rows = _rows(catalog, "SELECT left(d.source_file, 3) AS doc, a.jenis, a.kode_urusan, a.urusan, a.nama, "
                          "a.kode_wilayah, d.kode_wilayah AS doc_wilayah "
                          "FROM documents d JOIN agencies a USING (agency_id)")
    assert {r["doc"]: (r["jenis"], r["kode_urusan"], r["urusan"]) for r in rows} == OFFICES
    assert all(r["kode_wilayah"] == r["doc_wilayah"] for r in rows)
    assert {r["nama"] for r in rows if r["doc"] == "000"} == {"Dinas Sosial Kabupaten Barito Kuala"}
    dikbud = _rows(catalog, "SELECT urusan_lain FROM agencies WHERE jenis = 'Dinas Pendidikan dan Kebudayaan'")
    assert dikbud[0]["urusan_lain"] == ["2.22"]


@pytest.mark.parametrize("region,level,province,agency,kode", [
    ("Kab. Batola", None, None, None, "63.04"),
    ("Prov. Kalsel", None, None, None, "63"),
    ("Pemkot Depok", None, None, None, "32.76"),
    ("Barito Kuala", "kabupaten", None, None, "63.04"),
    ("KABUPATEN KUTAI KARTANEGARA", None, None, None, "64.02"),
    (None, None, None, "Dinas Sosial Kab. Kukar", "64.02"),
    (None, None, None, "Dinkes Kota Administrasi Jakarta Selatan", "31.74"),
    ("Kabupaten Daerah Tingkat II Barito Kuala", None, None, None, "63.04"),
    (None, "provinsi", "Kalimantan Selatan", "Dinas Sosial", "63"),
])
def test_loose_regions(region, level, province, agency, kode):
    assert resolve(region, level, province, agency).kode_wilayah == kode


def test_province_only_gives_the_province_code():
    w = resolve(None, "kota", "Jawa Barat", "Dinas Sosial")
    assert (w.kode_wilayah, w.kode_provinsi, w.nama_provinsi) == (None, "32", "Jawa Barat")


@pytest.mark.parametrize("agency,jenis,kode", [
    ("Dinas Sosial", "Dinas Sosial", "1.06"),
    ("Dinas Sosial dan Pemberdayaan Masyarakat Kabupaten Barito Kuala", "Dinas Sosial dan Pemberdayaan Masyarakat",
     "1.06"),
    ("Dinkes Kab. Sleman", "Dinas Kesehatan", "1.02"),
    ("Dinsos Prov. Kalsel", "Dinas Sosial", "1.06"),
    ("DPMPTSP Kota Depok", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "2.18"),
    ("Satpol-PP Pemkot Depok", "Satuan Polisi Pamong Praja", "1.05"),
    ("BPBD Kab. Batola", "Badan Penanggulangan Bencana Daerah", "1.05"),
    ("BAPPEDA KOTA PONTIANAK", "Badan Perencanaan Pembangunan Daerah", "5.01"),
    ("Dinas Peternakan dan Kesehatan Hewan", "Dinas Peternakan dan Kesehatan Hewan", "3.27"),
    ("Inspektorat Daerah Kabupaten Sleman", "Inspektorat Daerah", "6.01"),
    ("Kantor Urusan Lain", "Kantor Urusan Lain", None),
])
def test_office_and_urusan(agency, jenis, kode):
    o = office(agency)
    assert (o.jenis, o.kode_urusan) == (jenis, kode)


def test_loosely_written_documents(tmp_path, catalog):
    """Documents that write their region loosely get the official codes; the catalog takes a second dataset."""
    batola, kalsel, depok = _gold("000_eb4ee2063c343ebc"), _gold("002_d69aff022b735e67"), _gold("003_b12329ee375d4a48")
    batola["document"].update(agency="Dinsos Kab. Batola", region="Kab. Batola", region_level=None, province=None)
    kalsel["document"].update(agency="Dinas Sosial Prov. Kalsel", region="Prov. Kalsel", region_level=None,
                              province="Kalsel")
    depok["document"].update(agency="Dinas Sosial dan Pemberdayaan Masyarakat Pemkot Depok", region=None,
                             region_level=None, province=None)
    loose = tmp_path / "loose"
    shas = _write_dataset(loose, [batola, kalsel, depok])
    path = tmp_path / "catalog.duckdb"
    shutil.copy(catalog, path)
    report = build([loose], path)
    assert (report.loaded_documents, report.documents) == (3, 16)
    rows = {r["document_sha256"]: r for r in _rows(
        path, "SELECT d.document_sha256, d.kode_wilayah, d.wilayah_dari, a.jenis, a.urusan "
              "FROM documents d LEFT JOIN agencies a USING (agency_id) WHERE list_contains(?, d.document_sha256)",
        [shas])}
    assert [(rows[s]["kode_wilayah"], rows[s]["wilayah_dari"], rows[s]["jenis"], rows[s]["urusan"]) for s in shas] == [
        ("63.04", "region", "Dinas Sosial", "Sosial"),
        ("63", "region", "Dinas Sosial", "Sosial"),
        ("32.76", "agency", "Dinas Sosial dan Pemberdayaan Masyarakat", "Sosial"),
    ]
    # the same office in another decree is the same agency
    same = _rows(path, "SELECT count(DISTINCT agency_id) AS n FROM documents WHERE kode_wilayah = '63.04'")
    assert same[0]["n"] == 1
    # and its indicators join the families of the first build
    members = _members(path)
    fam = {m["family_id"] for m in members if m["indikator"] == "Persentase penyandang disabilitas yang mandiri"}
    assert len(fam) == 1


# --------------------------------------------------------------------------- rebuilds

def _counts(path: Path) -> dict:
    return _rows(path, """SELECT (SELECT count(*) FROM documents) AS documents,
                                 (SELECT count(*) FROM indicators) AS indicators,
                                 (SELECT count(DISTINCT indicator_id) FROM indicators) AS distinct_indicators,
                                 (SELECT count(*) FROM agencies) AS agencies,
                                 (SELECT count(*) FROM families) AS families,
                                 (SELECT count(*) FROM regions) AS regions,
                                 (SELECT count(*) FROM urusan) AS urusan""")[0]


def test_rebuild_is_idempotent(tmp_path, dataset, catalog):
    path = tmp_path / "catalog.duckdb"
    first = build([dataset], path)
    before = _counts(path)
    fams = _rows(path, "SELECT indicator_id, family_id, kind, numerator FROM indicators ORDER BY indicator_id")
    second = build([dataset], path)
    assert _counts(path) == before
    assert _rows(path, "SELECT indicator_id, family_id, kind, numerator FROM indicators ORDER BY indicator_id") == fams
    assert (second.loaded_documents, second.documents, second.indicators) == (13, 13, 221)
    assert before == {"documents": 13, "indicators": 221, "distinct_indicators": 221, "agencies": 13,
                      "families": first.families, "regions": 552, "urusan": 42}
    # the same documents from two datasets at once, and a dataset holding part of them: still no duplicates
    part = tmp_path / "part"
    (part / "documents").mkdir(parents=True)
    shutil.copy(dataset / "_dataset.json", part / "_dataset.json")
    one = next((dataset / "documents").rglob("part-*.parquet"))
    rel = one.relative_to(dataset / "documents")
    for top in ("documents", "indicators"):
        (part / top / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(dataset / top / rel, part / top / rel)
    build([dataset, part], path)
    build([part], path)
    assert _counts(path) == before


def test_incomplete_documents_and_bad_datasets_are_refused(tmp_path, dataset):
    path = tmp_path / "catalog.duckdb"
    half = tmp_path / "half"
    shutil.copytree(dataset, half)
    victim = next((half / "indicators").rglob("part-*.parquet"))
    victim.unlink()  # a document whose conversion is not complete
    report = build([half], path)
    assert report.documents == 12
    with pytest.raises(CatalogError, match="not an iku batch dataset"):
        build([tmp_path], path)
    with pytest.raises(CatalogError, match="no such dataset"):
        build([tmp_path / "missing"], path)


# --------------------------------------------------------------------------- search, export, SQL

def test_search(catalog):
    with duckdb.connect(str(catalog), read_only=True) as con:
        hits = search(con, "disabilitas mandiri")
        assert {(h["nama_wilayah"], h["indikator"]) for h in hits} == {
            ("Kota Depok", "Prosentase Penyandang Disabilitas yang Mandiri"),
            ("Kota Depok", "Persentase Penyandang Disabilitas yang Mandiri"),
            ("Kabupaten Barito Kuala", "Persentase penyandang disabilitas yang mandiri")}
        assert {h["kode_wilayah"] for h in search(con, "disabilitas mandiri", Filters(level="kota"))} == {"32.76"}
        assert {h["kode_wilayah"] for h in search(con, "disabilitas mandiri", Filters(province="Kalsel"))} == {"63.04"}
        assert {h["kode_wilayah"] for h in search(con, "cacat mandiri", Filters(region="Kab. Batola"))} == {"63.04"}
        # word forms, misspellings and filters by urusan and kind
        assert {h["indikator"] for h in search(con, "PMKS tertangani")} == {
            "Persentase PMKS yang tertangani", "Cakupan Penanganan PMKS (penyanggah Masalah Kesejahteraan Sosial)"}
        assert len(search(con, "disabilitaz mandri")) == 3
        assert {h["jenis"] for h in search(con, "sakip", Filters(urusan="1.06"))} == {"Dinas Sosial"}
        assert {h["kind"] for h in search(con, "kualitas", Filters(kind="indeks"))} == {"indeks"}
        assert search(con, "tidak ada indikator seperti ini") == []
        with pytest.raises(SearchError):
            search(con, "sakip", Filters(province="Atlantis"))


def test_cli(tmp_path, dataset):
    path = tmp_path / "cli.duckdb"
    proc = iku("catalog", "build", dataset, "-o", path, "--json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["indicators"] == 221
    proc = iku("catalog", "search", "disabilitas mandiri", "--level", "kota", "-c", path, "--json")
    assert proc.returncode == 0, proc.stderr
    assert {json.loads(line)["nama_wilayah"] for line in proc.stdout.splitlines()} == {"Kota Depok"}
    proc = iku("catalog", "families", "-c", path, "--min-size", "4")
    assert proc.returncode == 0, proc.stderr
    assert "Nilai SAKIP" in proc.stdout and "Indeks Kepuasan Masyarakat" in proc.stdout
    csv_out, pq_out = tmp_path / "catalog.csv", tmp_path / "families.parquet"
    assert iku("catalog", "export", "-c", path, "--format", "csv", "-o", csv_out).returncode == 0
    assert iku("catalog", "export", "-c", path, "--format", "parquet", "--table", "families",
               "-o", pq_out).returncode == 0
    table = pd.read_csv(csv_out, dtype=str)
    assert len(table) == 221 and {"kode_wilayah", "family", "kind", "numerator", "urusan"} <= set(table.columns)
    assert set(table.loc[table.source_file == "003_b12329ee375d4a48.pdf", "kode_wilayah"]) == {"32.76"}
    fams = pq.read_table(pq_out).to_pandas()
    assert fams["indicators"].sum() == 221
    proc = iku("catalog", "sql", "SELECT count(*) AS n FROM catalog WHERE kind = 'persentase'", "-c", path, "--csv")
    assert proc.returncode == 0 and proc.stdout.splitlines()[0] == "n"
    assert iku("catalog", "search", "x", "-c", tmp_path / "missing.duckdb").returncode == 2
    assert iku("catalog", "export", "-c", path, "--format", "xlsx", "-o", tmp_path / "x").returncode == 2


def test_plain_sql_through_duckdb(catalog):
    with duckdb.connect(str(catalog), read_only=True) as con:
        offices = con.execute("""
            SELECT a.nama FROM families f JOIN indicators i USING (family_id)
            JOIN documents d USING (document_sha256) JOIN agencies a USING (agency_id)
            WHERE f.name = 'Nilai SAKIP' ORDER BY a.nama""").fetchall()
        assert len(offices) == 9 and offices[0] == ("Badan Pendapatan Daerah Provinsi Riau",)
        no_formula = con.execute("SELECT count(*) FROM indicators WHERE formulasi IS NULL").fetchall()[0][0]
        assert no_formula >= 4
        per_level = dict(con.execute("SELECT level_wilayah, count(*) FROM documents GROUP BY ALL").fetchall())
        assert per_level == {"kabupaten": 5, "kota": 4, "provinsi": 4}
        info = dict(con.execute("SELECT key, value FROM catalog_info").fetchall())
        assert info["schema_version"] == "2" and len(json.loads(info["datasets"])) == 1
