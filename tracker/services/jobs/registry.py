"""The kinds of job the app knows, registered by their modules when imported."""

import importlib
import pkgutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass

_KINDS: dict[str, "JobKind"] = {}


@dataclass(frozen=True)
class JobKind:
    """What a kind of job is called and what it runs.

    ``run(ctx)`` does the work (see the package docstring); ``title`` heads its page ("Self-evaluation
    document"); ``return_to`` is an optional (link text, endpoint) for the page's way back.
    """

    name: str
    title: str
    run: Callable
    return_to: tuple[str, str] | None = None


def register(kind: JobKind) -> JobKind:
    """Make a kind known by its name; registering the same name again replaces it (module reloads)."""
    _KINDS[kind.name] = kind
    return kind


def kind_for(name: str) -> JobKind | None:
    return _KINDS.get(name)


def kinds() -> list[JobKind]:
    return sorted(_KINDS.values(), key=lambda k: k.name)


def discover(extra_modules: Iterable[str] = ()) -> None:
    """Import every module in ``jobs/kinds/`` and any others named, so each registers its kind."""
    package = importlib.import_module(f"{__package__}.kinds")
    for module in pkgutil.iter_modules(package.__path__):
        importlib.import_module(f"{package.__name__}.{module.name}")
    for name in extra_modules:
        importlib.import_module(name)
