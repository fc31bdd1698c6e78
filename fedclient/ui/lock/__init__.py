"""开机密码 in the window: asking for it at start, locking when idle or from the menu, setting and changing it,
the recovery code (shown, printed) and 忘记密码."""
