"""Long lists are filled as the reader nears their end, and nothing the app does per key costs
in proportion to the comparison's size by accident."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from textual.app import App, ComposeResult
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from variance.tui.widgets.lazy import FIRST, fill_lazily

TUI = Path(__file__).resolve().parents[2] / "variance" / "tui"


class _Long(App[None]):
    def compose(self) -> ComposeResult:
        yield OptionList(id="long")

    def on_mount(self) -> None:
        choices = self.query_one(OptionList)
        fill_lazily(choices, 350, lambda positions: choices.add_options(
            Option(f"version {i}", id=str(i)) for i in positions))
        choices.focus()


@pytest.mark.asyncio
async def test_a_long_list_shows_a_screenful_first_and_the_rest_as_the_cursor_nears_its_end():
    app = _Long()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        choices = app.query_one(OptionList)
        assert choices.option_count == FIRST          # not the 350: nobody has scrolled yet
        for _ in range(6):
            await pilot.press("end")
            await pilot.pause()
        assert choices.option_count == 350            # every row reached, in order
        assert choices.get_option_at_index(349).id == "349"
        assert choices.highlighted == 349


@pytest.mark.asyncio
async def test_a_list_emptied_and_filled_again_begins_with_its_first_row():
    """Emptying a list (to fill it with the next quote's passages) changes its size, which must
    not ask the fill before for its next rows: they came first in the list filled again."""
    app = _Long()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        choices = app.query_one(OptionList)
        for _ in range(2):
            choices.clear_options()
            fill_lazily(choices, 350, lambda positions: choices.add_options(
                Option(f"again {i}", id=str(i)) for i in positions))
            await pilot.pause()
            assert [o.id for o in choices.options] == [str(i) for i in range(choices.option_count)]
            assert choices.option_count >= FIRST


class _Hidden(_Long):
    """The list filled while it is not laid out, as on a screen built ahead."""

    def compose(self) -> ComposeResult:
        yield OptionList(id="long", classes="hidden")

    CSS = ".hidden { display: none; }"


@pytest.mark.asyncio
async def test_a_list_filled_before_it_is_laid_out_waits_to_be_shown_for_more():
    app = _Hidden()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        choices = app.query_one(OptionList)
        assert choices.option_count == FIRST          # not the 350 while nobody can see it
        choices.remove_class("hidden")
        await pilot.pause()
        choices.focus()
        for _ in range(6):
            await pilot.press("end")
            await pilot.pause()
        assert choices.option_count == 350


def test_every_worker_of_the_terminal_ui_is_named_by_a_description():
    """Textual names a worker without one by repr() of its arguments: a whole comparison,
    seconds at a thousand versions, each time the worker starts."""
    missing = []
    for path in TUI.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "work":
                if not any(k.arg == "description" for k in node.keywords):
                    missing.append(f"{path.name}:{node.lineno}")
    assert missing == []
