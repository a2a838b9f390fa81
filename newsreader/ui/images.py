"""Images in the article body: where they are in the Markdown, and how this terminal can draw them.

Kitty's graphics protocol or Sixel where the terminal answers that it has them, Unicode half blocks
everywhere else. textual-image asks the terminal when it is imported, which must happen before Textual
takes the terminal over: `prepare()` does that, from the app's constructor.
"""

from __future__ import annotations

import io
import math
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
PICTURE_ROWS = 13  # the most a picture takes (its block is one more, for the caption); see body_pane.tcss
LARGEST = (1600, 1600)  # pixels kept of a larger picture for graphics: a terminal shows fewer
LARGEST_IN_CELLS = (400, 400)  # and for half blocks, a pixel a cell across and two down
MOST_PIXELS = 40_000_000  # larger is refused before decoding: it would take gigabytes


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


@dataclass(frozen=True, slots=True)
class Picture:
    """A decoded image made ready to draw, and the rows it takes (its own size, at most PICTURE_ROWS)."""

    image: PilImage
    rows: int


def decode(data: bytes) -> Picture:
    """The picture in data, shrunk to what this terminal can show; raises ValueError for what is not one.

    Called on a worker, which also imports the image widgets here (not on the interface thread).
    """
    prepare()
    from PIL import Image, UnidentifiedImageError
    from textual_image.widget import get_cell_size

    try:
        image = Image.open(io.BytesIO(data))
        if image.width * image.height > MOST_PIXELS:
            raise ValueError(f"too large to draw ({image.width}x{image.height})")
        rows = max(1, min(PICTURE_ROWS, math.ceil(image.height / max(1, get_cell_size().height))))
        image.thumbnail(LARGEST if graphics() else LARGEST_IN_CELLS)
        image.load()
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError) as exc:
        raise ValueError(one_line(str(exc)) or "not an image") from None
    return Picture(image, rows)


def graphics() -> bool:
    """Whether the terminal draws real pixels (Kitty's protocol or Sixel) rather than half blocks."""
    prepare()
    from textual_image import renderable

    return renderable.Image in (renderable.SixelImage, renderable.TGPImage)


_prepared = False
_preparing = threading.Lock()


def prepare() -> None:
    """Import textual-image now, while the terminal can still be asked what it draws."""
    global _prepared
    with _preparing:  # the first images' workers may all ask at once
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


def image_widget(picture: Picture) -> Widget:
    """The widget drawing picture: graphics where the terminal has them, else half blocks."""
    from textual_image.widget import HalfcellImage, Image

    widget = Image(picture.image) if graphics() else HalfcellImage(picture.image)
    widget.styles.height = picture.rows
    return widget
