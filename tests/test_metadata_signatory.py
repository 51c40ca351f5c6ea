"""normalizers.metadata.signatory: signatory_name and signatory_nip."""
from __future__ import annotations

import pytest

from normalizers.metadata import extract_metadata
from normalizers.metadata.signatory import normalize_nip


@pytest.mark.parametrize(
    "written, nip",
    [
        ("NIP. 19640710 199301 1 001", "196407101993011001"),
        ("NIP 196707151990011001", "196707151990011001"),
        ("NIP : 19700101 199503 1 002", "197001011995031002"),
        ("NIP. 19800602 200501 1 006 Dra. NINUK IDA SURYANI, M.Si", "198006022005011006"),
        ("NIP. 1967O715 199OO1 1 OO1", "196707151990011001"),  # OCR letter O for zero
        ("NIP. 19630920 199403 2003", "19630920199403 2003".replace(" ", "")),  # 17 digits, as written
        ("NIP.", None),
        ("", None),
    ],
)
def test_normalize_nip(written, nip):
    assert normalize_nip(written) == nip


@pytest.mark.parametrize(
    "block, name",
    [
        ("KEPALA DINAS SOSIAL,\n\nH. FUAD SYEKH, S. Sos, M. AP\n\nNIP. 197010221991011001", "H. FUAD SYEKH, S. Sos, M. AP"),
        ("Kepala Dinas Sosial\nKab.Kutai Kartanegara\nIr.DIDI RAMYADI,MM\nPembina Utama Muda\n"
         "NIP. 19640710 199301 1 001", "Ir.DIDI RAMYADI,MM"),
        ("KEPALA DINAS SOSIAL\nPROVINSI KALIMANTAN SELATAN\n**ADI SANTOSO, S.Sos, M.Si**\nPembina Tk. I\n"
         "NIP. 19680115 199003 1 006", "ADI SANTOSO, S.Sos, M.Si"),
        ("KEPALA,\nttd\nBahtiar Mabé, S. Sos, M. Kes\nNIP. 196707151990011001", "Bahtiar Mabé, S. Sos, M. Kes"),
        ("KEPALA BADAN\n( Dr. Ir. H. MAMAN SURYAMAN )\nPenata Tingkat I\nNIP. 19650101 199003 1 004",
         "Dr. Ir. H. MAMAN SURYAMAN"),
    ],
)
def test_signatory_name(block, name):
    got = extract_metadata([block])
    assert got["signatory_name"] == name


def test_first_signature_after_the_decree_text():
    text = ("Ditetapkan di : Depok\nPada Tanggal : 13 September 2019\nKEPALA DINAS SOSIAL KOTA DEPOK\n"
            "Drs. USMAN HALIYANA, M.Si\nNIP. 19611029 199103 1 005\nLAMPIRAN\n"
            "Depok, 13 September 2019\nKEPALA DINAS SOSIAL KOTA DEPOK\nDrs. Usman Haliyana, M.Si.\n"
            "Pembina Utama Muda\nNIP. 19630920 199408 2 003")
    got = extract_metadata([text])
    assert (got["signatory_name"], got["signatory_nip"]) == ("Drs. USMAN HALIYANA, M.Si", "196110291991031005")
