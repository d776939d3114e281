"""schematool: declarative schema-as-code for PostgreSQL."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("schematool")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"
