"""The one place that finds a font for Chinese text in ReportLab PDFs (DESIGN.md §8).

Chinese must come out of `pdftotext` as the same characters, so the PDF either embeds a subset of a
TrueType font found on this computer or names Adobe's `STSong-Light` CID font, which every PDF viewer
has. A TrueType font is preferred: it renders the same everywhere, and text extraction does not depend
on the viewer's CID tables.

ReportLab's `TTFont` reads TrueType outlines only. Debian's fonts-noto-cjk and most macOS CJK fonts are
OpenType/CFF collections, which it refuses; each candidate is tried and a refusal just moves on to the next.

`HOTLINE_LOG_PDF_FONT=cid` skips the search and uses the CID font (tests of the fallback);
`HOTLINE_LOG_PDF_FONT=/path/to/font.ttf` (or `.ttc`) tries that file first.
"""

import logging
import os
import re
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont

log = logging.getLogger(__name__)

ENV_FONT = "HOTLINE_LOG_PDF_FONT"
CID_FONT = "STSong-Light"
TTF_FONT = "HotlineLogCJK"

_WINDOWS_FONTS = Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"

# (file, subfont index in a .ttc); first that loads wins. Sans faces before serif ones.
CANDIDATES: tuple[tuple[Path, int], ...] = (
    # Windows
    (_WINDOWS_FONTS / "msyh.ttc", 0),  # Microsoft YaHei
    (_WINDOWS_FONTS / "msyh.ttf", 0),  # Microsoft YaHei on Windows 7
    (_WINDOWS_FONTS / "simhei.ttf", 0),  # SimHei
    (_WINDOWS_FONTS / "simsun.ttc", 0),  # SimSun
    (_WINDOWS_FONTS / "Deng.ttf", 0),  # DengXian
    # Linux
    (Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"), 0),
    (Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"), 0),
    (Path("/usr/share/fonts/wenquanyi/wqy-microhei/wqy-microhei.ttc"), 0),  # Fedora
    (Path("/usr/share/fonts/wenquanyi/wqy-zenhei/wqy-zenhei.ttc"), 0),
    (Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"), 2),  # CFF: usually refused
    (Path("/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc"), 2),
    (Path("/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc"), 2),
    (Path("/usr/share/fonts/truetype/noto/NotoSansSC-Regular.ttf"), 0),
    (Path("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"), 0),
    (Path("/usr/share/fonts/google-droid-sans-fonts/DroidSansFallbackFull.ttf"), 0),
    (Path("/usr/share/fonts/truetype/arphic/uming.ttc"), 0),
    (Path("/usr/share/fonts/truetype/arphic/ukai.ttc"), 0),
    # macOS
    (Path("/System/Library/Fonts/STHeiti Light.ttc"), 0),
    (Path("/System/Library/Fonts/STHeiti Medium.ttc"), 0),
    (Path("/Library/Fonts/Arial Unicode.ttf"), 0),
    (Path("/System/Library/Fonts/Supplemental/Arial Unicode.ttf"), 0),
    (Path("/System/Library/Fonts/Supplemental/Songti.ttc"), 0),
)

# A report mixes Chinese with digits and Latin letters in one font; Droid Sans Fallback, for one, has
# no Latin glyphs at all, and a font without them would show numbers as blanks.
_MUST_HAVE = "热线统计报告内部资料注意保密0123456789%.,:ABCZabcz（）："

_registered: str | None = None


def register_cjk_font() -> str:
    """Register a font that shows Chinese with ReportLab and return its name (cached after the first call)."""
    global _registered
    if _registered is None:
        _registered = _register()
    return _registered


def clear_cache() -> None:
    """Forget the chosen font, so the next `register_cjk_font()` searches again (tests)."""
    global _registered
    _registered = None


def _register() -> str:
    forced = os.environ.get(ENV_FONT, "").strip()
    if forced.lower() != "cid":
        candidates = ((Path(forced), 0),) + CANDIDATES if forced else CANDIDATES
        for path, index in candidates:
            name = _try_truetype(path, index)
            if name:
                return name
    pdfmetrics.registerFont(UnicodeCIDFont(CID_FONT))
    log.info("PDF font: built-in CID font %s", CID_FONT)
    return CID_FONT


def _try_truetype(path: Path, index: int) -> str | None:
    """Register `path` (subfont `index` of a collection) if ReportLab can embed it and it has Chinese."""
    if not path.is_file():
        return None
    name = f"{TTF_FONT}-{re.sub(r'[^A-Za-z0-9]', '', path.stem)}-{index}"
    try:
        font = TTFont(name, str(path), subfontIndex=index)
    except Exception as exc:  # CFF outlines, a damaged file, an index out of range: next one
        log.debug("PDF font %s not usable: %s", path, exc)
        return None
    if not all(ord(char) in font.face.charToGlyph for char in _MUST_HAVE):
        log.debug("PDF font %s lacks Chinese or Latin letters and digits", path)
        return None
    pdfmetrics.registerFont(font)
    log.info("PDF font: %s (subfont %d), embedded as a subset", path, index)
    return name
