"""The program's core: data, rules, reports. Never imports Qt."""
