"""Images in the article body: where they are in the Markdown, and how this terminal can draw them.

Kitty's graphics protocol or Sixel where the terminal answers that it has them, Unicode half blocks
everywhere else. textual-image asks the terminal when it is imported, which must happen before Textual
takes the terminal over: `prepare()` does that, from the app's constructor.
"""

from __future__ import annotations

import io
import re
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsreader.text import one_line
from newsreader.ui.render import escape_markdown

if TYPE_CHECKING:
    from PIL.Image import Image as PilImage
    from textual.widget import Widget


_IMAGE = re.compile(r"!\[((?:[^\[\]\\\n]|\\.)*)\]\(([^()\s]+)\)")
LARGEST = (1600, 1600)  # pixels kept of a larger picture: a terminal shows far fewer, and drawing costs


@dataclass(frozen=True, slots=True)
class ImageRef:
    alt: str
    url: str

    @property
    def caption(self) -> str:
        return f"[image: {self.alt}]" if self.alt else "[image]"


Part = str | ImageRef


def _ref(match: re.Match[str]) -> ImageRef:
    return ImageRef(one_line(re.sub(r"\\(.)", r"\1", match.group(1))), match.group(2))


def body_parts(markdown: str, *, images: bool) -> tuple[Part, ...]:
    """The body as Markdown pieces and the images between them; with images off, each image is its alt text."""
    if not images:
        return (_IMAGE.sub(lambda m: f"*{escape_markdown(_ref(m).caption)}*", markdown),)
    parts: list[Part] = []
    start = 0
    for match in _IMAGE.finditer(markdown):
        text = markdown[start : match.start()]
        if text.strip():
            parts.append(text)
        parts.append(_ref(match))
        start = match.end()
    if markdown[start:].strip() or not parts:
        parts.append(markdown[start:])
    return tuple(parts)


def decode(data: bytes) -> PilImage:
    """The picture in data, made no larger than LARGEST; raises ValueError for what is not one.

    Called on a worker, which also imports the image widgets here (not on the interface thread).
    """
    prepare()
    from PIL import Image, UnidentifiedImageError

    try:
        picture = Image.open(io.BytesIO(data))
        picture.thumbnail(LARGEST)
        picture.load()
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError) as exc:
        raise ValueError(one_line(str(exc)) or "not an image") from None
    return picture


_prepared = False


def prepare() -> None:
    """Import textual-image now, while the terminal can still be asked what it draws."""
    global _prepared
    if not _prepared:
        import textual_image.widget  # noqa: F401 - importing asks the terminal

        _prepared = True


def prepare_meanwhile() -> Callable[[], None]:
    """prepare() on a thread (its import costs ~0.1 s); call what is returned before the app runs.

    Also with images off: i may turn them on, and by then the terminal cannot be asked. Without a
    terminal there is nothing to ask, and the first image's worker imports it instead.
    """
    if _prepared or not (sys.__stdout__ and sys.__stdout__.isatty()):
        return lambda: None
    thread = threading.Thread(target=prepare, name="newsreader-images", daemon=True)
    thread.start()
    return thread.join


def image_widget(picture: PilImage) -> Widget:
    """The widget drawing picture: graphics where the terminal has them, else half blocks."""
    prepare()
    from textual_image import renderable
    from textual_image.widget import HalfcellImage, Image

    graphics = renderable.Image in (renderable.SixelImage, renderable.TGPImage)
    return Image(picture) if graphics else HalfcellImage(picture)
