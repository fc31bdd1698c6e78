"""村妇联工作台 (fedclient): offline workbench for village women's federation chairs."""

__version__ = "0.1.0"
APP_NAME = "村妇联工作台"
