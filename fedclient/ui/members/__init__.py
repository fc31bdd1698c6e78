"""Widgets of the 成员 tab: the roster list, the people helped, their dialogs, import and export."""
