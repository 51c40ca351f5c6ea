"""Build extractors/data/ocr-lexicon.txt, the word list OCR post-correction trusts.

    .venv/bin/python tools/build_ocr_lexicon.py

Sources (all in the repository):

* the text layers of the real digital IKU documents in tests/corpus/real/
  (decrees, IKU tables and an LKIP report of West Java agencies and of
  Kabupaten Pasuruan): words seen at least twice;
* the project's vocabularies: header phrases and part labels
  (normalizers/data/headers.toml), metadata words
  (normalizers/data/metadata-lexicon.json), region names
  (normalizers/data/wilayah-kemendagri-2025.csv);
* PLANNING_WORDS below: planning and IKU vocabulary, agency and bidang names,
  common indicator words.

The sample documents (samples/) are left out on purpose: the scanned samples
are scored with this lexicon in place, and it must not know their text.
"""
from __future__ import annotations

import collections
import csv
import json
import re
import sys
import tomllib
from pathlib import Path

import pypdfium2 as pdfium

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "extractors" / "data" / "ocr-lexicon.txt"
CORPUS = ROOT / "tests" / "corpus" / "real"
DATA = ROOT / "normalizers" / "data"
MIN_COUNT = 2
_WORD = re.compile(r"[^\W\d_]{3,}")

PLANNING_WORDS = """
indikator kinerja utama sasaran strategis tujuan program kegiatan subkegiatan outcome output
penjelasan formulasi perhitungan penghitungan rumus cara definisi operasional makna alasan
pemilihan sumber data penanggung jawab penanggungjawab satuan target realisasi capaian
keterangan tipe kumulatif jenis persentase jumlah rasio indeks tingkat angka cakupan
prevalensi proporsi nilai predikat rata rata-rata total seluruh terhadap dibagi dikali kali
meningkatnya meningkatkan menurunnya menurunkan terwujudnya terlaksananya tersedianya
meningkat menurun tercapainya terpenuhinya optimalnya kualitas kuantitas kapasitas akuntabilitas
transparansi efektivitas efisiensi pelayanan layanan penyelenggaraan pengelolaan pengembangan
pembangunan perencanaan pengendalian evaluasi pelaporan pengawasan pembinaan pemberdayaan
perlindungan jaminan rehabilitasi penanganan pencegahan penanggulangan pemenuhan peningkatan
penyusunan pelaksanaan penetapan penguatan pemulihan penyediaan pendampingan penyaluran
masyarakat sosial kesejahteraan penyandang masalah kemiskinan miskin fakir keluarga anak
lansia lanjut usia disabilitas terlantar korban bencana panti pemerlu potensi daerah kabupaten
kota provinsi kecamatan kelurahan desa wilayah regional nasional pusat pemerintah pemerintahan
dinas badan biro kantor sekretariat sekretaris bidang subbidang seksi bagian subbagian unit
pelaksana teknis kepala wakil bupati walikota gubernur camat lurah inspektorat inspektur
perangkat organisasi instansi aparatur pegawai sipil negara fungsional struktural eselon
tugas fungsi jabatan nama nomor tahun tanggal ditetapkan keputusan peraturan undang lampiran
tentang menimbang mengingat memutuskan menetapkan kesatu kedua ketiga keempat kelima pertama
tembusan disampaikan kepada yth pembina utama muda madya penata tingkat golongan
kesehatan pendidikan kebudayaan pariwisata perhubungan komunikasi informatika statistik
persandian pertanian pangan ketahanan perikanan kelautan peternakan kehutanan perkebunan
lingkungan hidup kebersihan pertamanan perumahan permukiman kawasan pekerjaan umum penataan
ruang tenaga kerja transmigrasi koperasi usaha mikro kecil menengah perindustrian perdagangan
penanaman modal perizinan terpadu satu pintu kependudukan pencatatan sipil keluarga berencana
perempuan kepolisian pamong praja kebakaran penyelamatan kesatuan bangsa politik pemuda olahraga
perpustakaan kearsipan keuangan aset pendapatan belanja anggaran akuntansi perbendaharaan
kepegawaian umum ketatalaksanaan hukum organisasi protokol administrasi perkantoran
sarana prasarana infrastruktur ekonomi sumber daya alam manusia penelitian pengembangan inovasi
riset kajian rekomendasi kebijakan dokumen laporan rencana strategis renstra renja rkpd rpjmd
rpjpd musrenbang lakip lkip lkjip sakip aplikasi sistem informasi elektronik digital survei survey
kepuasan pengaduan standar minimal spm opini audit temuan tindak lanjut hasil pemeriksaan
berprestasi aktif dikelola terlayani terdata terverifikasi verifikasi validasi diverifikasi
tertangani ditangani mendapatkan memperoleh membutuhkan menerima penerima manfaat bantuan
taman makam pahlawan kelompok binaan lembaga posyandu swadaya pemberdayaan terampil
berkualifikasi kebutuhan dasar mengakses rumah sehat layak huni tanggap darurat kesetiakawanan
pelestarian kepahlawanan keperintisan
pemeriksa pemeriksaan pengawas penguji pengujian penilai penilaian penimbang pembobot bobot
pendidik kependidikan peserta didik siswa murid guru sekolah madrasah kampus perguruan tinggi
mahasiswa pengabdian penjaminan mutu akreditasi rapor kelulusan lulusan putus partisipasi
kasar murni lama harapan membaca literasi numerasi gemar unggul beasiswa vokasi latihan
pelatihan kursus magang pengangguran terbuka angkatan bekerja lapangan pekerjaan upah
pencemaran limbah sampah sungai udara ambien emisi tutupan vegetasi hutan lahan kritis ramah
terkelola terangkut daur ulang drainase banjir genangan sanitasi jamban higienis stunting
gizi buruk balita bayi imunisasi persalinan kematian kelahiran hidup penyakit menular
tuberkulosis puskesmas rumah sakit pasien rujukan obat tenaga medis bidan perawat dokter
gender kesetaraan keadilan perempuan anak kekerasan perdagangan orang agama keagamaan
pajak retribusi piutang penerimaan pendapatan asli restitusi opini wajar pengecualian
perlengkapan peralatan pengadaan barang jasa lelang tender kontrak swakelola pengguna
penggunaan pengunjung wisatawan kunjungan destinasi cagar budaya benda situs museum
pendaftaran pendataan penertiban penegakan pelanggaran peraturan ketenteraman ketertiban
kecepatan ketepatan waktu tinggal penduduk hunian kumuh sedang ringan berat rusak mantap
jalan jembatan irigasi embung bendungan titik pantau pemantauan pengukuran diserahkan
diterapkan operasi operasional keterlibatan kesadaran partisipatif intra antar miliar juta
ribu triliun persen tahunan triwulan semester bulanan harian rasio nisbah syarat persyaratan
memenuhi terpenuhi tersertifikasi bersertifikat sertifikat sertifikasi tanah bidang
tagana relawan sukarelawan penyuluh penyuluhan petani nelayan ternak panen produksi
produktivitas komoditas ekspor impor investasi investor umkm wirausaha kewirausahaan
inflasi pertumbuhan kemiskinan ketimpangan gini pengeluaran konsumsi kalori protein
seberapa jaringan angkutan pelayaran pendek tidur malam asesmen kreatif keberdayaan konstruksi
merit evakuasi mutasi cacat konsistensi komite pengamanan taruna stimulan potensial kesimpulan
mengadakan mengembangkan pembatasan timbulan konsentrasi rekonstruksi pelajaran pengolahan transparan
method factor system management response center prevention
maximize minimize stabilize
ketrampilan ketentraman profesionalitas profesionalisme
""".split()


# a word at a line's end and the letters opening the next line: a narrow cell may break a
# word anywhere ("REALISA" / "SI", "CAPAIA" / "N"), with no hyphen to tell
_BROKEN = re.compile(r"([^\W\d_]{3,})-?[ \t]*\r?\n[ \t]*([^\W\d_]{1,3})\b")


def count_words(text: str, counts: collections.Counter) -> list[tuple[str, str]]:
    """Count `text`'s words into `counts`; return the (head, tail) pairs of words that a
    line break may have cut, for `drop_fragments`."""
    counts.update(w.lower() for w in _WORD.findall(text))
    return [(a.lower(), b.lower()) for a, b in _BROKEN.findall(text)]


def drop_fragments(counts: collections.Counter, breaks: list[tuple[str, str]]) -> None:
    """A head cut off its word by a line break is not a word: where head + tail is a word
    the corpus holds on its own, the head's count goes to that word (the tail, three
    letters or fewer, is then no word of the lexicon either). Left in, a fragment such as
    "realisa" made OCR correction trust a misread header ("Realisai") as a known word."""
    for head, tail in breaks:
        whole = head + tail
        if counts.get(whole, 0) > 0 and counts.get(head, 0) > 0:
            counts[head] -= 1
            counts[whole] += 1
            if len(tail) >= 3 and counts.get(tail, 0) > 0:
                counts[tail] -= 1
    for w in [w for w, c in counts.items() if c <= 0]:
        del counts[w]


def corpus_words() -> collections.Counter:
    counts: collections.Counter = collections.Counter()
    breaks: list[tuple[str, str]] = []
    for pdf_path in sorted(CORPUS.glob("*.pdf")):
        pdf = pdfium.PdfDocument(str(pdf_path))
        try:
            for i in range(len(pdf)):
                page = pdf[i]
                tp = page.get_textpage()
                text = tp.get_text_bounded()
                tp.close()
                page.close()
                breaks += count_words(text, counts)
        finally:
            pdf.close()
    drop_fragments(counts, breaks)
    return counts


def vocabulary_words() -> set[str]:
    words: set[str] = set()

    def add(text: str) -> None:
        words.update(w.lower() for w in _WORD.findall(text))

    def walk(obj) -> None:
        if isinstance(obj, str):
            add(obj)
        elif isinstance(obj, dict):
            for k, v in obj.items():
                if not str(k).startswith("_"):
                    walk(v)
        elif isinstance(obj, (list, tuple)):
            for v in obj:
                walk(v)

    walk(tomllib.loads((ROOT / "extractors" / "data" / "headers.toml").read_text("utf-8")))
    walk(json.loads((DATA / "metadata-lexicon.json").read_text("utf-8")))
    with open(DATA / "wilayah-kemendagri-2025.csv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            add(row["nama"])
            add(row["provinsi"])
    words.update(PLANNING_WORDS)
    return words


def build(out: Path = OUT) -> int:
    counts = corpus_words()
    known = vocabulary_words()
    words = {w: c for w, c in counts.items() if c >= MIN_COUNT}
    for w in known:
        words.setdefault(w, counts.get(w, 0))
    words = {w: c for w, c in words.items() if len(w) >= 3}
    header = [
        "# Domain lexicon for OCR post-correction (extractors/ocr_correction.py).",
        "# Built by tools/build_ocr_lexicon.py; one word a line: word<TAB>count in the corpus.",
        "# Sources: text of tests/corpus/real/*.pdf (count >= 2), normalizers/data vocabularies,",
        "# region names, the planning word list of the build script. No sample text.",
    ]
    lines = [f"{w}\t{words[w]}" for w in sorted(words)]
    out.write_text("\n".join(header + lines) + "\n", encoding="utf-8")
    return len(lines)


if __name__ == "__main__":
    n = build(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT)
    print(f"{n} words → {OUT if len(sys.argv) < 2 else sys.argv[1]}")
