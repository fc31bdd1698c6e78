"""修改记录: one record's history (a button in each edit dialog) and the whole database's (文件 menu)."""
