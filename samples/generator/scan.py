"""Scanned versions of generated documents: photocopies, flatbed scans and phone
captures as harsh as real archives, written as image-only PDFs.

Each page of the generated (digital) PDF is rendered with pypdfium2 and degraded
with OpenCV / numpy. Everything is drawn from the document's seed (one `Draw`
stream, salt "scan"), and the document-level choices are recorded in the
choices file under `scan.*` keys, so `benchmarks/score_generated.py --scanned`
breaks its scores down by them like the other grammar choices.

Captures:

- `flatbed` / `photocopy` / `bitonal`: 150-300 dpi; toner and paper contrast
  (a photocopy: faint toner, hard contrast curve, toner drop-out streaks that
  break rules; bitonal: thresholded like a fax or a 1-bit archive scan); blur;
  sensor noise; rotation up to 2 degrees; a dark scanner-lid shadow along one
  edge; dust, hairs and specks; bleed-through of the back of the sheet; a stamp
  and a signature over the page's ink (the table, the signature block); JPEG
  quality 40-85.
- `phone`: a colour photograph of the page: warm paper, uneven light and a soft
  shadow across it, page curl (a cylinder bend), perspective (the page's four
  corners moved), and a background (desk, cloth) around the page; JPEG.
- `scan.toner` = faint (only when asked: `faint_share`): a low-toner copy or faded
  print - thinned, broken strokes, ink at grey 90-170 uneven across the sheet, paper
  200-240 - from its own random streams, so a normal scan is byte-identical.

The gold does not change (a scan holds the same facts); `source_file` names the
scan's file.

    from samples.generator.scan import scan_document
    pdf_bytes, choices = scan_document(pdf_path, seed)
"""
from __future__ import annotations

import math
import zlib
from pathlib import Path
from typing import Optional

import cv2
import numpy as np
import pypdfium2 as pdfium

from .random_source import Draw

CAPTURES = {"flatbed": 35, "photocopy": 30, "bitonal": 10, "phone": 25}
DPIS = {300: 30, 200: 40, 150: 30}
# a faint original (scan.toner = faint): ink and paper grey levels of the scan
FAINT_INK = (90.0, 170.0)
FAINT_PAPER = (200.0, 240.0)
FAINT_CONTRAST = 50.0


# --------------------------------------------------------------------------- choices


def draw_scan(seed: int, faint_share: float = 0.0) -> dict:
    """The document-level scan choices of `seed` (recorded names: scan.*).
    `faint_share`: the share of flatbed / photocopy / bitonal scans made from a faint
    original (`scan.toner` = faint: low toner or a faded print); 0 draws nothing and
    records nothing, so the default splits stay as they were."""
    draw = Draw(seed).child("scan")
    rec: dict = {}
    capture = draw.choose("scan.capture", CAPTURES, rec)
    if faint_share > 0:
        # its own stream: drawing it leaves every other scan choice of the seed as it was
        toner = Draw(seed).child("scan.toner")
        faint = capture != "phone" and toner.uniform(0.0, 1.0) < faint_share
        rec["scan.toner"] = "faint" if faint else "normal"
    if capture == "phone":
        draw.note("scan.dpi", draw.pick([200, 250]), rec)
        draw.note("scan.perspective", draw.choose("_p", {"mild": 50, "strong": 50}, {}), rec)
        draw.note("scan.curl", draw.flag("_c", 0.6, {}), rec)
        draw.note("scan.shadow", draw.flag("_s", 0.6, {}), rec)
        draw.note("scan.jpeg", draw.choose("_j", {85: 40, 65: 40, 45: 20}, {}), rec)
        draw.note("scan.background", draw.choose("_b", ["desk", "dark", "cloth"], {}), rec)
        return rec
    draw.choose("scan.dpi", DPIS, rec)
    draw.note("scan.jpeg", draw.choose("_j", {85: 30, 65: 35, 50: 20, 40: 15}, {}), rec)
    draw.note("scan.rotation", draw.choose("_r", {"none": 15, "small": 45, "2deg": 40}, {}), rec)
    draw.note("scan.lid_shadow", draw.flag("_l", 0.45, {}), rec)
    draw.note("scan.bleed_through", draw.flag("_bt", 0.35, {}), rec)
    draw.note("scan.stamp", draw.flag("_st", 0.4, {}), rec)
    draw.note("scan.signature", draw.flag("_sg", 0.4, {}), rec)
    draw.note("scan.dust", draw.choose("_d", {"light": 50, "heavy": 50}, {}), rec)
    draw.note("scan.blur", draw.choose("_bl", {"sharp": 40, "soft": 40, "blurred": 20}, {}), rec)
    if capture == "photocopy":
        draw.note("scan.dropouts", draw.flag("_do", 0.6, {}), rec)
    return rec


def _rng(seed: int, page: int, what: str) -> np.random.Generator:
    return np.random.default_rng(zlib.crc32(f"{seed}|scan|{page}|{what}".encode()))


# --------------------------------------------------------------------------- marks


def _stamp(f: np.ndarray, rng: np.random.Generator, cx: int, cy: int, radius: int,
           strength: float) -> None:
    """A round office stamp (two rings, a star, text-like dashes round it), multiplied
    into `f` (grey or colour float image, paper high)."""
    h, w = f.shape[:2]
    mask = np.zeros((h, w), np.float32)
    t = max(2, radius // 25)
    cv2.circle(mask, (cx, cy), radius, 1.0, t, cv2.LINE_AA)
    cv2.circle(mask, (cx, cy), int(radius * 0.68), 1.0, max(1, t - 1), cv2.LINE_AA)
    # "lettering" between the rings: short arcs
    for k in range(int(rng.integers(22, 34))):
        a0 = k * 2 * math.pi / 30 + rng.uniform(-0.02, 0.02)
        r0 = radius * 0.84
        p = (int(cx + r0 * math.cos(a0)), int(cy + r0 * math.sin(a0)))
        q = (int(cx + r0 * math.cos(a0 + 0.12)), int(cy + r0 * math.sin(a0 + 0.12)))
        cv2.line(mask, p, q, 1.0, max(1, t), cv2.LINE_AA)
    # centre: a star and two lines of "text"
    pts = []
    for k in range(10):
        r = radius * (0.22 if k % 2 == 0 else 0.09)
        a = -math.pi / 2 + k * math.pi / 5
        pts.append((int(cx + r * math.cos(a)), int(cy + r * math.sin(a))))
    cv2.fillPoly(mask, [np.array(pts, np.int32)], 1.0, cv2.LINE_AA)
    for dy in (0.32, 0.45):
        cv2.line(mask, (int(cx - radius * 0.45), int(cy + radius * dy)),
                 (int(cx + radius * 0.45), int(cy + radius * dy)), 1.0, max(1, t), cv2.LINE_AA)
    # uneven inking
    patchy = cv2.GaussianBlur(rng.uniform(0.4, 1.0, (h // 16 + 1, w // 16 + 1)).astype(np.float32), (0, 0), 1.5)
    patchy = cv2.resize(patchy, (w, h), interpolation=cv2.INTER_LINEAR)
    mask *= patchy * strength
    colour = np.array(rng.choice([[0.55, 0.35, 0.15], [0.45, 0.3, 0.5], [0.2, 0.35, 0.6]]), np.float32)
    _ink(f, mask, colour)


def _signature(f: np.ndarray, rng: np.random.Generator, cx: int, cy: int, size: int) -> None:
    """A signature: a few fast looping strokes in pen ink."""
    h, w = f.shape[:2]
    mask = np.zeros((h, w), np.float32)
    t = max(1, size // 60)
    x0 = cx - size // 2
    for stroke in range(int(rng.integers(2, 4))):
        n = 60
        xs = np.linspace(x0 + rng.uniform(0, size * 0.2), x0 + size * rng.uniform(0.6, 1.0), n)
        freq = rng.uniform(3, 7)
        amp = size * rng.uniform(0.08, 0.22)
        ys = cy + amp * np.sin(np.linspace(0, freq * math.pi, n) + rng.uniform(0, 6)) \
            + size * 0.05 * np.cos(np.linspace(0, 2.3 * freq * math.pi, n))
        xs = xs + size * 0.06 * np.sin(np.linspace(0, 2 * freq * math.pi, n))
        pts = np.stack([xs, ys], 1).astype(np.int32)
        cv2.polylines(mask, [pts], False, 1.0, t, cv2.LINE_AA)
    colour = np.array(rng.choice([[0.1, 0.1, 0.4], [0.1, 0.1, 0.1]]), np.float32)
    _ink(f, mask * 0.9, colour)


def _ink(f: np.ndarray, mask: np.ndarray, colour: np.ndarray) -> None:
    """Multiply ink of `colour` (RGB 0..1, what the ink lets through) into `f`."""
    if f.ndim == 2:
        through = float(0.299 * colour[0] + 0.587 * colour[1] + 0.114 * colour[2])
        f *= 1.0 - mask * (1.0 - through)
    else:
        for c in range(3):
            f[:, :, c] *= 1.0 - mask * (1.0 - colour[c])


def _mark_point(gray: np.ndarray, rng: np.random.Generator, lower: float) -> tuple[int, int]:
    """A point on the page's ink (below `lower` of the height where possible): marks land
    on the table or the signature block, not in an empty margin."""
    h, w = gray.shape
    ys, xs = np.nonzero(gray[int(h * lower):] < 128)
    if len(ys) == 0:
        return int(rng.uniform(0.3, 0.7) * w), int(rng.uniform(0.5, 0.8) * h)
    k = int(rng.integers(0, len(ys)))
    return int(xs[k]), int(ys[k] + int(h * lower))


# --------------------------------------------------------------------------- flatbed / photocopy


def _starve_toner(f: np.ndarray, scale: float, rng: np.random.Generator) -> np.ndarray:
    """The strokes of a copy made with little toner: thinned (their edges lose ink) and
    broken (a fine mottle of spots where no toner took). `f`: float, 1 paper, 0 ink."""
    ink = 1.0 - f
    core = cv2.erode(ink, np.ones((3, 3), np.uint8))  # what is left of a stroke one pixel thinner
    t = float(rng.uniform(0.25, 0.6)) * min(1.0, 0.5 + scale)  # a 150 dpi stroke is only 2 px wide
    ink = ink * (1.0 - t) + core * t
    mottle = cv2.GaussianBlur(rng.normal(0.0, 1.0, f.shape).astype(np.float32), (0, 0), 0.8 + 1.2 * scale)
    mottle /= max(float(mottle.std()), 1e-6)
    holes = np.clip((mottle - float(rng.uniform(0.8, 1.3))) / 0.6, 0.0, 1.0)
    ink *= 1.0 - holes * float(rng.uniform(0.6, 0.95))
    return 1.0 - ink


def _fade(f: np.ndarray, src_ink: float, src_paper: float, rng: np.random.Generator) -> np.ndarray:
    """Low contrast: the page's tones (ink near `src_ink`, paper near `src_paper`) mapped to
    ink at FAINT_INK grey, uneven across the sheet (a coarse field: the toner ran thinner in
    places), on paper at FAINT_PAPER grey; copier grain on top."""
    h, w = f.shape
    paper = float(rng.uniform(*FAINT_PAPER))
    # the lightest ink still FAINT_CONTRAST under the paper: faint, not gone (a reader sees it)
    top = min(FAINT_INK[1], paper - FAINT_CONTRAST)
    lo = float(rng.uniform(FAINT_INK[0], top - 15))
    hi = float(rng.uniform(lo + 15, min(top, lo + 60)))
    coarse = rng.uniform(lo, hi, (int(rng.integers(3, 7)), int(rng.integers(3, 7)))).astype(np.float32)
    field = cv2.GaussianBlur(cv2.resize(coarse, (w, h), interpolation=cv2.INTER_LINEAR), (0, 0), 0.04 * max(h, w))
    depth = (src_paper - f) / max(src_paper - src_ink, 1.0)  # 0 paper .. 1 ink
    out = paper - depth * (paper - field)
    return out + rng.normal(0.0, float(rng.uniform(1.5, 4)), f.shape).astype(np.float32)


def degrade_scan(gray: np.ndarray, dpi: int, choices: dict, rng: np.random.Generator,
                 toner: Optional[np.random.Generator] = None) -> np.ndarray:
    """A clean page rendering (uint8 grey, white paper) as scanned / photocopied.
    `toner`: the page's own stream for a faint original (`scan.toner` = faint), so the
    draws of `rng` (every other degradation) are the same with or without it."""
    capture = choices["scan.capture"]
    h, w = gray.shape
    scale = dpi / 300.0
    clean = gray
    f = gray.astype(np.float32) / 255.0  # 1 paper, 0 ink
    faint = choices.get("scan.toner") == "faint"
    if faint:
        toner = toner if toner is not None else np.random.default_rng(0)
        f = _starve_toner(f, scale, toner)
    # bleed-through: the back of the sheet, mirrored, faint and soft
    if choices.get("scan.bleed_through"):
        back = np.roll(f[:, ::-1], int(rng.integers(-h // 10, h // 10)), axis=0)
        back = cv2.GaussianBlur(back, (0, 0), 2.0 * scale + 1.0)
        f = f * (1.0 - float(rng.uniform(0.12, 0.28)) * (1.0 - back))
    # stamp and signature over the ink
    if choices.get("scan.signature"):
        x, y = _mark_point(clean, rng, 0.5)
        _signature(f, rng, x, y, int(rng.uniform(250, 420) * scale))
    if choices.get("scan.stamp"):
        x, y = _mark_point(clean, rng, 0.35)
        _stamp(f, rng, x + int(rng.uniform(-60, 60) * scale), y, int(rng.uniform(150, 240) * scale),
               float(rng.uniform(0.45, 0.8)))
    # toner and paper
    if capture == "photocopy":
        ink, paper = float(rng.uniform(25, 110)), float(rng.uniform(205, 245))
    else:
        ink, paper = float(rng.uniform(10, 70)), float(rng.uniform(195, 245))
    # toner drop-outs: streaks across the page where the toner ran thin
    if choices.get("scan.dropouts"):
        fade = np.ones((h, w), np.float32)
        for _ in range(int(rng.integers(1, 4))):
            if rng.random() < 0.5:
                y0 = int(rng.uniform(0, h)); t = int(rng.uniform(20, 120) * scale)
                fade[y0:y0 + t, :] *= float(rng.uniform(0.25, 0.6))
            else:
                x0 = int(rng.uniform(0, w)); t = int(rng.uniform(20, 120) * scale)
                fade[:, x0:x0 + t] *= float(rng.uniform(0.25, 0.6))
        grain = cv2.resize(rng.uniform(0.5, 1.0, (h // 4 + 1, w // 4 + 1)).astype(np.float32), (w, h))
        fade = np.minimum(1.0, fade * (0.6 + 0.8 * grain))
        f = 1.0 - (1.0 - f) * fade
    f = ink + f * (paper - ink)
    # the sheet lies askew on the glass
    rot = choices.get("scan.rotation", "none")
    angle = 0.0 if rot == "none" else float(rng.uniform(0.3, 1.0) if rot == "small" else rng.uniform(1.4, 2.0))
    angle *= float(rng.choice([-1.0, 1.0]))
    if angle:
        m = cv2.getRotationMatrix2D((w / 2.0, h / 2.0), angle, 1.0)
        f = cv2.warpAffine(f, m, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT,
                           borderValue=paper)
    # the lid shadow: a dark band along one edge, fading into the paper
    if choices.get("scan.lid_shadow"):
        edge = int(rng.integers(0, 4))
        depth = int(rng.uniform(0.015, 0.05) * (h if edge in (0, 2) else w))
        ramp = np.linspace(0.0, 1.0, depth, dtype=np.float32) ** float(rng.uniform(0.6, 1.6))
        dark = float(rng.uniform(5, 50))
        band = dark + ramp * (1.0 - 0.0)  # 0 at the edge
        wobble = 1.0 + 0.25 * np.sin(np.linspace(0, rng.uniform(2, 6), h if edge in (1, 3) else w))
        if edge == 0:
            d = (depth * wobble).astype(int)
            for x in range(0, w, 8):
                k = min(max(d[x], 2), h)
                r = np.linspace(0, 1, k, dtype=np.float32) ** 1.2
                f[:k, x:x + 8] = f[:k, x:x + 8] * r[:, None] + dark * (1 - r[:, None])
        elif edge == 2:
            d = (depth * wobble).astype(int)
            for x in range(0, w, 8):
                k = min(max(d[x], 2), h)
                r = np.linspace(1, 0, k, dtype=np.float32) ** 1.2
                f[h - k:, x:x + 8] = f[h - k:, x:x + 8] * r[:, None] + dark * (1 - r[:, None])
        else:
            d = (depth * wobble).astype(int)
            for y in range(0, h, 8):
                k = min(max(d[y], 2), w)
                r = np.linspace(0, 1, k, dtype=np.float32) ** 1.2
                if edge == 3:
                    f[y:y + 8, :k] = f[y:y + 8, :k] * r[None, :] + dark * (1 - r[None, :])
                else:
                    f[y:y + 8, w - k:] = f[y:y + 8, w - k:] * r[None, ::-1] + dark * (1 - r[None, ::-1])
        del band
    # optics
    sigma = {"sharp": (0.35, 0.6), "soft": (0.6, 0.9), "blurred": (0.9, 1.3)}[choices.get("scan.blur", "soft")]
    f = cv2.GaussianBlur(f, (0, 0), float(rng.uniform(*sigma)) * max(scale, 0.6))
    # uneven light
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    theta = float(rng.uniform(0, 2 * np.pi))
    ramp = (xx / w) * np.cos(theta) + (yy / h) * np.sin(theta)
    ramp = (ramp - ramp.min()) / max(float(ramp.max() - ramp.min()), 1e-6)
    f *= 1.0 - float(rng.uniform(0.03, 0.18)) * ramp
    # dust, specks and hairs
    heavy = choices.get("scan.dust") == "heavy"
    n = int(w * h * float(rng.uniform(1e-4, 2e-4) * (3 if heavy else 1)) / (scale * scale) / 4)
    for y, x, r, v in zip(rng.integers(0, h, n), rng.integers(0, w, n), rng.uniform(0.5, 2.6, n) * scale,
                          rng.uniform(20, 140, n)):
        cv2.circle(f, (int(x), int(y)), int(round(r)), float(v), -1)
    for _ in range(int(rng.integers(2, 12 if heavy else 5))):
        x, y = int(rng.uniform(0, w)), int(rng.uniform(0, h))
        pts = [(x, y)]
        for _k in range(5):
            x += int(rng.normal(0, 25 * scale)); y += int(rng.normal(0, 25 * scale))
            pts.append((x, y))
        cv2.polylines(f, [np.array(pts, np.int32)], False, float(rng.uniform(40, 140)), 1, cv2.LINE_AA)
    # sensor / copier grain
    f += rng.normal(0.0, float(rng.uniform(2, 7)), f.shape).astype(np.float32)
    if capture == "photocopy":
        # hard contrast curve of a copier
        g = np.clip(f / 255.0, 0, 1)
        k = float(rng.uniform(6, 10))
        mid = float(rng.uniform(0.45, 0.6))
        g = 1 / (1 + np.exp(-k * (g - mid)))
        g = (g - g.min()) / max(float(g.max() - g.min()), 1e-6)
        f = 20 + g * (paper - 20)
    if faint:
        f = _fade(f, 20.0 if capture == "photocopy" else ink, paper, toner)
    if capture == "bitonal":
        g = np.clip(f, 0, 255).astype(np.uint8)
        _, g = cv2.threshold(g, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
        return g
    return np.clip(f, 0, 255).astype(np.uint8)


# --------------------------------------------------------------------------- phone


def degrade_phone(rgb: np.ndarray, choices: dict, rng: np.random.Generator) -> np.ndarray:
    """A clean page rendering (uint8 RGB) photographed with a phone: returns the photo
    (the page in perspective on a background), RGB uint8."""
    h, w = rgb.shape[:2]
    f = rgb.astype(np.float32) / 255.0
    # warm, greyish paper and not-black ink
    tint = np.array([rng.uniform(0.88, 0.97), rng.uniform(0.84, 0.94), rng.uniform(0.72, 0.88)], np.float32)
    inkc = np.array([rng.uniform(0.05, 0.2)] * 3, np.float32)
    f = inkc + f * (tint - inkc)
    if rng.random() < 0.4:
        x, y = _mark_point(rgb[:, :, 0], rng, 0.45)
        _stamp(f, rng, x, y, int(rng.uniform(150, 240) * w / 2480), float(rng.uniform(0.4, 0.7)))
    # page curl: the sheet bends like a cylinder near one side
    if choices.get("scan.curl"):
        xs = np.arange(w, dtype=np.float32)
        ys = np.arange(h, dtype=np.float32)
        mx, my = np.meshgrid(xs, ys)
        amp = float(rng.uniform(0.006, 0.018)) * h
        side = float(rng.choice([0.0, 1.0]))
        t = np.abs(mx / w - side)  # 0 at the curled side
        bend = amp * np.clip(1.0 - t / 0.45, 0, 1) ** 2
        centre = (my - h / 2) / (h / 2)
        f = cv2.remap(f, mx, my + bend * centre * 0.6 - bend * 0.4, cv2.INTER_LINEAR,
                      borderMode=cv2.BORDER_REPLICATE)
    # background canvas and perspective
    pad = int(0.08 * max(h, w))
    H, W = h + 2 * pad, w + 2 * pad
    bg = choices.get("scan.background", "desk")
    base = {"desk": (0.55, 0.42, 0.3), "dark": (0.15, 0.15, 0.17), "cloth": (0.35, 0.4, 0.5)}[bg]
    canvas = np.empty((H, W, 3), np.float32)
    canvas[:] = base
    noise = cv2.GaussianBlur(rng.normal(0, 1, (H // 8 + 1, W // 8 + 1)).astype(np.float32), (0, 0), 2)
    noise = cv2.resize(noise, (W, H))
    canvas *= (1.0 + 0.12 * noise)[:, :, None]
    strong = choices.get("scan.perspective") == "strong"
    j = (0.07 if strong else 0.035) * min(h, w)
    src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    dst = np.float32([[pad + rng.uniform(-0.3, 1) * j, pad + rng.uniform(-0.3, 1) * j],
                      [pad + w - rng.uniform(-0.3, 1) * j, pad + rng.uniform(-0.3, 1) * j],
                      [pad + w - rng.uniform(-0.3, 1) * j, pad + h - rng.uniform(-0.3, 1) * j],
                      [pad + rng.uniform(-0.3, 1) * j, pad + h - rng.uniform(-0.3, 1) * j]])
    m = cv2.getPerspectiveTransform(src, dst)
    page = cv2.warpPerspective(f, m, (W, H), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT,
                               borderValue=(0, 0, 0))
    cover = cv2.warpPerspective(np.ones((h, w), np.float32), m, (W, H), flags=cv2.INTER_LINEAR)
    out = canvas * (1 - cover[:, :, None]) + page * cover[:, :, None]
    # uneven light: a gradient, a vignette, and a soft shadow (hand, phone) across part of it
    yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
    theta = float(rng.uniform(0, 2 * np.pi))
    ramp = (xx / W) * np.cos(theta) + (yy / H) * np.sin(theta)
    ramp = (ramp - ramp.min()) / max(float(ramp.max() - ramp.min()), 1e-6)
    light = 1.0 - float(rng.uniform(0.1, 0.3)) * ramp
    r = np.sqrt((xx / W - 0.5) ** 2 + (yy / H - 0.5) ** 2)
    light *= 1.0 - float(rng.uniform(0.1, 0.25)) * r
    if choices.get("scan.shadow"):
        q = 16  # drawn and blurred at 1/16 scale: a soft shadow has no detail
        sh = np.zeros((H // q + 1, W // q + 1), np.float32)
        cx, cy = rng.uniform(0, W) / q, rng.uniform(0, H) / q
        axes = (int(rng.uniform(0.2, 0.5) * W / q), int(rng.uniform(0.15, 0.4) * H / q))
        cv2.ellipse(sh, (int(cx), int(cy)), axes, float(rng.uniform(0, 180)), 0, 360, 1.0, -1)
        sh = cv2.resize(cv2.GaussianBlur(sh, (0, 0), 0.06 * W / q), (W, H), interpolation=cv2.INTER_LINEAR)
        light *= 1.0 - float(rng.uniform(0.2, 0.4)) * sh
    out *= light[:, :, None]
    out = cv2.GaussianBlur(out, (0, 0), float(rng.uniform(0.5, 1.1)))
    out += rng.normal(0, float(rng.uniform(0.01, 0.03)), out.shape).astype(np.float32)
    return np.clip(out * 255.0, 0, 255).astype(np.uint8)


# --------------------------------------------------------------------------- document


def write_image_pdf(pages: list[tuple[bytes, int, int, float, float, bool]]) -> bytes:
    """A minimal PDF, one JPEG per page filling it, no text layer.
    Pages: (jpeg, pixel width, pixel height, width pt, height pt, colour)."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")
    pages_obj = add(b"")
    kids = []
    for jpeg, pw, ph, wpt, hpt, colour in pages:
        cs = b"/DeviceRGB" if colour else b"/DeviceGray"
        image = add(b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace %s "
                    b"/BitsPerComponent 8 /Filter /DCTDecode /Length %d >>\nstream\n" % (pw, ph, cs, len(jpeg))
                    + jpeg + b"\nendstream")
        content = b"q %.3f 0 0 %.3f 0 0 cm /Im0 Do Q" % (wpt, hpt)
        contents = add(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
        kids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %.3f %.3f] "
                        b"/Resources << /XObject << /Im0 %d 0 R >> >> /Contents %d 0 R >>"
                        % (pages_obj, wpt, hpt, image, contents)))
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages_obj
    objects[pages_obj - 1] = (b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % k for k in kids)
                              + b"] /Count %d >>" % len(kids))
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, catalog, xref)
    return bytes(out)


def scan_document(pdf_path: Path | str, seed: int, choices: Optional[dict] = None,
                  faint_share: float = 0.0) -> tuple[bytes, dict]:
    """The scanned version of a generated PDF: (image-only PDF bytes, scan.* choices).
    `faint_share`: see draw_scan (used when `choices` is not given)."""
    choices = choices if choices is not None else draw_scan(seed, faint_share)
    phone = choices["scan.capture"] == "phone"
    dpi = int(choices["scan.dpi"])
    pages = []
    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        for i in range(len(pdf)):
            page = pdf[i]
            wpt, hpt = page.get_size()
            bitmap = page.render(scale=dpi / 72.0, grayscale=not phone)
            img = bitmap.to_numpy().copy()
            page.close()
            rng = _rng(seed, i, "page")
            if phone:
                rgb = img[:, :, 2::-1] if img.shape[2] >= 3 else np.repeat(img[:, :, :1], 3, 2)
                out = degrade_phone(np.ascontiguousarray(rgb), choices, rng)
                ok, buf = cv2.imencode(".jpg", out[:, :, ::-1], [cv2.IMWRITE_JPEG_QUALITY, int(choices["scan.jpeg"])])
                ph, pw = out.shape[:2]
                pages.append((buf.tobytes(), pw, ph, pw * 72.0 / dpi, ph * 72.0 / dpi, True))
            else:
                if img.ndim == 3:
                    img = img[:, :, 0]
                out = degrade_scan(img, dpi, choices, rng, _rng(seed, i, "toner"))
                ok, buf = cv2.imencode(".jpg", out, [cv2.IMWRITE_JPEG_QUALITY, int(choices["scan.jpeg"])])
                pages.append((buf.tobytes(), out.shape[1], out.shape[0], wpt, hpt, False))
            assert ok
    finally:
        pdf.close()
    return write_image_pdf(pages), choices


# --------------------------------------------------------------------------- splits


def scanned_out(digital_dir: Path, split: str) -> Path:
    """Where the scanned versions of a split go: output/generated/<split>-scan/."""
    return digital_dir.parent / f"{split}-scan"


def missing_scans(names: list[str], out: Path) -> list[str]:
    return [n for n in names if not all((out / f"{n}{ext}").exists() for ext in (".pdf", ".json", ".choices.json"))]


def scan_one(args: tuple) -> tuple[str, float]:
    """Scan `digital_dir/name.pdf` into `out`: the image PDF, its gold (source_file the
    scan's name) and its choices (the digital ones plus scan.*). `args`: (digital_dir,
    out, name[, faint_share])."""
    import json
    import os
    import time

    digital_dir, out, name = Path(args[0]), Path(args[1]), args[2]
    faint_share = float(args[3]) if len(args) > 3 else 0.0
    t0 = time.perf_counter()
    choices = json.loads((digital_dir / f"{name}.choices.json").read_text(encoding="utf-8"))
    gold = json.loads((digital_dir / f"{name}.json").read_text(encoding="utf-8"))
    data, scan_choices = scan_document(digital_dir / f"{name}.pdf", int(choices["seed"]), faint_share=faint_share)
    choices.update(scan_choices)
    gold["source_file"] = f"{name}.pdf"
    out.mkdir(parents=True, exist_ok=True)
    for fname, body in ((f"{name}.pdf", data),
                        (f"{name}.json", (json.dumps(gold, ensure_ascii=False, indent=1) + "\n").encode()),
                        (f"{name}.choices.json", (json.dumps(choices, ensure_ascii=False, indent=1) + "\n").encode())):
        tmp = out / f".{fname}.tmp"
        tmp.write_bytes(body)
        os.replace(tmp, out / fname)
    return name, time.perf_counter() - t0


def scan_split(digital_dir: Path, names: list[str], out: Path, jobs: int = 1,
               faint_share: float = 0.0) -> list[tuple[str, float]]:
    """Scan the named generated documents of `digital_dir` into `out` (missing ones only);
    `faint_share` of them from a faint original (draw_scan; 0 by default)."""
    todo = missing_scans(names, out)
    work = [(str(digital_dir), str(out), n, faint_share) for n in todo]
    if jobs <= 1 or len(work) <= 1:
        return [scan_one(w) for w in work]
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context
    with ProcessPoolExecutor(max_workers=jobs, mp_context=get_context("spawn")) as pool:
        return list(pool.map(scan_one, work))
