"""Vocabularies as data: word lists, concepts and aliases kept in TOML files beside this module.

The files are prose reviewed like prose and tested like code; this module only loads them.
Each file is read once per process and cached (the files are small and never change at run
time).
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any


@cache
def load_toml(name: str) -> dict[str, Any]:
    """Return the parsed contents of ``mentorkit/lexicon/<name>.toml``.

    Raises:
        FileNotFoundError: when the package has no such lexicon file (a packaging bug).
    """
    text = resources.files(__name__).joinpath(f"{name}.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)
