"""Widgets of the 承诺 tab: the pledge list and its detail, the pledge form, the boards, the assessment."""
