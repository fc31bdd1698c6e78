"""村妇联工作台 (fedclient): offline workbench for village women's federation chairs."""

__version__ = "0.1.0"  # the one place of the version: pyproject.toml and the Windows build read it
APP_NAME = "村妇联工作台"
PUBLISHER = "村妇联工作台开发组"

# Before anything imports SQLAlchemy: asyncio, importlib.metadata, hashlib and pickle (which it imports at its top
# and the window does not need) load only when something uses them (fedclient.on_demand; issue 18, the window's memory).
from fedclient import on_demand as _on_demand  # noqa: E402

_on_demand.install()
