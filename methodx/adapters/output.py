"""Where the command line writes: stdout, or a file replaced only by a finished run.

A file is written to a temporary file beside it and renamed over it at the end, so a
failed run (a missing input, a full disk) leaves an existing file as it was, and a reader
never sees half a file. After Ctrl-C what was written so far is kept, each record whole.
"""

import os
import signal
import stat
import sys
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path


class OutputError(Exception):
    """The output cannot be written (the command line exits with 5)."""


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def _new_file_mode(target: Path) -> int:
    """The mode the file would have had if opened in place: the old file's, or what the umask allows."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


class Output:
    """A text stream for one command's output; use it as a context manager.

    target: a path, or '-' for stdout. inputs: the paths the command reads, which it must not overwrite.
    Opening it checks the location (folder exists, not a folder, writable) before any input is read.
    """

    def __init__(self, target: str, inputs: Iterable[str] = ()):
        self.name = "standard output" if target == "-" else target
        self.temporary: Path | None = None
        if target == "-":
            if sys.stdout is None:
                raise OutputError("standard output is closed")
            self.stream = sys.stdout
            self.target = None
            return
        self.target = Path(target)
        if self.target.is_symlink() and self.target.is_file():  # replace the file it points to, and keep the link
            self.target = self.target.resolve()
        if self.target.is_dir():
            raise OutputError(f"{target}: is a folder")
        if any(_same_file(self.target, Path(source)) for source in inputs if source != "-"):
            raise OutputError(f"{target}: is also an input: write the output to another file")
        if not self.target.parent.is_dir():
            raise OutputError(f"{target}: there is no folder {self.target.parent}")
        try:
            if self.target.exists() and not self.target.is_file():  # a device or a pipe (/dev/null): written in place
                self.stream = open(self.target, "w", encoding="utf-8")
            else:
                handle, name = tempfile.mkstemp(prefix=f".{self.target.name}.", suffix=".part", dir=self.target.parent)
                self.temporary = Path(name)
                self.stream = open(handle, "w", encoding="utf-8")
        except OSError as error:
            raise OutputError(f"{target}: cannot be written: {error.strerror}") from None

    @property
    def is_terminal(self) -> bool:
        return self.target is None and hasattr(self.stream, "isatty") and self.stream.isatty()

    def write(self, text: str) -> None:
        try:
            self.stream.write(text)
        except BrokenPipeError:
            raise
        except OSError as error:
            raise OutputError(f"{self.name}: cannot be written: {error.strerror}") from None

    def close(self, keep: bool) -> None:
        """Keep what was written (the temporary file renamed over the target), or throw it away."""
        try:
            try:
                self.stream.flush()
                if self.stream is not sys.stdout:
                    self.stream.close()
            except BrokenPipeError:
                raise
            except OSError as error:
                if keep:
                    raise OutputError(f"{self.name}: cannot be written: {error.strerror}") from None
            if keep and self.temporary is not None and self.target is not None:
                try:
                    os.chmod(self.temporary, _new_file_mode(self.target))
                    os.replace(self.temporary, self.target)
                except OSError as error:
                    raise OutputError(f"{self.name}: cannot be written: {error.strerror}") from None
        finally:
            if self.temporary is not None and self.temporary.exists():
                self.temporary.unlink()

    def __enter__(self) -> "Output":
        return self

    def __exit__(self, kind, error, trace) -> None:
        self.close(keep=kind is None or issubclass(kind, KeyboardInterrupt))


@contextmanager
def whole() -> Iterator[None]:
    """Ctrl-C during a write takes effect once the write is done: the output never ends in half a record."""
    caught: list[int] = []
    try:
        previous = signal.signal(signal.SIGINT, lambda number, frame: caught.append(number))
    except ValueError:  # not the main thread, which alone receives signals
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        if caught and callable(previous):
            previous(signal.SIGINT, None)
