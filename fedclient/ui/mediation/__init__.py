"""Widgets of the 调解 tab: the case dialog, the follow-up dialog, the case list model, the statistics view."""
