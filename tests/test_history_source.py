import pytest
from sqlalchemy.orm import Session

from fedclient.core.history.source import Source, get_source, set_source


def test_source_set_on_a_session_is_read_back_and_labelled():
    session = Session()
    assert get_source(session) == Source("program")
    set_source(session, "import", "花名册.xlsx")
    assert get_source(session).label() == "导入 花名册.xlsx"
    with pytest.raises(ValueError):
        set_source(session, "elsewhere")
    assert get_source(Session()).kind == "program"
