"""A progress bar for long bulk runs, shown only where someone watches: a terminal or a
notebook (tqdm, Debian: python3-tqdm)."""
import sys


class _Silent:
    """Stands in for a progress bar when none is shown."""

    def update(self, count):
        """Does nothing."""

    def close(self):
        """Does nothing."""


def _watched():
    """True in a Jupyter notebook or when standard error is a terminal."""
    shell = sys.modules.get("IPython")
    if shell is not None:
        ipython = shell.get_ipython()
        if ipython is not None and "IPKernelApp" in getattr(ipython, "config", {}):
            return True
    stream = sys.stderr
    return stream is not None and hasattr(stream, "isatty") and stream.isatty()


def progress_bar(total, description, show=None):
    """A bar counting `total` rows: shown when `show` is True, or when None and someone watches;
    a silent stand-in otherwise (or when tqdm is not installed and `show` is None)."""
    if show is None:
        show = _watched()
    if not show:
        return _Silent()
    try:
        from tqdm.auto import tqdm
    except ImportError:
        if show is True:
            raise
        return _Silent()
    return tqdm(total=total, desc=description, unit="rows", unit_scale=True, leave=False)
