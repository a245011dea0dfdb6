"""Human curation: people fix sheets by editing their YAML; regeneration keeps every edit.

The design is a three-way merge, as version control does it:

* ``data/facts/<id>.yaml`` is the sheet people read and edit.
* ``data/facts/.machine/<id>.yaml`` is the *snapshot*: the machine's own output the last time
  the sheet was generated, exactly as written then. Nobody edits it.
* When an article is extracted again (new rules, a new model, a changed text), its edits are
  the differences between the snapshot and the sheet, and they are replayed over the new machine
  output: a changed field (a speaker fixed), a deleted item (a wrong figure), an added item (a
  missed quote), a written summary, a tag, a reordering of the facts.

Items are matched by a key that survives re-extraction: their text (a quote's words, a figure's
span text, a fact's claim, an entity's name), then by span, then by similar text, so an edit
made to an item follows that item wherever the new output puts it. An item marked
``reviewed: true`` is kept exactly as written, even if the machine no longer finds it, and
even when there is no snapshot to compare with.

:func:`merge` and :func:`changes` are pure functions over plain dicts (the YAML data).
"""

from __future__ import annotations

import difflib
import itertools
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

#: list sections and the field that identifies their items
SECTIONS: dict[str, str] = {"facts": "text", "quotes": "text", "figures": "text", "dates": "text",
                            "entities": "name"}
#: the field whose words an item's span points at
ANCHORS: dict[str, str] = {"facts": "sentence", "quotes": "text", "figures": "text", "dates": "text"}
#: top-level fields only the machine writes; a person's changes to them are not kept
MACHINE_FIELDS = ("schema_version", "id", "generated", "warnings")
SIMILAR = 0.6  # how alike two texts must be (difflib ratio) to count as the same item edited

_MISSING = object()


@dataclass
class Merged:
    """A merged sheet and notes for the person about edits that needed a decision."""

    sheet: dict[str, Any]
    notes: list[str] = field(default_factory=list)
    edits: int = 0  # how many person's edits were replayed


# -- matching items ------------------------------------------------------------------------------

def _norm(value: Any) -> str:
    text = " ".join(str(value or "").split()).casefold()
    return text.strip(" \"'\u201c\u201d\u2018\u2019.,;:!?")


def _keys(items: list[dict], key_field: str) -> list[tuple[str, int]]:
    """(normalized text, occurrence) per item: the second "35" in a section is ("35", 1)."""
    seen: Counter[str] = Counter()
    out = []
    for item in items:
        k = _norm(item.get(key_field)) if isinstance(item, dict) else ""
        out.append((k, seen[k]))
        seen[k] += 1
    return out


def match(old: list[dict], new: list[dict], key_field: str) -> dict[int, int]:
    """Which item of ``new`` each item of ``old`` became: old index -> new index.

    By key first; then, among the rest, by equal span; then by the most similar text.
    """
    pairs: dict[int, int] = {}
    new_by_key = {k: j for j, k in enumerate(_keys(new, key_field))}
    for i, k in enumerate(_keys(old, key_field)):
        if k in new_by_key:
            pairs[i] = new_by_key[k]
    used = set(pairs.values())
    free_old = [i for i in range(len(old)) if i not in pairs]
    free_new = [j for j in range(len(new)) if j not in used]
    if not free_old or not free_new:
        return pairs
    spans: dict[tuple, int] = {}
    for j in free_new:
        s = new[j].get("span")
        if isinstance(s, list) and len(s) == 2:
            spans.setdefault(tuple(s), j)
    for i in list(free_old):
        s = old[i].get("span")
        j = spans.get(tuple(s)) if isinstance(s, list) and len(s) == 2 else None
        if j is not None and j in free_new:
            pairs[i] = j
            free_old.remove(i)
            free_new.remove(j)
    scored = []
    for i in free_old:
        a = _norm(old[i].get(key_field))
        for j in free_new:
            b = _norm(new[j].get(key_field))
            ratio = difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() if a and b else 0.0
            if ratio >= SIMILAR:
                scored.append((-ratio, i, j))
    for _, i, j in sorted(scored):
        if i in free_old and j in free_new:
            pairs[i] = j
            free_old.remove(i)
            free_new.remove(j)
    return pairs


# -- merging -------------------------------------------------------------------------------------

def merge(base: dict[str, Any] | None, person: dict[str, Any], machine: dict[str, Any], *,
          text: str | None = None) -> Merged:
    """The new sheet: ``machine`` with every edit that turned ``base`` into ``person`` replayed on it.

    ``base`` is the machine output ``person`` was made from (None when unknown: then only items
    marked ``reviewed: true`` are kept). ``text`` is the article's text, to re-point the spans
    of items a person wrote when the text has moved.
    """
    out = Merged(sheet={})
    if base is None:
        return _merge_without_base(person, machine, text, out)
    keys = list(machine) + [k for k in person if k not in machine and k not in base]
    for key in keys:
        if key in MACHINE_FIELDS:
            out.sheet[key] = machine[key]
        elif key in SECTIONS:
            out.sheet[key] = _merge_section(key, _items(base.get(key)), _items(person.get(key)),
                                            _items(machine.get(key)), text, out)
        elif key == "tags":
            out.sheet[key] = _merge_tags(base.get(key) or [], person.get(key) or [], machine.get(key) or [], out)
        elif key == "source" and all(isinstance(d.get(key), dict) for d in (base, person, machine)):
            out.sheet[key] = _merge_mapping(base[key], person[key], machine[key], out)
        else:
            value = _pick(base.get(key, _MISSING), person.get(key, _MISSING), machine.get(key, _MISSING), out)
            if value is not _MISSING:
                out.sheet[key] = value
    return out


def _items(value: Any) -> list[dict]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _pick(b: Any, p: Any, m: Any, out: Merged) -> Any:
    if p != b:
        out.edits += 1
        return p
    return m


def _merge_mapping(b: dict, p: dict, m: dict, out: Merged) -> dict:
    merged = {}
    for key in list(m) + [k for k in p if k not in m and k not in b]:
        value = _pick(b.get(key, _MISSING), p.get(key, _MISSING), m.get(key, _MISSING), out)
        if value is not _MISSING:
            merged[key] = value
    return merged


def _merge_tags(b: list, p: list, m: list, out: Merged) -> list:
    added = [t for t in p if t not in b]
    removed = {t for t in b if t not in p}
    out.edits += len(added) + len(removed)
    merged = [t for t in m if t not in removed]
    return merged + [t for t in added if t not in merged]


def _apply(b: dict, p: dict, m: dict) -> dict:
    """``m`` with the fields a person changed from ``b`` to ``p`` (a field deleted stays deleted)."""
    item = dict(m)
    for key in list(b) + [k for k in p if k not in b]:
        pv, bv = p.get(key, _MISSING), b.get(key, _MISSING)
        if pv != bv:
            if pv is _MISSING:
                item.pop(key, None)
            else:
                item[key] = pv
    return item


def _merge_section(section: str, b: list[dict], p: list[dict], m: list[dict], text: str | None,
                   out: Merged) -> list[dict]:
    key_field = SECTIONS[section]
    b_to_p = match(b, p, key_field)
    b_to_m = match(b, m, key_field)
    p_from_b = {j: i for i, j in b_to_p.items()}
    used_m: set[int] = set()
    result: dict[int, dict | None] = {}  # p index -> the item it becomes (None: dropped)
    m_of_p: dict[int, int] = {}

    for pi, item in enumerate(p):
        bi = p_from_b.get(pi)
        mi = b_to_m.get(bi) if bi is not None else _same_key(item, m, key_field, used_m | set(b_to_m.values()))
        if mi is not None:
            used_m.add(mi)
            m_of_p[pi] = mi
        if bi is None:  # added by the person (if the machine now finds it too, the person's version wins)
            out.edits += 1
            result[pi] = _reanchor(item, section, text)
        elif item.get("reviewed"):
            result[pi] = _reanchor(item, section, text)
            if item != b[bi]:
                out.edits += 1
        elif item == b[bi]:  # untouched: the machine's latest, or gone if the machine dropped it
            result[pi] = m[mi] if mi is not None else None
        else:  # edited
            out.edits += 1
            if mi is None:
                out.notes.append(f"{section}: kept your edited {_describe(section, item)} although the extractor "
                                 "no longer finds it (delete it if it should go)")
                result[pi] = _reanchor(item, section, text)
            else:
                result[pi] = _reanchor(_apply(b[bi], item, m[mi]), section, text)

    deleted = {b_to_m[bi] for bi in range(len(b)) if bi not in b_to_p and bi in b_to_m}
    out.edits += sum(1 for bi in range(len(b)) if bi not in b_to_p)
    p_of_m = {mi: pi for pi, mi in m_of_p.items()}
    order_of_b = [p_from_b[pi] for pi in range(len(p)) if pi in p_from_b]
    if any(x > y for x, y in itertools.pairwise(order_of_b)):
        # the person reordered the items (ranked facts): their order, new machine items after their neighbour
        out.edits += 1
        slots = _weave([("p", pi) for pi in range(len(p))],
                       [(("m", mi), ("p", p_of_m[mi]) if mi in p_of_m else None)
                        for mi in range(len(m)) if mi not in deleted])
    else:  # the machine's order, each item the person added placed after the one it followed
        slots = _weave([("p", p_of_m[mi]) if mi in p_of_m else ("m", mi) for mi in range(len(m)) if mi not in deleted],
                       [(("p", pi), ("p", pi) if pi in m_of_p else None) for pi in range(len(p))])
    merged = [result[i] if side == "p" else m[i] for side, i in slots]
    return [item for item in merged if item is not None]


def _weave(slots: list[tuple[str, int]], other: list[tuple[tuple[str, int], tuple[str, int] | None]]
           ) -> list[tuple[str, int]]:
    """``slots`` with each entry of ``other`` that has no counterpart in them inserted after the
    slot of the entry before it in ``other`` (so an added item stays next to its neighbour)."""
    slots = list(slots)
    position = -1
    for entry, counterpart in other:
        if counterpart is not None:
            if counterpart in slots:
                position = slots.index(counterpart)
            continue
        position += 1
        slots.insert(position, entry)
    return slots


def _same_key(item: dict, items: list[dict], key_field: str, taken: set[int]) -> int | None:
    k = _norm(item.get(key_field))
    for j, other in enumerate(items):
        if j not in taken and _norm(other.get(key_field)) == k:
            return j
    return None


def _merge_without_base(person: dict, machine: dict, text: str | None, out: Merged) -> Merged:
    """No snapshot to tell edits from machine output: keep the items marked ``reviewed: true``."""
    out.sheet = dict(machine)
    kept = 0
    for section, key_field in SECTIONS.items():
        reviewed = [dict(i) for i in _items(person.get(section)) if i.get("reviewed")]
        if not reviewed:
            continue
        items = list(_items(machine.get(section)))
        for item in reviewed:
            j = _same_key(item, items, key_field, set())
            if j is None:
                items.append(_reanchor(item, section, text))
            else:
                items[j] = _reanchor(item, section, text)
            kept += 1
        out.sheet[section] = items
    out.edits = kept
    if any(_items(person.get(s)) for s in SECTIONS) or person.get("summary"):
        out.notes.append("no machine snapshot (.machine/) to tell your edits from machine output: kept "
                         f"{kept} item(s) marked reviewed: true, took the rest from the new extraction")
    return out


# -- spans ---------------------------------------------------------------------------------------

def _reanchor(item: dict, section: str, text: str | None) -> dict:
    """The item with its span pointing at its words in ``text`` (found again if the text moved)."""
    anchor_field = ANCHORS.get(section)
    if text is None or anchor_field is None or not isinstance(item.get(anchor_field), str) or "span" not in item:
        return item
    anchor = item[anchor_field]
    span = item.get("span")
    if isinstance(span, list) and len(span) == 2 and all(isinstance(x, int) for x in span) \
            and text[span[0]:span[1]] == anchor:
        return item
    near = span[0] if isinstance(span, list) and span and isinstance(span[0], int) else 0
    found = [(mt.start(), mt.end()) for mt in re.finditer(r"\s+".join(map(re.escape, anchor.split())), text)]
    fixed = dict(item)
    fixed["span"] = list(min(found, key=lambda se: abs(se[0] - near))) if found else None
    return fixed


# -- describing changes (for `factsheet diff` and `extract --dry-run`) ---------------------------------

def changes(old: dict[str, Any] | None, new: dict[str, Any]) -> list[str]:
    """What writing ``new`` over ``old`` would change, one line each (the extraction time aside)."""
    if old is None:
        counts = ", ".join(f"{len(_items(new.get(s)))} {s}" for s in SECTIONS)
        return [f"new sheet: {counts}"]
    lines = []
    gen_old, gen_new = old.get("generated") or {}, new.get("generated") or {}
    for key in ("tool", "pipeline", "content_hash"):
        if isinstance(gen_old, dict) and isinstance(gen_new, dict) and gen_old.get(key) != gen_new.get(key):
            lines.append(f"generated.{key}: {_short(gen_old.get(key))} -> {_short(gen_new.get(key))}")
    for key in [k for k in new if k not in ("generated", *SECTIONS)] + [k for k in old if k not in new]:
        if key in SECTIONS or key == "generated":
            continue
        a, b = old.get(key, _MISSING), new.get(key, _MISSING)
        if a == b:
            continue
        if isinstance(a, dict) and isinstance(b, dict):
            for sub in list(b) + [s for s in a if s not in b]:
                if a.get(sub) != b.get(sub):
                    lines.append(f"{key}.{sub}: {_short(a.get(sub))} -> {_short(b.get(sub))}")
        else:
            lines.append(f"{key}: {_short(a)} -> {_short(b)}")
    for section, key_field in SECTIONS.items():
        a, b = _items(old.get(section)), _items(new.get(section))
        pairs = match(a, b, key_field)
        for i, item in enumerate(a):
            if i not in pairs:
                lines.append(f"{section}: - {_describe(section, item)}")
        back = {j: i for i, j in pairs.items()}
        moved = 0
        for j, item in enumerate(b):
            if j not in back:
                lines.append(f"{section}: + {_describe(section, item)}")
                continue
            before = a[back[j]]
            changed = [f for f in list(item) + [f for f in before if f not in item]
                       if before.get(f, _MISSING) != item.get(f, _MISSING)]
            if changed == ["span"]:  # the text moved: one summary line, not one per item
                moved += 1
                continue
            for fld in changed:
                lines.append(f"{section}[{_describe(section, item, short=True)}].{fld}: "
                             f"{_short(before.get(fld, _MISSING))} -> {_short(item.get(fld, _MISSING))}")
        if moved:
            lines.append(f"{section}: {moved} span(s) moved with the text")
    return lines


def _describe(section: str, item: dict, *, short: bool = False) -> str:
    words = _short(item.get(SECTIONS[section]), 40 if short else 70)
    if short:
        return words
    if section == "quotes":
        return f"quote {words} ({item.get('speaker') or 'no speaker'})"
    if section == "entities":
        return f"{item.get('type', '')} {words}".strip()
    return f"{section.rstrip('s')} {words}"


def _short(value: Any, n: int = 70) -> str:
    if value is _MISSING:
        return "(none)"
    text = repr(value) if not isinstance(value, str) else "\u201c" + " ".join(value.split()) + "\u201d"
    return text if len(text) <= n else text[: n - 2] + "\u2026" + text[-1]
