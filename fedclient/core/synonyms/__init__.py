"""One vocabulary for the words people put on spreadsheets: form labels and table headers.

Shared by every import's header matching (``core.tabular``) and by filling the township's forms
(``core.forms``). API:

    normalise(text) -> str          '（一）本月受理调解纠纷（件）：' -> '本月受理调解纠纷' (NFKC, no spaces/brackets/colons)
    unit_of(text) -> str | None     '（件）' -> '件'; units: 件 起 次 人 户 场 个 % …
    match_score(text, words) -> int 2 exact, 1 containing a word (2+ characters), 0 not
    best_match(text, vocabulary)    the one key (key -> synonyms) the text names; ambiguous -> None
    synonyms_of(header)             what people write for a canonical column header (``COLUMNS``)
    COLUMNS                         canonical column header -> synonyms (ledgers, roster, households)
    INDICATOR_WORDS / INDICATOR_UNITS / PROFILE_WORDS   form labels -> monthly indicators / profile fields
    indicator_fits(label, indicator) False when a label contradicts an indicator (率, 本月 vs 本年/累计)
"""

from .columns import COLUMNS, synonyms_of
from .labels import INDICATOR_UNITS, INDICATOR_WORDS, PROFILE_WORDS, indicator_fits
from .text import UNITS, best_match, match_score, normalise, plain_text, unit_of

__all__ = [
    "COLUMNS",
    "INDICATOR_UNITS",
    "INDICATOR_WORDS",
    "PROFILE_WORDS",
    "UNITS",
    "best_match",
    "indicator_fits",
    "match_score",
    "normalise",
    "plain_text",
    "synonyms_of",
    "unit_of",
]
