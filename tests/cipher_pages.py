"""Every page of a seat database and of its write-ahead log, decrypted here with the raw key, free pages and
stale WAL frames included: what someone holding the key could read from the files, not only what SQL shows.

SQLCipher 4 as the seat configures it (`desktop.store.connection`): 4096-byte pages, each encrypted with
AES-256-CBC under the raw key; the last 48 bytes of a page are its IV (16) and HMAC-SHA256 (32); the
first 16 bytes of page 1 are the salt, in the clear. A WAL frame is a 24-byte header and such a page.
"""

from collections.abc import Iterator
from pathlib import Path

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

PAGE = 4096
RESERVE = 48  # IV and HMAC-SHA256
WAL_HEADER, FRAME_HEADER = 32, 24


def _decrypt(page: bytes, key: bytes, first: bool) -> bytes:
    iv = page[PAGE - RESERVE : PAGE - RESERVE + 16]
    body = page[16 if first else 0 : PAGE - RESERVE]
    decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
    return decryptor.update(body) + decryptor.finalize()


def database_pages(path: Path, key: bytes) -> Iterator[bytes]:
    """The plaintext of every page of the database file, page 1 from its 17th byte."""
    data = Path(path).read_bytes()
    for number in range(len(data) // PAGE):
        page = _decrypt(data[number * PAGE : (number + 1) * PAGE], key, number == 0)
        if number == 0 and not (page[:2] == PAGE.to_bytes(2, "big") and page[4] == RESERVE):
            raise AssertionError("page 1 did not decrypt to an SQLite header: wrong key or format")
        yield page


def wal_pages(path: Path, key: bytes) -> Iterator[bytes]:
    """The plaintext of every frame in the WAL file, stale frames of earlier transactions included."""
    wal = Path(path).with_name(Path(path).name + "-wal")
    data = wal.read_bytes() if wal.exists() else b""
    offset = WAL_HEADER
    while offset + FRAME_HEADER + PAGE <= len(data):
        number = int.from_bytes(data[offset : offset + 4], "big")
        yield _decrypt(data[offset + FRAME_HEADER : offset + FRAME_HEADER + PAGE], key, number == 1)
        offset += FRAME_HEADER + PAGE


def readable(path: Path, key: bytes, *needles: str) -> set[str]:
    """Which of `needles` (UTF-8, any case as written or lower-cased) the decrypted pages of the database
    and its WAL hold."""
    wanted = {needle: {needle.encode(), needle.lower().encode()} for needle in needles}
    found = set()
    for page in (*database_pages(path, key), *wal_pages(path, key)):
        found.update(needle for needle, forms in wanted.items() if any(form in page for form in forms))
    return found
