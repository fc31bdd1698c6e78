"""导出月报 and 乡镇汇总 in the window: the export dialog, the township consolidation window, their menu actions."""
