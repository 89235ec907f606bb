"""Reading a learnt model's weights from its JSON file in ``data/`` (the ranker's, the confidence model's)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

Model = TypeVar("Model")


def load_weights(path: Path, build: Callable[[dict[str, object]], Model], what: str, trainer: str) -> Model | None:
    """The model ``build`` makes of the document ``path`` holds (None without the file); a corrupt file is
    a ValueError naming it, ``what`` it should hold and the ``trainer`` module that writes it, raised here
    rather than at the model's first use."""
    if not path.is_file():
        return None
    try:
        return build(json.loads(path.read_text(encoding="utf-8")))
    except (ValueError, TypeError, KeyError) as error:  # json.JSONDecodeError is a ValueError
        raise ValueError(f"{path} holds no usable {what} ({error}): retrain it with `python -m {trainer}`") from error
