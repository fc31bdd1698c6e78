"""What a 开机密码 must be: long enough to be worth it, short enough to type every morning."""

from __future__ import annotations

MIN_LENGTH = 6


def password_problem(password: str) -> str | None:
    """Why ``password`` cannot be used (a Chinese sentence), or None."""
    if len(password) < MIN_LENGTH:
        return f"开机密码至少要 {MIN_LENGTH} 个字符（可以是数字、字母或汉字）。"
    if password.strip() != password:
        return "开机密码的开头和结尾不能是空格。"
    return None
