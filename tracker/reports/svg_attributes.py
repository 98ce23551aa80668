"""SVG without CSS, so it can sit inside a page whose Content Security Policy refuses inline styles.

matplotlib writes ``style="fill: #fff; stroke: ..."`` on each element and one ``<style>`` rule for
all of them. Every property it uses is also an SVG presentation attribute, so each declaration
becomes an attribute; the ``*`` rule's declarations go on the root <svg>, where they are inherited.
"""

import re

_STYLE_ATTRIBUTE = re.compile(r'\sstyle="([^"]*)"')
_STYLE_ELEMENT = re.compile(r"<style[^>]*>\s*\*\s*\{([^}]*)\}\s*</style>\s*")


def _attributes(declarations: str) -> str:
    parts = []
    for declaration in declarations.split(";"):
        name, sep, value = declaration.partition(":")
        if sep and name.strip() and value.strip():
            parts.append(f' {name.strip()}="{value.strip()}"')
    return "".join(parts)


def without_css(svg: str) -> str:
    """``svg`` with its style attributes and ``*`` style rule as presentation attributes."""
    rule = _STYLE_ELEMENT.search(svg)
    if rule:
        svg = svg[: rule.start()] + svg[rule.end():]
        svg = svg.replace("<svg", "<svg" + _attributes(rule.group(1)), 1)
    svg = _STYLE_ATTRIBUTE.sub(lambda match: _attributes(match.group(1)), svg)
    if "<style" in svg or " style=" in svg:
        raise ValueError("the SVG has CSS that cannot become attributes")
    return svg
