-- The national IKU catalog: one DuckDB file built by `iku catalog build DATASET... -o catalog.duckdb`.
-- pipeline/catalog/build.py runs this file before every build; every statement is idempotent.
--
-- A document is its content hash (document_sha256, the SHA-256 of the PDF): building again with the same
-- or more datasets replaces a document's rows and never duplicates them. `agencies` and `families` are
-- derived from all documents and indicators and recomputed at the end of every build.

-- What built the catalog: schema_version, iku version, vocabulary fingerprint, datasets, build time.
CREATE TABLE IF NOT EXISTS catalog_info (
    key         VARCHAR PRIMARY KEY,
    value       VARCHAR
);

-- Indonesia's provinces and kabupaten/kota with their Kemendagri codes
-- (normalizers/data/wilayah-kemendagri-2025.csv, Kepmendagri No. 300.2.2-2138 / 2430 Tahun 2025).
CREATE TABLE IF NOT EXISTS regions (
    kode            VARCHAR PRIMARY KEY,  -- '63' (provinsi), '63.04' (kabupaten/kota)
    nama            VARCHAR NOT NULL,     -- 'Provinsi Kalimantan Selatan', 'Kabupaten Barito Kuala', 'Kota Depok'
    level           VARCHAR NOT NULL,     -- provinsi | kabupaten | kota
    kode_provinsi   VARCHAR NOT NULL,     -- '63'
    provinsi        VARCHAR NOT NULL      -- 'Kalimantan Selatan'
);

-- The urusan and unsur of Permendagri 90/2019 (pipeline/catalog/data/urusan.csv).
CREATE TABLE IF NOT EXISTS urusan (
    kode_urusan     VARCHAR PRIMARY KEY,  -- '1.06'
    urusan          VARCHAR NOT NULL,     -- 'Sosial'
    kelompok        VARCHAR NOT NULL      -- 'Urusan Wajib Pelayanan Dasar', 'Unsur Penunjang Urusan Pemerintahan' ...
);

-- One row per source document (an IKU decree).
CREATE TABLE IF NOT EXISTS documents (
    document_sha256 VARCHAR PRIMARY KEY,  -- SHA-256 of the PDF's bytes
    source_file     VARCHAR NOT NULL,
    -- as extracted (FORMAT.md document fields; possibly loose: 'Kab. Batola', 'Prov. Kalsel')
    agency          VARCHAR,
    region          VARCHAR,
    region_level    VARCHAR,
    province        VARCHAR,
    period_start    INTEGER,
    period_end      INTEGER,
    decree_number   VARCHAR,
    decree_date     VARCHAR,              -- 'YYYY-MM-DD' or 'YYYY-MM'
    signatory_name  VARCHAR,
    signatory_nip   VARCHAR,
    pages           INTEGER,
    method          VARCHAR,              -- text / ocr / mixed
    indicators      INTEGER,
    -- the official region, resolved from region, else agency, else province
    kode_wilayah    VARCHAR,              -- regions.kode of the government the agency belongs to
    nama_wilayah    VARCHAR,
    level_wilayah   VARCHAR,              -- provinsi | kabupaten | kota
    kode_provinsi   VARCHAR,
    nama_provinsi   VARCHAR,
    wilayah_dari    VARCHAR,              -- region | agency | province: the field the region was read from
    agency_id       VARCHAR,              -- agencies.agency_id
    dataset         VARCHAR,              -- the batch dataset folder it was last loaded from
    loaded_at       TIMESTAMP
);

-- One row per office: its type and region (documents of the same office in different years share it).
CREATE TABLE IF NOT EXISTS agencies (
    agency_id       VARCHAR PRIMARY KEY,  -- hash of (kode_wilayah, jenis)
    nama            VARCHAR,              -- 'Dinas Sosial Kabupaten Barito Kuala'
    jenis           VARCHAR,              -- the type of office: 'Dinas Sosial', 'Badan Perencanaan Pembangunan Daerah'
    kode_urusan     VARCHAR,              -- urusan.kode_urusan of the first urusan the name gives: '1.06'
    urusan          VARCHAR,              -- 'Sosial'
    urusan_lain     VARCHAR[],            -- further urusan codes ('Dinas Sosial dan Pemberdayaan Masyarakat': ['2.13'])
    kode_wilayah    VARCHAR,
    nama_wilayah    VARCHAR,
    level_wilayah   VARCHAR,
    kode_provinsi   VARCHAR,
    nama_provinsi   VARCHAR,
    names           VARCHAR[],            -- the agency as written on its documents
    documents       INTEGER,
    indicators      INTEGER
);

-- One row per indicator (FORMAT.md indicator fields, plus what the catalog adds).
CREATE TABLE IF NOT EXISTS indicators (
    indicator_id      VARCHAR PRIMARY KEY,  -- document_sha256 || ':' || record_index
    document_sha256   VARCHAR NOT NULL,     -- documents.document_sha256
    record_index      INTEGER NOT NULL,     -- position in the document
    "group"           VARCHAR,
    "no"              VARCHAR,
    sasaran           VARCHAR,
    indikator         VARCHAR,
    penjelasan        VARCHAR,
    alasan            VARCHAR,
    formulasi         VARCHAR,
    satuan            VARCHAR,
    tipe_perhitungan  VARCHAR,
    penanggung_jawab  VARCHAR,
    sumber_data       VARCHAR,
    program           VARCHAR,
    keterangan        VARCHAR,
    sasaran_daerah    VARCHAR,
    indikator_daerah  VARCHAR,
    extra             JSON,                 -- header text -> cell text of the other columns
    pages             INTEGER[],
    confidence        FLOAT,
    kind              VARCHAR,              -- persentase | jumlah | indeks | rasio | nilai (NULL: unknown)
    numerator         VARCHAR,              -- the formula's numerator, when it divides
    denominator       VARCHAR,              -- the formula's denominator
    multiplier        VARCHAR,              -- its constant factor as written: '100%', '100', '1.000' ...
    normalized        VARCHAR,              -- the indicator text as families compare it
    family_id         VARCHAR               -- families.family_id
);

-- One row per typed target value of an indicator (docs/FORMAT.md "targets"): baselines, yearly and
-- end-of-period targets, realisations, as the document prints them. Units are as printed (spellings of
-- one unit written one way: 'Persen' -> '%'), never converted.
CREATE TABLE IF NOT EXISTS targets (
    indicator_id      VARCHAR NOT NULL,     -- indicators.indicator_id
    document_sha256   VARCHAR NOT NULL,
    record_index      INTEGER NOT NULL,
    kind              VARCHAR NOT NULL,     -- baseline | target | final_target | realisation
    year              INTEGER,              -- from the header, else the document's period (NULL: not stated)
    quarter           INTEGER,              -- 1..4 for a TW I..IV column
    value             DOUBLE,               -- the number printed (NULL: a word, a bound or a range)
    value_text        VARCHAR,              -- as printed: '76,50', '>= 80', 'WTP'
    unit              VARCHAR,              -- the cell's, else the header's, else the indicator's satuan
    "column"          VARCHAR,              -- the header path as in extra: 'Target / 2024'
    page              INTEGER
);

-- Groups of equivalent indicators across agencies (pipeline/catalog/families.py).
CREATE TABLE IF NOT EXISTS families (
    family_id       VARCHAR PRIMARY KEY,  -- 'f' + hash of (kind, normalised representative text)
    name            VARCHAR NOT NULL,     -- the representative indicator, as most often written
    kind            VARCHAR,
    normalized      VARCHAR NOT NULL,
    indicators      INTEGER NOT NULL,
    variants        INTEGER NOT NULL,     -- distinct normalised wordings
    documents       INTEGER NOT NULL,
    agencies        INTEGER NOT NULL,
    regions         INTEGER NOT NULL,     -- distinct kode_wilayah
    provinces       INTEGER NOT NULL,
    urusan          VARCHAR               -- the urusan of more than half of its agencies (NULL: shared across urusan)
);

-- Family ids a rebuild retired (a family merged into another): each still resolves to the family that
-- holds most of its indicators now (`iku catalog families --show OLD_ID`).
CREATE TABLE IF NOT EXISTS family_aliases (
    alias           VARCHAR PRIMARY KEY,  -- a family id that no longer names a family
    family_id       VARCHAR NOT NULL      -- families.family_id it resolves to
);

-- Every indicator with its document, region, agency and family: the table most questions start from.
CREATE OR REPLACE VIEW catalog AS
SELECT i.indicator_id, i.family_id, f.name AS family, i.kind, i.indikator, i.formulasi, i.numerator,
       i.denominator, i.multiplier, i.satuan, i.sasaran, d.period_start, d.period_end, d.agency,
       a.jenis, a.kode_urusan, a.urusan, d.kode_wilayah, d.nama_wilayah, d.level_wilayah, d.kode_provinsi,
       d.nama_provinsi, d.source_file, i.normalized, i.document_sha256, i.record_index, i.confidence,
       (SELECT list({'kind': t.kind, 'year': t.year, 'quarter': t.quarter, 'value': t.value,
                     'value_text': t.value_text, 'unit': t.unit}
                    ORDER BY t.kind, t.year, t.quarter, t."column")
        FROM targets t WHERE t.indicator_id = i.indicator_id) AS targets
FROM indicators i
JOIN documents d USING (document_sha256)
LEFT JOIN agencies a USING (agency_id)
LEFT JOIN families f USING (family_id);
