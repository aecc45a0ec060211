"""After a shred, no page of the database file or its write-ahead log holds the shredded text, decrypted.

Grepping an encrypted file for plaintext can never fail, so this test decrypts every page itself with the
seat's key, following SQLCipher 4's page format as this program configures it (desktop/store/connection.py):

- pages of 4096 bytes; the first 16 bytes of the file (page 1) are the salt, not encrypted;
- the key is given raw (`PRAGMA key = "x'…'"`), so the AES key is the key itself, with no PBKDF2;
- each page ends in a reserve of 48 bytes: a 16-byte IV, then the page's HMAC-SHA256 (the program sets
  `cipher_default_hmac_algorithm = HMAC_SHA256`; SQLCipher's default SHA-512 would make it 80);
- the page body (after the salt on page 1) is AES-256-CBC under that IV, without padding;
- the HMAC covers body, IV and the page number (4 bytes, little-endian) under a key derived with
  PBKDF2-HMAC-SHA512 from the AES key, the salt XOR 0x3a and 2 iterations.

Each page's HMAC is checked, so a wrong reading of the format cannot pass silently as "no marker found";
page 1's decrypted header must say 4096 bytes a page and 48 reserved. The write-ahead log (32-byte header,
then frames of a 24-byte header and one page) is decrypted frame by frame the same way.

The notes index holds a call's Chinese text as character pairs, each stored after the bytes it shares with
the term before it on its leaf; so a word of characters found nowhere else is looked for pair by pair.
"""

import hashlib
import hmac
import struct

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from desktop.calls import CallService
from desktop.retention import ShredReport, shred_expired
from tests.test_retention import NOW, OLD, a_call, save_call, team  # noqa: F401  (team is a fixture)

PAGE, RESERVE, SALT = 4096, 48, 16
WAL_HEADER, FRAME_HEADER = 32, 24
MARKER = "PAGESHREDMARKQ"
KEPT = "PAGEKEPTMARKZ"
WORD = "龘靐齉齾爩鱻"  # characters no other text of the seat holds


def decrypt_page(page: bytes, number: int, key: bytes, salt: bytes) -> bytes:
    """The plaintext of one encrypted page (without salt and reserve); AssertionError if its HMAC fails."""
    assert len(page) == PAGE
    start = SALT if number == 1 else 0
    body, iv, tag = page[start : PAGE - RESERVE], page[PAGE - RESERVE : PAGE - RESERVE + 16], page[PAGE - 32 :]
    mac_key = hashlib.pbkdf2_hmac("sha512", key, bytes(b ^ 0x3A for b in salt), 2, 32)
    expected = hmac.new(mac_key, body + iv + number.to_bytes(4, "little"), hashlib.sha256).digest()
    assert hmac.compare_digest(expected, tag), f"page {number}: HMAC does not match"
    decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
    return decryptor.update(body) + decryptor.finalize()


def plaintext_pages(database, key: bytes) -> list[tuple[str, bytes]]:
    """(where, plaintext) of every page of the database file and every frame of its write-ahead log."""
    data = database.read_bytes()
    assert data and len(data) % PAGE == 0
    salt = data[:SALT]
    pages = [(f"page {n + 1}", decrypt_page(data[n * PAGE : (n + 1) * PAGE], n + 1, key, salt))
             for n in range(len(data) // PAGE)]  # fmt: skip
    header = pages[0][1]  # page 1 from byte 16: the SQLite header's page size, versions, reserved bytes
    assert struct.unpack(">H", header[0:2])[0] == PAGE and header[4] == RESERVE
    wal = database.with_name(database.name + "-wal")
    log = wal.read_bytes() if wal.exists() else b""
    offset = WAL_HEADER
    while offset + FRAME_HEADER + PAGE <= len(log):
        number = struct.unpack(">I", log[offset : offset + 4])[0]
        frame = log[offset + FRAME_HEADER : offset + FRAME_HEADER + PAGE]
        pages.append((f"wal frame of page {number}", decrypt_page(frame, number, key, salt)))
        offset += FRAME_HEADER + PAGE
    return pages


def holding(pages, marker: str) -> list[str]:
    """Where any 8 characters in a row of `marker` (either case, UTF-8) appear in the plaintext."""
    runs = {marker[i : i + 8] for i in range(len(marker) - 7)}
    needles = {run.encode() for run in runs} | {run.lower().encode() for run in runs}
    return [where for where, plain in pages if any(needle in plain for needle in needles)]


def pair_pieces(word: str) -> list[bytes]:
    """What a leaf of the notes index holds whole of each character pair of `word`: a pair is stored after
    the bytes it shares with the term before it, and a term that does not start with the same character
    shares at most two (the UTF-8 of these characters is three bytes each)."""
    return [word[i : i + 2].encode()[2:] for i in range(len(word) - 1)]


def pages_with(pages, piece: bytes) -> list[str]:
    return [where for where, plain in pages if piece in plain]


def test_no_page_or_wal_frame_holds_shredded_text_once_decrypted(team, paths):  # noqa: F811
    store, key = team.store, team.key
    save_call(team, MARKER)  # four years old: due
    CallService(team).save(a_call(MARKER, OLD, notes=f"来电者说{WORD}，很难受。"))
    CallService(team).save(a_call(KEPT, NOW))
    store.checkpoint()  # the marker is in the main file now
    CallService(team).save(a_call("WALONLYMARK", NOW))  # and the log holds frames too
    before = plaintext_pages(paths.database, key)
    assert holding(before, MARKER) and holding(before, KEPT)
    assert any(where.startswith("wal") for where in holding(before, "WALONLYMARK"))
    assert all(len(pages_with(before, piece)) >= 2 for piece in pair_pieces(WORD))  # the call's row and the index

    assert shred_expired(team) == ShredReport(2, 0)

    after = plaintext_pages(paths.database, key)
    assert holding(after, MARKER) == []
    assert [pages_with(after, piece) for piece in pair_pieces(WORD)] == [[]] * (len(WORD) - 1)
    assert holding(after, KEPT) and holding(after, "WALONLYMARK")  # the reading still sees what is kept
