"""The case dialog: registration, parties, mediation, outcome and closing, follow-ups of one case.

Saving checks the whole case with the core's workflow rules; a refusal is shown under the pages (and the
page of the first problem is brought forward) while everything typed stays in place.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from fedclient.core.changes import Area
from fedclient.core.grids.household_file import suggest_household
from fedclient.core.mediation import (
    CaseDraft,
    CaseRecord,
    PartyDraft,
    get_case,
    mediator_choices,
    save_case,
)
from fedclient.core.pipl.export import find_party
from fedclient.core.vocab import (
    AGREEMENT_FORMS,
    CASE_SOURCES,
    CASE_TYPES,
    MEDIATION_METHODS,
    REFERRAL_TARGETS,
    RISK_LEVELS,
)

from ..choices_read import read_choices
from ..forms import ButtonRow, DateInput, Form, OptionalDate, choices, combo, combo_value, select_value
from ..grids.household_picker import HouseholdPicker
from ..grids.widgets import CheckList
from ..looks import set_role, tab_widget
from ..operations import OperationRunner
from ..pipl_actions import person_button
from .followups_page import FollowUpsPage
from .parties_table import PartiesTable

NO_FORM = "（请选择）"
TOP = Qt.AlignmentFlag.AlignTop


def _text(edit: QPlainTextEdit, placeholder: str, height: int = 80) -> QPlainTextEdit:
    edit.setPlaceholderText(placeholder)
    edit.setMinimumHeight(height)
    return edit


class CaseDialog(QDialog):
    def __init__(self, ops: OperationRunner, draft: CaseDraft | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.ops = ops
        self.saved_id: int | None = None
        record = ops.read_now(get_case, draft.id) if draft is not None and draft.id is not None else None
        self.record: CaseRecord | None = record
        self.draft = record.draft if record else (draft or CaseDraft(received_date=date.today()))
        self.setWindowTitle(f"调解案件 {self.draft.number}" if self.draft.id else "登记调解案件")
        self.resize(900, 640)
        self.form = Form(self)
        self.pages = tab_widget()
        self.pages.addTab(self._build_register_page(), "受理登记")
        self.parties = PartiesTable(
            picker=lambda household_id: HouseholdPicker(ops, household_id),
            suggest=lambda address: ops.read_now(suggest_household, address),
        )
        self.pages.addTab(self.form.field("parties", self.parties), "当事人")
        if self.draft.id is not None:  # a saved party's PIPL requests: the row selected
            case_id = self.draft.id
            self.parties.button_row.addWidget(
                person_button(
                    ops,
                    "case_parties",
                    lambda: ops.read_now(find_party, case_id, self.parties.selected_name()),
                    self.parties.selected_name,
                    self,
                    self.reject,
                )
            )
        self.pages.addTab(self._build_mediation_page(), "调解过程")
        self.pages.addTab(self._build_outcome_page(), "结果与结案")
        self.followups = FollowUpsPage(ops, self.draft.id, self.draft.number, self)
        self.pages.addTab(self.followups, "回访")
        self.buttons = ButtonRow(cancel_text="关闭")
        self.buttons.save_clicked.connect(self.save)
        self.buttons.cancel_clicked.connect(self.reject)
        self.buttons.offer_history(
            ops, "mediation_cases", self.draft.id, f"调解案件 {self.draft.number or ''}"
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        layout.addWidget(self.form.top)
        layout.addWidget(self.buttons)
        self.load(self.draft)
        read_choices(
            ops,
            self,
            mediator_choices,
            fill=self._mediators_read,
            waiting=(self.mediators, self.buttons.save),
        )

    # --- pages ----------------------------------------------------------------------------------------
    def _build_register_page(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.number = QLabel()
        self.origin = QLabel()
        set_role(self.origin, "hint")
        self.received = DateInput()
        self.source = combo(choices(CASE_SOURCES))
        self.dispute_type = combo(choices(CASE_TYPES))
        self.risk = combo([(f"{r}色", r) for r in RISK_LEVELS])
        self.risk.setToolTip("红：可能激化（伤人、自伤、上访）；黄：矛盾较深；蓝：一般纠纷")
        self.flags = {
            "flag_criminal_risk": QCheckBox("民转刑倾向"),
            "flag_petition_risk": QCheckBox("群体上访倾向"),
            "flag_self_harm_risk": QCheckBox("自伤自杀倾向"),
        }
        flags = QHBoxLayout()
        flags.addWidget(self.form.field("risk_level", self.risk), 0, TOP)
        flags.addSpacing(16)
        flags.addWidget(QLabel("风险提示："))
        for box in self.flags.values():
            flags.addWidget(box, 0, TOP)
        flags.addStretch(1)
        row = QHBoxLayout()
        for label, name, widget in (
            ("受理日期", "received_date", self.received),
            ("来源", "source", self.source),
            ("纠纷类型", "dispute_type", self.dispute_type),
        ):
            row.addWidget(QLabel(label), 0, TOP)
            row.addWidget(self.form.field(name, widget), 0, TOP)
        row.addStretch(1)
        self.description = _text(
            QPlainTextEdit(), "一两句话说明纠纷（如：夫妻因家务分担长期争吵，女方提出离婚）"
        )
        self.facts = _text(QPlainTextEdit(), "纠纷的主要事实和争议焦点（写入调解协议书）", 100)
        form.addRow("案件编号", self.number)
        form.addRow("", self.origin)
        form.addRow(row)
        form.addRow("风险等级", flags)
        form.addRow("纠纷简要情况", self.form.field("description", self.description))
        form.addRow("事实与争议", self.form.field("facts", self.facts))
        return page

    def _build_mediation_page(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.methods = {m: QCheckBox(m) for m in MEDIATION_METHODS}
        methods = QWidget()
        grid = QGridLayout(methods)
        grid.setContentsMargins(0, 0, 0, 0)
        for i, box in enumerate(self.methods.values()):
            grid.addWidget(box, i // 3, i % 3)
        self.mediators = CheckList()  # a filter line above: zxl finds 张秀兰 among a county's thousands
        self.mediators.list.setMinimumHeight(150)
        self.mediator_choices: list[tuple[int, str]] | None = None  # read once the dialog is up
        self.mediators_wanted: list[int] = []  # the case's own, ticked when they are
        self.started = OptionalDate("已开始调解，日期")
        form.addRow("调解方法（五导）", self.form.field("methods", methods))
        form.addRow("调解员（可多选）", self.form.field("mediators", self.mediators))
        form.addRow("调解开始", self.form.field("mediation_started", self.started))
        return page

    def _mediators_read(self, choices: list[tuple[int, str]]) -> None:
        self.mediator_choices = choices
        self._offer_mediators(self.mediators_wanted)

    def _offer_mediators(self, ids: list[int]) -> None:
        names = self.record.mediator_names if self.record else {}
        present = {member_id for member_id, _label in self.mediator_choices}
        left = [  # a mediator who has left stays on her old cases
            (member_id, f"{names.get(member_id, '')}（已离任）")
            for member_id in ids
            if member_id not in present
        ]
        self.mediators.set_items(self.mediator_choices + left, ids)  # (the ticked ones first)

    def _build_outcome_page(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.outcome_none = QRadioButton("尚无结果")
        self.outcome_success = QRadioButton("调解成功")
        self.outcome_failure = QRadioButton("调解不成（转介）")
        self.outcome_group = QButtonGroup(page)
        outcome_box = QWidget()
        outcome_row = QHBoxLayout(outcome_box)
        outcome_row.setContentsMargins(0, 0, 0, 0)
        for button in (self.outcome_none, self.outcome_success, self.outcome_failure):
            self.outcome_group.addButton(button)
            outcome_row.addWidget(button)
        outcome_row.addStretch(1)
        self.outcome_date = DateInput()
        self.agreement_form = combo([(NO_FORM, ""), *choices(AGREEMENT_FORMS)])
        self.terms = _text(QPlainTextEdit(), "达成的协议内容，一条一行", 90)
        self.performance_method = QLineEdit()
        self.performance_method.setPlaceholderText("如：分期给付，执委监督履行")
        self.deadline = OptionalDate("约定履行期限")
        self.referred = combo(choices(("", *REFERRAL_TARGETS)), editable=True)
        self.closed = OptionalDate("已结案，结案日期")
        self.turned_criminal = QCheckBox("已转为刑事案件（民转刑）")
        self.notes = QLineEdit()
        for label, name, widget in (
            ("调解结果", "outcome", outcome_box),
            ("结果日期", "outcome_date", self.outcome_date),
            ("协议形式", "agreement_form", self.agreement_form),
            ("协议内容", "agreement_terms", self.terms),
            ("履行方式", "performance_method", self.performance_method),
            ("履行期限", "performance_deadline", self.deadline),
            ("转介去向", "referred_to", self.referred),
            ("结案", "closed_date", self.closed),
        ):
            form.addRow(label, self.form.field(name, widget))
        form.addRow("", self.turned_criminal)
        form.addRow("备注", self.notes)
        for button in (self.outcome_none, self.outcome_success, self.outcome_failure):
            button.toggled.connect(self._outcome_changed)
        return page

    def _outcome_changed(self) -> None:
        success, failure = self.outcome_success.isChecked(), self.outcome_failure.isChecked()
        self.outcome_date.setEnabled(success or failure)
        for widget in (self.agreement_form, self.terms, self.performance_method, self.deadline):
            widget.setEnabled(success)
        self.referred.setEnabled(failure)

    # --- values ---------------------------------------------------------------------------------------
    def load(self, d: CaseDraft) -> None:
        self.number.setText(d.number or "保存时自动编号（年度-序号）")
        label = self.record.service_label if self.record else (d.notes if d.service_id else "")
        self.origin.setText(label)
        self.origin.setVisible(bool(label))
        self.received.set_value(d.received_date or date.today())
        select_value(self.source, d.source)
        select_value(self.dispute_type, d.dispute_type)
        select_value(self.risk, d.risk_level)
        for name, box in self.flags.items():
            box.setChecked(getattr(d, name))
        self.description.setPlainText(d.description)
        self.facts.setPlainText(d.facts)
        self.parties.set_parties(d.parties or [PartyDraft("applicant"), PartyDraft("respondent")])
        for method, box in self.methods.items():
            box.setChecked(method in d.methods)
        self.mediators_wanted = list(d.mediator_ids)
        if self.mediator_choices is not None:
            self._offer_mediators(d.mediator_ids)
        self.started.set_value(d.mediation_started)
        {None: self.outcome_none, "调解成功": self.outcome_success, "调解不成": self.outcome_failure}.get(
            d.outcome, self.outcome_none
        ).setChecked(True)
        self.outcome_date.set_value(d.outcome_date or date.today())
        select_value(self.agreement_form, d.agreement_form or "")
        self.terms.setPlainText(d.agreement_terms)
        self.performance_method.setText(d.performance_method)
        self.deadline.set_value(d.performance_deadline)
        select_value(self.referred, d.referred_to)
        self.closed.set_value(d.closed_date)
        self.turned_criminal.setChecked(d.turned_criminal)
        self.notes.setText(d.notes)
        self._outcome_changed()

    def current(self) -> tuple[CaseDraft, list[str]]:
        """The case as typed, and messages for what could not be read (ages that are no numbers)."""
        parties, problems = self.parties.parties()
        outcome = (
            "调解成功"
            if self.outcome_success.isChecked()
            else "调解不成"
            if self.outcome_failure.isChecked()
            else None
        )
        success = outcome == "调解成功"
        draft = CaseDraft(
            id=self.draft.id,
            number=self.draft.number,
            received_date=self.received.value(),
            source=combo_value(self.source),
            dispute_type=combo_value(self.dispute_type),
            description=self.description.toPlainText().strip(),
            facts=self.facts.toPlainText().strip(),
            risk_level=combo_value(self.risk),
            methods=[m for m, box in self.methods.items() if box.isChecked()],
            mediator_ids=self.mediators.checked_ids()
            if self.mediator_choices is not None
            else self.mediators_wanted,
            parties=parties,
            mediation_started=self.started.value(),
            outcome=outcome,
            outcome_date=self.outcome_date.value() if outcome else None,
            agreement_form=combo_value(self.agreement_form) if success else "",
            agreement_terms=self.terms.toPlainText().strip() if success else "",
            performance_method=self.performance_method.text().strip() if success else "",
            performance_deadline=self.deadline.value() if success else None,
            referred_to=combo_value(self.referred) if outcome == "调解不成" else "",
            closed_date=self.closed.value(),
            turned_criminal=self.turned_criminal.isChecked(),
            notes=self.notes.text().strip(),
            service_id=self.draft.service_id,
        )
        for name, box in self.flags.items():
            setattr(draft, name, box.isChecked())
        return draft, problems

    def save(self, today: date | None = None) -> None:
        if self.mediator_choices is None:  # (保存 waits for them)
            return
        draft, problems = self.current()
        errors = self.form.date_errors()
        if problems:
            errors["parties"] = "；".join(problems)
        if self.form.show(errors):
            changes = Area.CASES | (Area.GRIDS if draft.service_id is not None else Area(0))
            self.form.submit(
                self.ops, save_case, draft, today or date.today(), changes=changes, on_done=self._saved
            )

    def _saved(self, case_id: int) -> None:
        self.saved_id = case_id
        self.accept()
