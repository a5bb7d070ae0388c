"""Synthetic syndication corpora with gold: N outlets' versions of one wire story.

The base story is seed 001 (the Foreign Ministry readout, 40 sentences: a headline and 39 body
sentences in 8 paragraphs). Each version drops 0-30% of the sentences, splits and merges a few,
re-paragraphs and reorders, applies one outlet's house style ("U.S." -> "US", "Sino-US" ->
"China-US", "noted" -> "said"...), paraphrases a few words, adds a few local sentences, glues or
doubles words and misspells names. Version k depends only on (seed, k), so the corpus of 10 is
the first 10 versions of the corpus of 1,000.

`write_corpus(out, n)` writes `out/texts/v0001.txt`... and `out/gold.json` (outside the folder
that is compared, so `variance align out/texts` never reads it). The gold maps every written
sentence, as a `[start, end)` span of its file's text, to the base sentence ids it carries: a
split gives two spans with one id, a merge one span with two ids and its `parts` (where each
id's words are), an added local sentence no id (and the number of the addition template it was
written from), a lead that repeats a later sentence in other words the id of that sentence (and
the edit `repeat`).

Run: python benchmarks/synth.py OUT --versions N [--seed S]
"""

from __future__ import annotations

import argparse
import json
import random
import re
from dataclasses import dataclass, replace
from pathlib import Path

__all__ = ["BASE_PATH", "HEADLINE", "Piece", "base_story", "make_version", "write_corpus"]

BASE_PATH = Path(__file__).resolve().parents[1] / "seeds" / "001_fd0f5f049c184f2c.txt"
HEADLINE = 0
"""Base id of the headline; headlines are shown, not aligned, so scoring leaves it out."""
DEFAULT_SEED = 20240426

_SENTENCE_END = re.compile(r"(?<![\s.][A-Z]\.)(?<=[.!?”])\s+(?=[A-Z“])")
_WORD_GAP = re.compile(r"(?<=[a-z]{3}) (?=[a-z]{3})")
_LONG_WORD = re.compile(r"\b[a-z]{5,}\b")
_SPLIT_POINT = re.compile(r"; |, (?:and|but) (?=(?:[A-Z]|(?:the|he|it|they|we|both|all|humanity|"
                          r"competition|cooperation|people)\b))")
_PART_END, _PART_START = "\x01", "\x02"
"""Markers around the glue of a merge while the version is edited; removed when assembled, their
places become the merge's `parts`."""
REPEAT_RATE = 0.3
"""Share of versions whose lead says one of their later sentences again, in other words."""
EXTRA_MERGE_RATE = 0.06
_LOWER_STARTS = {"The", "They", "This", "He", "We", "How", "Today", "Over", "Although", "As",
                 "With", "Once", "Planet"}


@dataclass(frozen=True)
class Piece:
    """One sentence as written in a version."""

    text: str
    base: tuple[int, ...]
    """Base sentence ids it carries; empty for an added local sentence."""
    addition: int | None = None
    """Number of the addition template it was written from."""
    edits: tuple[str, ...] = ()
    """What was done to it: split, merge, style, paraphrase, misspelled, glued, doubled."""


# House style: each outlet takes each rule with probability 0.5 and one replacement for it.
STYLE_RULES = (
    (r"\bU\.S\.(?=[ -])", ("US", "US", "United States")),
    (r"\bSino-US\b", ("China-US", "US-China", "Sino-American", "China-U.S.")),
    (r"\bChina-U\.?S\.?(?= relations)", ("China-US", "Sino-US", "US-China")),
    (r"\bnoted\b", ("said", "observed", "remarked")),
    (r"\bpointed out\b", ("said", "noted", "observed")),
    (r"\bstressed\b", ("emphasized", "emphasised", "underlined", "said")),
    (r"\bPresident Xi Jinping\b", ("Xi", "Chinese President Xi Jinping", "President Xi")),
    (r"\bSecretary Blinken\b", ("Blinken", "Mr Blinken", "Mr. Blinken")),
    (r"\bApril 26\b", ("26 April", "Friday")),
    (r"\bthe United States\b", ("the US", "the U.S.", "Washington")),
    (r", according to him,", (", he said,", ", in his words,")),
    (r"\b(stabili|prioriti|revitali)z", (r"\1s",)),
    (r"\bhonor\b", ("honour",)),
)

# Paraphrase: each occurrence rewritten with probability 0.25.
PARAPHRASES = (
    ("rather than", "instead of"), ("important", "key"), ("is willing to", "is ready to"),
    ("help each other", "help one another"), ("many common challenges", "numerous shared challenges"),
    ("maximum consensus", "the broadest possible consensus"), ("made good progress", "made solid progress"),
    ("continue to actively work", "keep working actively"), ("the big picture", "the overall picture"),
    ("praised", "welcomed"), ("must not", "should not"), ("in promotion of", "in promoting"),
    ("a question of the times", "a question of our era"), ("participated in", "attended"),
    ("conveyed greetings", "passed on greetings"), ("expressed hope for", "hoped for"),
    ("undergoing a transformation", "going through a transformation"),
    ("serve as the foundation", "form the basis"), ("fundamental principles", "basic principles"),
)

MISSPELLINGS = (
    ("Blinken", ("Blinkin", "Blinke", "Blink")), ("Antony", ("Anthony", "Antonio")),
    ("Jinping", ("Jinpin", "Jingping")), ("Biden", ("Bidan", "Bidden")),
    ("Wang Yi", ("Wang Ye",)), ("San Francisco", ("San Fransisco", "San Franscisco")),
)

# Local sentences an outlet adds. One template is one statement across the outlets using it.
ADDITIONS = (
    "Blinken arrived in Beijing on {day} after two days of talks in Shanghai.",
    "The meeting lasted about {minutes} minutes, according to a US official.",
    "It was Blinken's second visit to China in less than a year.",
    "Analysts in {city} said the tone of the readout was warmer than expected.",
    "{outlet} was unable to independently verify the Chinese account of the talks.",
    "The State Department is expected to publish its own summary of the meeting later.",
    "Shares in {city} edged higher after the news.",
    "Earlier in the day, Blinken held five hours of talks with Foreign Minister Wang Yi.",
    "Disputes over Taiwan, trade and technology have strained ties in recent years.",
    "The visit follows a telephone conversation between the two leaders earlier this month.",
    "Blinken is due to fly back to Washington on {day}.",
    "Reporting by {name}; editing by {editor}.",
    "The Chinese side did not say whether fentanyl was discussed in detail.",
    "Washington has recently imposed new export controls on advanced semiconductors.",
    "Beijing has repeatedly warned against what it calls bloc confrontation.",
    "{outlet} has asked the US embassy in Beijing for comment.",
    "Students at a university in {city} met Blinken on {day}.",
    "The two sides agreed to hold further talks on artificial intelligence.",
    "Xi last met Biden at a summit near San Francisco in November.",
    "Follow our live coverage for updates throughout the day.",
)
_SLOTS = {
    "day": ("Wednesday", "Thursday", "Saturday"), "minutes": ("80", "90", "100", "120"),
    "city": ("Hong Kong", "Singapore", "Tokyo", "Sydney", "London"),
    "outlet": ("The Daily Courier", "Pacific Wire", "Metro Herald", "The Observer Post"),
    "name": ("Jane Lee", "Martin Quinn", "Ana Ruiz"), "editor": ("Tom Hale", "Priya Nair"),
}
ALT_HEADLINES = (
    "Xi tells Blinken China and US should be partners, not rivals",
    "Xi meets Blinken in Beijing, calls for stable ties",
    "Chinese president receives US top diplomat",
)


def base_story(path: Path = BASE_PATH) -> list[list[Piece]]:
    """The base story as paragraphs of pieces; ids number the sentences from 0 (the headline)."""
    paragraphs, next_id = [], 0
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        sentences = _SENTENCE_END.split(line.strip())
        paragraphs.append([Piece(s, (next_id + k,)) for k, s in enumerate(sentences)])
        next_id += len(sentences)
    return paragraphs


def make_version(base: list[list[Piece]], seed: int, k: int) -> tuple[str, list[dict], list[int] | None]:
    """Version `k`: its text, its gold spans and the span of its dateline (or None)."""
    rng = random.Random(f"synth:{seed}:{k}")
    claims = random.Random(f"synth-claims:{seed}:{k}")  # the draws added for claims, apart
    headline, body = _headline(base[0][0], rng), [list(p) for p in base[1:]]
    body = _drop(body, rng.uniform(0.0, 0.3), rng)
    body = [_split_some(_merge_some(p, rng, claims), rng) for p in body]
    body = _arrange(body, rng)
    body = _repeat_in_lead(body, claims)
    body = _add_local(body, rng)
    body = _rewrite(body, rng)
    dateline = rng.choice(("BEIJING, April 26, 2024 ({outlet}) -- ", "BEIJING -- ")) \
        if rng.random() < 0.35 else ""
    dateline = _fill(dateline, rng)
    return _assemble(headline, body, dateline)


def _headline(piece: Piece, rng: random.Random) -> Piece:
    if rng.random() < 0.5:
        return Piece(rng.choice(ALT_HEADLINES), piece.base, edits=("rewritten",))
    return piece


def _drop(body: list[list[Piece]], rate: float, rng: random.Random) -> list[list[Piece]]:
    """Leave out round(rate x body sentences) sentences, chosen at random."""
    ids = [p.base[0] for para in body for p in para]
    dropped = set(rng.sample(ids, round(rate * len(ids))))
    kept = [[p for p in para if p.base[0] not in dropped] for para in body]
    return [para for para in kept if para]


def _merge_some(para: list[Piece], rng: random.Random, claims: random.Random) -> list[Piece]:
    """Join a few adjacent sentences into one: "A; the B", "A - B" or "A, and the B"."""
    out: list[Piece] = []
    for piece in para:
        last = out[-1] if out else None
        if (last and len(last.base) == 1 and last.text.endswith(".") and "merge" not in last.edits
                and (rng.random() < 0.04 or claims.random() < EXTRA_MERGE_RATE)):
            first, _, rest = piece.text.partition(" ")
            second = (first.lower() if first.rstrip(",") in _LOWER_STARTS else first) + " " + rest
            glue = rng.choice(("; ", " - "))
            glue = ", and " if claims.random() < 1 / 3 else glue
            text = last.text[:-1] + _PART_END + glue + _PART_START + second
            out[-1] = Piece(text, last.base + piece.base, edits=("merge",))
        else:
            out.append(piece)
    return out


def _repeat_in_lead(body: list[list[Piece]], claims: random.Random) -> list[list[Piece]]:
    """Some versions open with a later sentence of theirs said again in other words, as wire
    leads do ("Xi said cooperation must be two-way" ... and the full quote further down)."""
    later = [p for para in body[1:] for p in para if len(p.base) == 1 and p.addition is None
             and not p.edits and len(p.text.split()) >= 8]
    if claims.random() >= REPEAT_RATE or not later:
        return body
    source = claims.choice(later)
    words = source.text.rstrip(".")
    head = words.split(", ")[0]
    words = head if len(head.split()) >= 8 else words
    for old, new in PARAPHRASES:
        words = words.replace(old, new)
    text = claims.choice(("Xi said ", "In Beijing, officials said ", "The meeting heard that "))
    text += (words[0].lower() if words.split(" ")[0] in _LOWER_STARTS else words[0]) + words[1:] + "."
    return [[Piece(text, source.base, edits=("repeat",))] + body[0]] + body[1:]


def _split_some(para: list[Piece], rng: random.Random) -> list[Piece]:
    """Cut a few long sentences in two at "; ", ", and " or ", but "."""
    out: list[Piece] = []
    for piece in para:
        points = [m for m in _SPLIT_POINT.finditer(piece.text)
                  if len(piece.text[:m.start()].split()) >= 6 and len(piece.text[m.end():].split()) >= 6]
        if len(piece.base) != 1 or not points or rng.random() >= 0.3:
            out.append(piece)
            continue
        m = rng.choice(points)
        head = piece.text[:m.start()] + "."
        tail = ("But " if "but" in m.group() else "") + piece.text[m.end():]
        tail = tail[0].upper() + tail[1:]
        out += [Piece(head, piece.base, edits=("split",)), Piece(tail, piece.base, edits=("split",))]
    return out


def _arrange(body: list[list[Piece]], rng: random.Random) -> list[list[Piece]]:
    """Wire style (paragraphs of 1-3 sentences) half the time; then keep, move or shuffle."""
    if rng.random() < 0.5:
        short: list[list[Piece]] = []
        for para in body:
            i = 0
            while i < len(para):
                size = rng.randint(1, 3)
                short.append(para[i:i + size])
                i += size
        body = short
    mode = rng.random()
    lead, rest = body[:1], body[1:]
    if mode < 0.2:
        rng.shuffle(rest)
    elif mode < 0.6:
        for _ in range(rng.randint(1, 3)):
            if len(rest) > 1:
                rest.insert(rng.randrange(len(rest)), rest.pop(rng.randrange(len(rest))))
    return lead + rest


def _add_local(body: list[list[Piece]], rng: random.Random) -> list[list[Piece]]:
    count = rng.choices((0, 1, 2, 3), weights=(35, 35, 20, 10))[0]
    for number in rng.sample(range(len(ADDITIONS)), count):
        piece = Piece(_fill(ADDITIONS[number], rng), (), addition=number)
        at = rng.randint(1, len(body)) if body else 0
        if rng.random() < 0.5 and at < len(body):
            body[at] = body[at] + [piece]
        else:
            body.insert(at, [piece])
    return body


def _fill(template: str, rng: random.Random) -> str:
    return template.format(**{slot: rng.choice(values) for slot, values in _SLOTS.items()})


def _rewrite(body: list[list[Piece]], rng: random.Random) -> list[list[Piece]]:
    """House style, paraphrase and misspellings everywhere; glued and doubled words here and there."""
    style = [(re.compile(pattern), rng.randrange(len(choices)), choices)
             for pattern, choices in STYLE_RULES if rng.random() < 0.5]
    misspell = rng.choice(MISSPELLINGS) if rng.random() < 0.3 else None
    body = [[_restyle(p, style, misspell, rng) for p in para] for para in body]
    for damage in rng.choices((_glue, _double), k=rng.choices((0, 1, 2), weights=(50, 30, 20))[0]):
        para = rng.choice(body)
        at = rng.randrange(len(para))
        para[at] = damage(para[at], rng)
    return body


def _restyle(piece: Piece, style, misspell, rng: random.Random) -> Piece:
    if piece.addition is not None:
        return piece
    text, edits = piece.text, list(piece.edits)
    for pattern, choice, choices in style:
        text = _sub(pattern, choices, choice, text, edits, "style")
    for old, new in PARAPHRASES:
        if old in text and rng.random() < 0.25:
            text, edits = text.replace(old, new, 1), edits + ["paraphrase"]
    if misspell and misspell[0] in text:
        text = text.replace(misspell[0], rng.choice(misspell[1]))
        edits.append("misspelled")
    return replace(piece, text=text, edits=tuple(dict.fromkeys(edits)))


def _sub(pattern: re.Pattern, choices: tuple[str, ...], choice: int, text: str,
         edits: list[str], label: str) -> str:
    """Replace every match by the outlet's choice, capitalised when the match was."""
    def one(match: re.Match) -> str:
        new = match.expand(choices[choice])
        return new[0].upper() + new[1:] if match.group(0)[0].isupper() and new[0].islower() else new
    new_text = pattern.sub(one, text)
    if new_text != text:
        edits.append(label)
    return new_text


def _glue(piece: Piece, rng: random.Random) -> Piece:
    """Drop the space between two words: "Bali and" -> "Baliand"."""
    gaps = [m.start() for m in _WORD_GAP.finditer(piece.text)]
    if not gaps:
        return piece
    at = rng.choice(gaps)
    return replace(piece, text=piece.text[:at] + piece.text[at + 1:], edits=piece.edits + ("glued",))


def _double(piece: Piece, rng: random.Random) -> Piece:
    """Repeat a word: "prosperous and prosperous" or "the the"."""
    words = list(_LONG_WORD.finditer(piece.text))
    if not words:
        return piece
    m = rng.choice(words)
    twice = m.group() + rng.choice((" ", " and ")) + m.group()
    text = piece.text[:m.start()] + twice + piece.text[m.end():]
    return replace(piece, text=text, edits=piece.edits + ("doubled",))


def _assemble(headline: Piece, body: list[list[Piece]], dateline: str):
    text, spans = headline.text, [_span(headline, 0, len(headline.text))]
    dateline_span = None
    for number, para in enumerate(body):
        text += "\n\n"
        if number == 0 and dateline:
            dateline_span = [len(text), len(text) + len(dateline.rstrip())]
            text += dateline
        for k, piece in enumerate(para):
            text += " " if k else ""
            written = piece.text.replace(_PART_END, "").replace(_PART_START, "")
            spans.append(_span(piece, len(text), len(text) + len(written)))
            text += written
    return text + "\n", spans, dateline_span


def _span(piece: Piece, start: int, end: int) -> dict:
    out = {"start": start, "end": end, "base": list(piece.base), "addition": piece.addition,
           "edits": list(piece.edits)}
    if _PART_END in piece.text:
        first, rest = piece.text.split(_PART_END, 1)
        glue, second = rest.split(_PART_START, 1)
        cut = start + len(first)
        out["parts"] = [[start, cut, piece.base[0]], [cut + len(glue), end, piece.base[1]]]
    return out


def write_corpus(out: Path, versions: int, seed: int = DEFAULT_SEED, base_path: Path = BASE_PATH) -> Path:
    """Write `versions` texts to `out/texts/` and their gold to `out/gold.json`; return the texts folder."""
    base = base_story(base_path)
    texts = out / "texts"
    texts.mkdir(parents=True, exist_ok=True)
    files = {}
    for k in range(versions):
        text, spans, dateline = make_version(base, seed, k)
        name = f"v{k + 1:04d}"
        (texts / f"{name}.txt").write_text(text, encoding="utf-8")
        files[name] = {"spans": spans, "dateline": dateline}
    gold = {"seed": seed, "base_file": base_path.name, "headline": HEADLINE,
            "base": [{"id": p.base[0], "paragraph": i, "text": p.text}
                     for i, para in enumerate(base) for p in para],
            "additions": list(ADDITIONS), "files": files}
    (out / "gold.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return texts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path, help="folder to write texts/ and gold.json into")
    ap.add_argument("--versions", "-n", type=int, default=10)
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = ap.parse_args()
    texts = write_corpus(args.out, args.versions, args.seed)
    print(f"{args.versions} versions in {texts}, gold in {args.out / 'gold.json'}")


if __name__ == "__main__":
    main()
