"""Discord's limits on what a bot sends, so the fake can refuse what Discord would.

Discord answers a body that breaks one of them with ``400`` and::

    {"message": "Invalid Form Body", "code": 50035,
     "errors": {"embeds": {"0": {"title": {"_errors": [{"code": "BASE_TYPE_MAX_LENGTH", ...}]}}}}}

:func:`message_violations`, :func:`callback_violations` and friends list what a
body breaks (empty if nothing); :func:`invalid_form_body` builds that answer.
Lengths are Python string lengths (code points).

Checked (API v10, documented limits):

* message: content <= 2000; <= 10 embeds; embed title <= 256, description
  <= 4096, <= 25 fields, field name <= 256 and value <= 1024 (both required;
  Discord accepts empty strings there since 2024), footer text <= 2048, author
  name <= 256, and all embeds' titles, descriptions, field names and values,
  footer texts and author names <= 6000 together; <= 5 action rows of 1-5
  components (a select menu fills its row), custom_id <= 100 and used once per
  message (else ``COMPONENT_CUSTOM_ID_DUPLICATED``), button label <= 80,
  select menu placeholder <= 150 and <= 25 options of label/value/description <= 100;
* autocomplete result (callback type 8): <= 25 choices, each name 1-100
  characters and value a number or a string of 1-100;
* modal (callback type 9): custom_id 1-100, title 1-45, 1-5 rows; text input
  custom_id <= 100 and used once per modal, label <= 45, placeholder <= 100, value <= 4000.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

JSON = dict[str, Any]
Path = tuple[str | int, ...]

INVALID_FORM_BODY = 50035

CONTENT = 2000
EMBEDS = 10
EMBED_TITLE = 256
EMBED_DESCRIPTION = 4096
EMBED_FIELDS = 25
FIELD_NAME = 256
FIELD_VALUE = 1024
FOOTER_TEXT = 2048
AUTHOR_NAME = 256
EMBED_TOTAL = 6000
ACTION_ROWS = 5
ROW_COMPONENTS = 5
CUSTOM_ID = 100
BUTTON_LABEL = 80
SELECT_PLACEHOLDER = 150
SELECT_OPTIONS = 25
SELECT_OPTION_TEXT = 100
CHOICES = 25
CHOICE_TEXT = 100
THREAD_NAME = 100
MODAL_TITLE = 45
TEXT_INPUT_LABEL = 45
TEXT_INPUT_PLACEHOLDER = 100
TEXT_INPUT_VALUE = 4000

ACTION_ROW = 1
BUTTON = 2
SELECT_MENUS = frozenset({3, 5, 6, 7, 8})
TEXT_INPUT = 4
LABEL = 18
LINK_STYLE, PREMIUM_STYLE = 5, 6

CALLBACK_MESSAGE = 4
CALLBACK_UPDATE_MESSAGE = 7
CALLBACK_AUTOCOMPLETE = 8
CALLBACK_MODAL = 9


@dataclass(frozen=True)
class Violation:
    """One broken limit: where in the body, and Discord's error code and message for it."""

    path: Path
    code: str
    message: str

    def __str__(self) -> str:
        where = ".".join(map(str, self.path)) or "(body)"
        return f"{where}: {self.message}"


def message_violations(body: JSON | None, path: Path = ()) -> list[Violation]:
    """What a message create or edit body breaks; fields it leaves out are not checked."""
    if not body:
        return []
    found = _too_long(body.get("content"), CONTENT, (*path, "content"))
    embeds = body.get("embeds") or []
    found += _too_long(embeds, EMBEDS, (*path, "embeds"))
    for index, embed in enumerate(embeds):
        found += _embed_violations(embed, (*path, "embeds", index))
    if sum(map(embed_size, embeds)) > EMBED_TOTAL:
        found.append(
            Violation((*path, "embeds"), "MAX_EMBED_SIZE_EXCEEDED", f"Embed size exceeds maximum size of {EMBED_TOTAL}")
        )
    return found + _components_violations(body.get("components") or [], (*path, "components"))


def callback_violations(callback: JSON | None) -> list[Violation]:
    """What an interaction callback body breaks (the message, choices or modal in its ``data``)."""
    if not callback:
        return []
    data = callback.get("data")
    kind = callback.get("type")
    if kind in (CALLBACK_MESSAGE, CALLBACK_UPDATE_MESSAGE):
        return message_violations(data, ("data",))
    if kind == CALLBACK_AUTOCOMPLETE:
        return autocomplete_violations(data, ("data",))
    if kind == CALLBACK_MODAL:
        return modal_violations(data, ("data",))
    return []


def autocomplete_violations(data: JSON | None, path: Path = ()) -> list[Violation]:
    """What an autocomplete result (``{"choices": [...]}``) breaks."""
    choices = (data or {}).get("choices") or []
    found = _too_long(choices, CHOICES, (*path, "choices"))
    for index, choice in enumerate(choices):
        where = (*path, "choices", index)
        found += _bad_length(choice.get("name"), 1, CHOICE_TEXT, (*where, "name"))
        value = choice.get("value")
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            found += _bad_length(value, 1, CHOICE_TEXT, (*where, "value"))
    return found


def modal_violations(data: JSON | None, path: Path = ()) -> list[Violation]:
    """What a modal (callback type 9 ``data``) breaks."""
    data = data or {}
    found = _bad_length(data.get("custom_id"), 1, CUSTOM_ID, (*path, "custom_id"))
    found += _bad_length(data.get("title"), 1, MODAL_TITLE, (*path, "title"))
    rows = data.get("components") or []
    found += _bad_length(rows, 1, ACTION_ROWS, (*path, "components"))
    every_child: list[tuple[JSON, Path]] = []
    for index, row in enumerate(rows):
        where = (*path, "components", index)
        children = [(row["component"], (*where, "component"))] if "component" in row else []
        children += [(child, (*where, "components", i)) for i, child in enumerate(row.get("components") or [])]
        if row.get("type") == LABEL:
            found += _too_long(row.get("label"), TEXT_INPUT_LABEL, (*where, "label"))
        for child, child_path in children:
            found += _component_violations(child, child_path)
        every_child += children
    return found + _duplicate_custom_ids(every_child)


def embed_size(embed: JSON) -> int:
    """The characters of ``embed`` that count towards Discord's 6000 per message."""
    fields = embed.get("fields") or []
    texts = [
        embed.get("title"),
        embed.get("description"),
        (embed.get("footer") or {}).get("text"),
        (embed.get("author") or {}).get("name"),
        *(field.get("name") for field in fields),
        *(field.get("value") for field in fields),
    ]
    return sum(len(text) for text in texts if isinstance(text, str))


def thread_violations(body: JSON | None) -> list[Violation]:
    """What Discord refuses in a new thread: a name missing or not 1-100 characters."""
    return _bad_length((body or {}).get("name"), 1, THREAD_NAME, ("name",))


def invalid_form_body(violations: Iterable[Violation]) -> JSON:
    """Discord's 400 body for ``violations``: errors nested by path, as discord.py reads them."""
    errors: JSON = {}
    for violation in violations:
        node = errors
        for key in violation.path:
            node = node.setdefault(str(key), {})
        node.setdefault("_errors", []).append({"code": violation.code, "message": violation.message})
    return {"message": "Invalid Form Body", "code": INVALID_FORM_BODY, "errors": errors}


# --- the parts of a message ---------------------------------------------------------------


def _embed_violations(embed: JSON, path: Path) -> list[Violation]:
    found = _too_long(embed.get("title"), EMBED_TITLE, (*path, "title"))
    found += _too_long(embed.get("description"), EMBED_DESCRIPTION, (*path, "description"))
    found += _too_long((embed.get("footer") or {}).get("text"), FOOTER_TEXT, (*path, "footer", "text"))
    found += _too_long((embed.get("author") or {}).get("name"), AUTHOR_NAME, (*path, "author", "name"))
    fields = embed.get("fields") or []
    found += _too_long(fields, EMBED_FIELDS, (*path, "fields"))
    for index, field in enumerate(fields):
        where = (*path, "fields", index)
        for key, limit in (("name", FIELD_NAME), ("value", FIELD_VALUE)):
            found += _required(field.get(key), (*where, key)) + _too_long(field.get(key), limit, (*where, key))
    return found


def _components_violations(rows: Sequence[JSON], path: Path) -> list[Violation]:
    found = _too_long(rows, ACTION_ROWS, path)
    for index, row in enumerate(rows):
        children = row.get("components") or []
        where = (*path, index, "components")
        has_select = any(child.get("type") in SELECT_MENUS for child in children)
        found += _bad_length(children, 1, 1 if has_select else ROW_COMPONENTS, where)
        for child_index, child in enumerate(children):
            found += _component_violations(child, (*where, child_index))
    children = [
        (child, (*path, index, "components", i))
        for index, row in enumerate(rows)
        for i, child in enumerate(row.get("components") or [])
    ]
    return found + _duplicate_custom_ids(children)


def _duplicate_custom_ids(components: Iterable[tuple[JSON, Path]]) -> list[Violation]:
    """Every component after the first with a ``custom_id`` already used in the same message or modal."""
    seen: set[str] = set()
    found = []
    for component, path in components:
        custom_id = component.get("custom_id")
        if custom_id is None:
            continue
        if custom_id in seen:
            found.append(
                Violation(
                    (*path, "custom_id"), "COMPONENT_CUSTOM_ID_DUPLICATED", "Component custom id cannot be duplicated"
                )
            )
        seen.add(custom_id)
    return found


def _component_violations(component: JSON, path: Path) -> list[Violation]:
    kind = component.get("type")
    found = _too_long(component.get("custom_id"), CUSTOM_ID, (*path, "custom_id"))
    if kind == BUTTON:
        found += _too_long(component.get("label"), BUTTON_LABEL, (*path, "label"))
        if component.get("style") not in (LINK_STYLE, PREMIUM_STYLE):
            found += _required(component.get("custom_id"), (*path, "custom_id"))
    elif kind in SELECT_MENUS:
        found += _too_long(component.get("placeholder"), SELECT_PLACEHOLDER, (*path, "placeholder"))
        options = component.get("options") or []
        found += _too_long(options, SELECT_OPTIONS, (*path, "options"))
        for index, option in enumerate(options):
            for key in ("label", "value", "description"):
                found += _too_long(option.get(key), SELECT_OPTION_TEXT, (*path, "options", index, key))
    elif kind == TEXT_INPUT:
        found += _too_long(component.get("label"), TEXT_INPUT_LABEL, (*path, "label"))
        found += _too_long(component.get("placeholder"), TEXT_INPUT_PLACEHOLDER, (*path, "placeholder"))
        found += _too_long(component.get("value"), TEXT_INPUT_VALUE, (*path, "value"))
    return found


# --- single checks, worded as Discord words them --------------------------------------------


def _too_long(value: Any, limit: int, path: Path) -> list[Violation]:
    """A string or list longer than ``limit`` (absent and ``null`` values pass)."""
    if isinstance(value, (str, list)) and len(value) > limit:
        return [Violation(path, "BASE_TYPE_MAX_LENGTH", f"Must be {limit} or fewer in length.")]
    return []


def _bad_length(value: Any, low: int, high: int, path: Path) -> list[Violation]:
    """A required string or list whose length is not within ``low``..``high``."""
    if value is None:
        return _required(value, path)
    if not isinstance(value, (str, list)) or not low <= len(value) <= high:
        return [Violation(path, "BASE_TYPE_BAD_LENGTH", f"Must be between {low} and {high} in length.")]
    return []


def _required(value: Any, path: Path) -> list[Violation]:
    if value is None:
        return [Violation(path, "BASE_TYPE_REQUIRED", "This field is required")]
    return []
