"""导出月报: the monthly workbook for the township (shared/reports.md), and the reminder to send it.

``layout`` names the sheets, indicators (with their owning domain) and columns; ``data`` reads them from the
domains' ``report`` modules; ``writer`` writes the workbook; ``export`` saves it and remembers it was sent
(``sent``); ``reminders`` asks for last month's report; ``consolidate`` merges the villages' workbooks for the township.

Nothing is imported here: each caller imports the module it uses, so the township's ``consolidate`` command
(``consolidate``, ``township``) does not load the database side (``data``, ``export``) it never uses.
"""
