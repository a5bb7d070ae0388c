"""Every screen, every key the help lists: nothing may crash, and the app keeps running."""

from __future__ import annotations

import pytest

from variance.tui import make_app

pytestmark = pytest.mark.asyncio

SCREENS = ["1", "2", "3", "4", "5", "6", "7"]
_NAMES = {"?": "question_mark", "/": "slash", "[": "left_square_bracket",
          "]": "right_square_bracket", "↑": "up", "↓": "down", "⏎": "enter", "esc": "escape",
          "space": "space", "tab": "tab"}


def help_keys(app) -> list[str]:
    """The keys the help screen lists, as Pilot names them (quitting left out)."""
    keys = []
    for _, key, what in app.key_rows():
        name = _NAMES.get(key, key.lower().replace("^", "ctrl+"))
        if name not in keys and name != "q" and not what.lower().startswith("quit"):
            keys.append(name)
    return keys


async def settle(app, pilot):
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_every_key_of_the_help_on_every_screen(seeds_comparison):
    app = make_app(comparison=seeds_comparison)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        keys = help_keys(app)
        assert {"r", "f", "slash", "c", "e", "question_mark", "j", "k"} <= set(keys)
        for screen in SCREENS:
            for key in keys:
                await pilot.press(screen)
                await pilot.press(key)
                await settle(app, pilot)
                while app.screen.is_modal:          # a dialog the key opened: close it
                    await pilot.press("escape")
                    await settle(app, pilot)
                assert app.is_running, (screen, key)
        await pilot.press("q")
    assert app.return_code in (0, None)


@pytest.mark.parametrize("dialog", ["e", "r", "f", "slash", "question_mark"])
async def test_quitting_with_a_dialog_open_ends_cleanly(seeds_comparison, dialog):
    app = make_app(comparison=seeds_comparison)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press(dialog)
        await settle(app, pilot)
        assert app.screen.is_modal
        app.exit()
        await pilot.pause()
    assert app.return_code in (0, None) and app.failure is None


async def test_an_error_nothing_caught_ends_the_app_with_one_line_and_exit_3(seeds_comparison,
                                                                           monkeypatch):
    from variance.tui.screens import CoverageScreen

    def broken(self, _=None):
        raise TypeError("a bug")

    monkeypatch.setattr(CoverageScreen, "_refill", broken)
    app = make_app(comparison=seeds_comparison)
    with pytest.raises(TypeError):
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(app, pilot)
            await pilot.press("2")
            await settle(app, pilot)
    assert app.return_code == 3
    assert app.failure == "internal error, please report it: TypeError: a bug"


@pytest.mark.parametrize("screen", SCREENS)
async def test_the_footer_keeps_quit_and_the_screen_keys_at_80_by_24(seeds_comparison, screen):
    from textual.widgets._footer import FooterKey

    app = make_app(comparison=seeds_comparison)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press(screen)
        await settle(app, pilot)
        shown = {k.key_display for k in app.screen.query(FooterKey)
                 if k.region.width and k.region.right <= 80}
        assert {"q", *SCREENS} <= shown, shown


@pytest.mark.parametrize("keys", [["ctrl+q"], ["escape", "q"], ["q", "ctrl+q"]])
async def test_quitting_from_the_export_dialog_by_its_keys_ends_cleanly(seeds_comparison, keys):
    """q in the dialog types into the path; ctrl+q, or escape then q, ends the app without
    an error (it was reported to raise NoMatches)."""
    from textual.widgets import Input

    app = make_app(comparison=seeds_comparison)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("e")
        await settle(app, pilot)
        assert app.screen.is_modal
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
            if key == "q" and keys[0] == "q":            # typed into the path, not a quit
                assert app.is_running and "q" in app.screen.query_one(Input).value
        for _ in range(100):
            if app.return_code is not None:
                break
            await pilot.pause(0.02)
        assert app.return_code == 0, keys
    assert app.failure is None
