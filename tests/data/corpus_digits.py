"""Ways of writing a run of digits: grouped, full-width, split across lines, dictated in Chinese numerals."""

import random

CN_DIGITS = "零一二三四五六七八九"
SPOKEN = {"0": "洞", "1": "幺", "2": "两", "7": "拐", "9": "勾"}
FULL_WIDTH = str.maketrans("0123456789-.() ", "０１２３４５６７８９－．（）\u3000")
ODD_SEPARATORS = ("、", "，", "·", "～", "/", "，", "。")
PLAIN_SEPARATORS = (" ", "-", ".", "  ", " - ", " ")
ZERO_WIDTH = ("\u200b", "\u200c", "\u2060", "\ufeff")


def groups_of(digits: str, sizes: list[int]) -> list[str]:
    """``digits`` cut into groups of the given sizes (the last group takes what is left)."""
    out, at = [], 0
    for size in sizes[:-1]:
        out.append(digits[at : at + size])
        at += size
    out.append(digits[at:])
    return [g for g in out if g]


def chinese(digits: str, rng: random.Random, spoken: float = 0.0) -> str:
    """Digits read out in Chinese numerals; with probability ``spoken`` a digit takes its radio form."""
    out = []
    for d in digits:
        if not d.isdigit():
            out.append(d)
        elif d in SPOKEN and rng.random() < spoken:
            out.append(SPOKEN[d])
        elif d == "0" and rng.random() < 0.3:
            out.append("〇")
        else:
            out.append(CN_DIGITS[int(d)])
    return "".join(out)


def styled(digits: str, sizes: list[int], style: str, rng: random.Random) -> str:
    """A run of digits in one writing style; ``sizes`` is the grouping a person would use."""
    parts = groups_of(digits, sizes)
    if style == "plain":
        return digits
    if style == "grouped":
        return rng.choice(PLAIN_SEPARATORS).join(parts)
    if style == "odd":
        return rng.choice(ODD_SEPARATORS).join(parts)
    if style == "fullwidth":
        text = rng.choice(("", " ", "-")).join(parts)
        return text.translate(FULL_WIDTH)
    if style == "linebreak":
        cut = rng.randrange(1, len(parts)) if len(parts) > 1 else 1
        if len(parts) == 1:
            half = len(digits) // 2
            return digits[:half] + "\n" + digits[half:]
        return " ".join(parts[:cut]) + rng.choice(("\n", " \n", "\n  ")) + " ".join(parts[cut:])
    if style == "chinese":
        return rng.choice(("", " ", "，")).join(chinese(p, rng) for p in parts)
    if style == "spoken":
        return rng.choice(("", " ", "")).join(chinese(p, rng, spoken=0.8) for p in parts)
    if style == "mixed":  # half dictated, half typed: 139一二三四5678
        cut = rng.randrange(3, len(digits) - 2)
        return digits[:cut] + chinese(digits[cut:], rng, spoken=0.4)
    if style == "zerowidth":
        at = rng.randrange(1, len(digits))
        return digits[:at] + rng.choice(ZERO_WIDTH) + digits[at:]
    raise ValueError(style)


def pick_style(rng: random.Random, weights: dict[str, int]) -> str:
    names = list(weights)
    return rng.choices(names, weights=[weights[n] for n in names])[0]


def digits(rng: random.Random, count: int, first: str = "0123456789") -> str:
    return rng.choice(first) + "".join(rng.choice("0123456789") for _ in range(count - 1))
