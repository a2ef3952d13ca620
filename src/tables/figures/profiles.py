"""Figure profiles: a journal's settings (width, resolution, formats, type size, grayscale).

The profiles are data, in ``figures/profiles.toml``; the command line can
override any setting of the profile it starts from. A profile's files are
recorded in ``figures/NAME.sha256``, so every named profile is as reproducible
as the default one.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import asdict, dataclass, replace
from functools import cache
from pathlib import Path

from tables.paths import ROOT

__all__ = [
    "FORMATS",
    "PROFILES_FILE",
    "Profile",
    "ProfileError",
    "columns",
    "inches",
    "profile",
    "profiles",
]

#: Where the named profiles, and each profile's manifests, live.
PROFILES_DIR = ROOT / "figures"
PROFILES_FILE = PROFILES_DIR / "profiles.toml"
#: Every format a figure can be written in.
FORMATS = ("png", "svg", "pdf", "tiff", "eps")
#: Raster formats, whose decoded pixels are also recorded.
RASTER = ("png", "tiff")
MIN_FONT, MAX_FONT = 5.0, 14.0
MIN_DPI, MAX_DPI = 72, 2400
_LENGTH = re.compile(r"(\d+(?:\.\d+)?)\s*(mm|cm|in)")
_PER_INCH = {"mm": 25.4, "cm": 2.54, "in": 1.0}


class ProfileError(ValueError):
    """A profile or an option that cannot be used; the message says which and why."""


@dataclass(frozen=True)
class Profile:
    """How to draw and save every figure. ``width`` is "natural", "single", "double" or a
    length; ``font_size`` is the smallest text, in points."""

    name: str
    width: str = "natural"
    dpi: int = 300
    formats: tuple[str, ...] = ("png", "svg", "pdf")
    font_size: float = 7.0
    grayscale: bool = False
    description: str = ""

    def settings(self) -> dict[str, object]:
        """What the files depend on (not the name or description): a change redraws them."""
        found = asdict(self)
        del found["name"], found["description"]
        found["width_in"] = None if self.width == "natural" else inches(self.width)
        return found

    def overridden(self, **options: object) -> Profile:
        """This profile with the options given (None means: keep the profile's), checked."""
        given = {k: v for k, v in options.items() if v is not None}
        if not given:
            return self
        changed = replace(self, **given)  # type: ignore[arg-type]
        changed = replace(changed, name=f"{self.name}+custom")
        _check(changed, "command line")
        return changed

    @property
    def manifest(self) -> Path:
        return PROFILES_DIR / f"{self.name}.sha256"

    @property
    def pixels(self) -> Path:
        return PROFILES_DIR / f"{self.name}.pixels.sha256"


def inches(width: str) -> float:
    """A column name or a length ("85mm", "8.5cm", "3.5in") in inches."""
    named = columns()
    if width in named:
        return inches(named[width])
    match = _LENGTH.fullmatch(width.strip())
    if not match:
        raise ProfileError(
            f"width {width!r}: give single, double, natural, or a length such as 85mm, "
            "8.5cm or 3.5in"
        )
    value = float(match[1]) / _PER_INCH[match[2]]
    if not 1.5 <= value <= 12:
        raise ProfileError(f"width {width!r}: figures are drawn from 1.5 to 12 inches wide")
    return value


def _read() -> dict[str, object]:
    try:
        return tomllib.loads(PROFILES_FILE.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ProfileError(f"{PROFILES_FILE}: cannot be read ({exc.strerror})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(f"{PROFILES_FILE}: {exc}") from None


@cache
def columns() -> dict[str, str]:
    """Column name -> width, as the profiles file names them (single and double)."""
    found = _read().get("columns", {})
    if not isinstance(found, dict) or not {"single", "double"} <= set(found):
        raise ProfileError(f"{PROFILES_FILE}: [columns] must give single and double widths")
    for name, value in found.items():
        if not isinstance(value, str) or not _LENGTH.fullmatch(value):
            raise ProfileError(
                f'{PROFILES_FILE}: [columns] {name} = {value!r}: give a length such as "85mm"'
            )
    return dict(found)


@cache
def profiles() -> dict[str, Profile]:
    """Every named profile, checked; "default" is always there."""
    table = _read().get("profile", {})
    if not isinstance(table, dict) or "default" not in table:
        raise ProfileError(f"{PROFILES_FILE}: no [profile.default]")
    found = {}
    known = set(Profile.__dataclass_fields__) - {"name"}
    for name, body in table.items():
        where = f"{PROFILES_FILE}: [profile.{name}]"
        if not isinstance(body, dict):
            raise ProfileError(f"{where}: must be a table of settings")
        unknown = sorted(set(body) - known)
        if unknown:
            raise ProfileError(f"{where}: unknown setting {', '.join(unknown)}")
        values = dict(body)
        if "formats" in values:
            values["formats"] = tuple(values["formats"])
        found[name] = Profile(name=name, **values)
        _check(found[name], where)
    return found


def profile(name: str) -> Profile:
    """The named profile; the error lists the names there are."""
    known = profiles()
    if name not in known:
        raise ProfileError(
            f"no figure profile {name!r}; {PROFILES_FILE.name} has {', '.join(known)}"
        )
    return known[name]


def _check(p: Profile, where: str) -> None:
    if p.width != "natural":
        try:
            inches(p.width)
        except ProfileError as exc:
            raise ProfileError(f"{where}: {exc}") from None
    if not isinstance(p.dpi, int) or isinstance(p.dpi, bool) or not MIN_DPI <= p.dpi <= MAX_DPI:
        raise ProfileError(f"{where}: dpi {p.dpi!r}: a whole number from {MIN_DPI} to {MAX_DPI}")
    bad = [f for f in p.formats if f not in FORMATS]
    if bad or not p.formats or len(set(p.formats)) != len(p.formats):
        raise ProfileError(
            f"{where}: formats {list(p.formats)!r}: one or more of {', '.join(FORMATS)}, each once"
        )
    size = p.font_size
    if (
        isinstance(size, bool)
        or not isinstance(size, int | float)
        or not MIN_FONT <= size <= MAX_FONT
    ):
        raise ProfileError(
            f"{where}: font_size {size!r}: points, from {MIN_FONT:g} to {MAX_FONT:g}"
        )
    if not isinstance(p.grayscale, bool):
        raise ProfileError(f"{where}: grayscale {p.grayscale!r}: true or false")
