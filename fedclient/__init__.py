"""村妇联工作台 (fedclient): offline workbench for village women's federation chairs."""

__version__ = "0.1.0"  # the one place of the version: pyproject.toml and the Windows build read it
APP_NAME = "村妇联工作台"
PUBLISHER = "村妇联工作台开发组"
