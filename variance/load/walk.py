"""What a folder given as a PATH stands for, and how a file is read: only what was given.

`walk_folder` lists the files to read below a folder, in sorted order of relative paths.
Hidden entries are skipped. A symbolic link is followed only while its target stays inside
the folder (`notes -> ../secret`, `x.txt -> /etc/passwd` are skipped with a warning naming
them) unless `follow_links`; even then a link into `/`, `/proc`, `/sys` or `/dev` is never
followed. Only regular files are read: a device, FIFO or socket in a folder is skipped with a
warning. Loops and files reached twice are read once. A folder holding more than
`MAX_FILES` files to read is an error before anything is read. `check_root` refuses the
whole file system and the kernel's pseudo-file systems as a PATH.

`read_file` reads at most `limit` bytes in chunks (a huge `--max-bytes` allocates nothing up
front) and refuses devices (`/dev/zero` never ends); a named pipe given by name is read like
standard input.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable

from ..errors import InputError

__all__ = ["walk_folder", "read_file", "check_root", "special_kind", "MAX_FILES", "CHUNK"]

MAX_FILES = 10_000
"""Files read in one run at most; more is an error naming the limit (give fewer or a subfolder)."""
CHUNK = 1 << 20
"""Bytes read at a time."""
_SYSTEM = ("/proc", "/sys", "/dev")
_SPECIAL = ((stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
            (stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISSOCK, "a socket"))


def special_kind(mode: int) -> str | None:
    """What a file of this `st_mode` is when it is a device, a named pipe or a socket ("a named
    pipe (FIFO)"), else None: such a file is never read as an input nor written as an index."""
    return next((what for test, what in _SPECIAL if test(mode)), None)

Skip = Callable[[InputError], None]


def check_root(path: str) -> None:
    """InputError if `path` is the root of the file system or inside /proc, /sys or /dev."""
    real = os.path.realpath(path)
    if real == "/" or _is_system(real):
        what = "the whole file system" if real == "/" else f"the system folder {real}"
        raise InputError(f"{path}: refusing to read {what}; give the folder of the articles")


def _is_system(real: str) -> bool:
    return any(real == top or real.startswith(top + "/") for top in _SYSTEM)


def walk_folder(root: str, wanted: Callable[[str], bool], skip: Skip, *,
                refuse: Callable[[str], str | None] = lambda path: None,
                sidecar: str = ".meta.json", follow_links: bool = False,
                max_files: int = MAX_FILES) -> tuple[list[str], int]:
    """Files to read under `root` (names for which `wanted(lowercase name)` holds, sidecars
    left out), sorted by relative path, and how many other files were ignored. A subfolder for
    which `refuse(path)` gives a reason is skipped with a warning saying it."""
    check_root(root)
    walk = _Walk(root, wanted, skip, sidecar, follow_links, max_files)
    walk.refuse = refuse
    walk.run()
    return [walk.found[key] for key in sorted(walk.found)], walk.ignored


class _Walk:
    """The state of one folder walk."""

    def __init__(self, root: str, wanted: Callable[[str], bool], skip: Skip, sidecar: str,
                 follow_links: bool, max_files: int) -> None:
        self.root, self.real_root = root, os.path.realpath(root)
        self.wanted, self.skip, self.sidecar = wanted, skip, sidecar
        self.follow_links, self.max_files = follow_links, max_files
        self.found: dict[tuple[str, ...], str] = {}
        self.folders_seen: set[tuple[int, int]] = set()
        self.files_seen: set[tuple[int, int]] = set()
        self.ignored = 0
        self.refuse: Callable[[str], str | None] = lambda path: None

    def run(self) -> None:
        stack = [self.root]
        while stack:
            folder = stack.pop()
            for entry in self._entries(folder):
                kind = self._kind(entry)
                why = self.refuse(entry.path) if kind == "folder" else None
                if why:
                    self.skip(InputError(f"{entry.path}: {why}"))
                elif kind == "folder":
                    stack.append(entry.path)
                elif kind == "file":
                    self._add(entry.path)
                elif kind == "other":
                    self.ignored += 1

    def _entries(self, folder: str) -> list[os.DirEntry]:
        try:
            info = os.stat(folder)
            if (info.st_dev, info.st_ino) in self.folders_seen:
                return []  # a symbolic link loop, or a folder reached twice
            self.folders_seen.add((info.st_dev, info.st_ino))
            with os.scandir(folder) as listing:
                return sorted((e for e in listing if not e.name.startswith(".")),
                              key=lambda entry: entry.name)
        except OSError as exc:
            self.skip(InputError(f"{folder}: cannot read folder ({exc.strerror}); skipped"))
            return []

    def _add(self, path: str) -> None:
        if len(self.found) >= self.max_files:
            raise InputError(f"{self.root}: more than {self.max_files:,} files to read; a run "
                             f"reads at most {self.max_files:,} (give fewer files or a subfolder)")
        self.found[tuple(os.path.relpath(path, self.root).split(os.sep))] = path

    def _kind(self, entry: os.DirEntry) -> str:
        """'folder', 'file' (to read), 'other' (ignored) or '' (skipped, said so, or seen)."""
        try:
            if entry.is_symlink() and not self._may_follow(entry.path):
                return ""
            info = entry.stat()
        except FileNotFoundError:
            self.skip(InputError(f"{entry.path}: broken symbolic link; skipped"))
            return ""
        except OSError as exc:
            self.skip(InputError(f"{entry.path}: cannot read ({exc.strerror}); skipped"))
            return ""
        if stat.S_ISDIR(info.st_mode):
            return "folder"
        name = entry.name.lower()
        if name.endswith(self.sidecar):
            return ""  # read with its document
        if not self.wanted(name):
            return "other"
        if not stat.S_ISREG(info.st_mode):
            what = special_kind(info.st_mode) or "not a regular file"
            self.skip(InputError(f"{entry.path}: {what}, not a regular file; skipped"))
            return ""
        if (info.st_dev, info.st_ino) in self.files_seen:
            return ""  # the same file reached through a link
        self.files_seen.add((info.st_dev, info.st_ino))
        return "file"

    def _may_follow(self, path: str) -> bool:
        """May the link at `path` be followed? Says why not when it may not."""
        target = os.path.realpath(path)
        if not os.path.exists(target):
            self.skip(InputError(f"{path}: broken symbolic link; skipped"))
            return False
        inside = os.path.commonpath([self.real_root, target]) == self.real_root
        if target == "/" or _is_system(target):
            self.skip(InputError(f"{path}: symbolic link to {target}; never followed; skipped"))
            return False
        if not inside and not self.follow_links:
            self.skip(InputError(f"{path}: symbolic link to {target}, outside {self.root}; "
                                 "skipped (--follow-links reads it)"))
            return False
        return True


def read_file(path: str, limit: int) -> bytes:
    """The bytes of the file at `path`, at most `limit` of them (InputError beyond, naming the
    limit); InputError naming the file for anything that cannot be read."""
    try:
        info = os.stat(path)
        for test, what in _SPECIAL[:2] + _SPECIAL[3:]:
            if test(info.st_mode):
                raise InputError(f"{path}: {what}, not a regular file")
        if stat.S_ISREG(info.st_mode) and info.st_size > limit:
            raise InputError(f"{path}: file is {info.st_size:,} bytes, over the limit of {limit:,} "
                             f"(raise it with --max-bytes)")
        with open(path, "rb") as handle:
            data = read_at_most(handle, limit + 1)
    except FileNotFoundError as exc:
        broken = " (broken symbolic link)" if os.path.islink(path) else ""
        raise InputError(f"{path}: no such file or directory{broken}") from exc
    except PermissionError as exc:
        raise InputError(f"{path}: permission denied") from exc
    except IsADirectoryError as exc:
        raise InputError(f"{path}: is a folder, expected a file") from exc
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    if len(data) > limit:
        raise InputError(f"{path}: file is over the limit of {limit:,} bytes "
                         f"(raise it with --max-bytes)")
    return data


def read_at_most(stream, count: int) -> bytes:
    """Up to `count` bytes from a binary stream, a chunk at a time (no buffer of `count` bytes
    is allocated before the bytes exist)."""
    parts, left = [], count
    while left > 0:
        part = stream.read(min(CHUNK, left))
        if not part:
            break
        parts.append(part)
        left -= len(part)
    return b"".join(parts)
