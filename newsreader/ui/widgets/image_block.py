"""One image of the article body: its alt text until the picture is downloaded, then the picture."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from newsreader.ui.images import ImageRef, Picture, image_widget

WAITING, LOADING, SHOWN, FAILED = "waiting", "loading", "shown", "failed"


class ImageBlock(Vertical):
    """A fixed height whether drawn or not, so the text around it stays where it was (and positions hold)."""

    def __init__(self, ref: ImageRef) -> None:
        super().__init__(classes="image-block")
        self.ref = ref
        self.state = WAITING

    def compose(self) -> ComposeResult:
        yield Static(Text(self.ref.caption, style="italic"), classes="image-caption")

    def loading(self) -> None:
        self.state = LOADING

    async def show_picture(self, picture: Picture) -> None:
        self.state = SHOWN
        self.add_class("-shown")  # a small picture gives back the room it does not use
        widget = image_widget(picture)
        widget.add_class("image-picture")
        await self.mount(widget, before=0)

    def failed(self, why: str) -> None:
        self.state = FAILED
        self.add_class("-failed")
        caption = Text(self.ref.caption, style="italic")
        caption.append(f" (not shown: {why})", style="dim")
        self.query_one(".image-caption", Static).update(caption)
