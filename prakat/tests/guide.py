"""The staff guide's pictures (``docs/guide/images``), taken by the browser tests, so they
always show the screens as they are."""

from pathlib import Path

GUIDE_IMAGES = Path(__file__).resolve().parents[2] / "docs" / "guide" / "images"


def screenshot(page, name: str) -> None:
    GUIDE_IMAGES.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(GUIDE_IMAGES / f"{name}.png"), full_page=True)
