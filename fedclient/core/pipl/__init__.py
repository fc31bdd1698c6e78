"""个人信息保护法 requests for one person (a member, a person helped, or a mediation party): ``export`` writes
everything the program holds about her into one workbook; ``erase`` removes her personal data everywhere,
the history's values included, and keeps her records as anonymous rows so that past figures do not change."""

PERSON_KINDS = {"members": "成员", "helped_people": "帮扶对象", "case_parties": "调解当事人"}
ERASED_NAME = "（已删除）"
