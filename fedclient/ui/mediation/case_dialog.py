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
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QRadioButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from fedclient.core.database import Database
from fedclient.core.mediation import (
    CaseDraft,
    CaseRecord,
    CaseRefused,
    PartyDraft,
    get_case,
    mediator_choices,
    save_case,
)
from fedclient.core.vocab import (
    AGREEMENT_FORMS,
    CASE_SOURCES,
    CASE_TYPES,
    MEDIATION_METHODS,
    REFERRAL_TARGETS,
    RISK_LEVELS,
)

from ..signals import data_signals
from .followups_page import FollowUpsPage
from .parties_table import PartiesTable
from .widgets import OptionalDate, date_edit, error_label, show_problems, to_date, to_qdate

# Which page holds each field, so a refusal brings the right page forward.
PAGE_OF = {
    "parties": 1,
    "methods": 2,
    "mediators": 2,
    "mediation_started": 2,
    **dict.fromkeys(
        ("outcome", "outcome_date", "agreement_form", "agreement_terms", "performance_deadline", "referred_to",
         "closed_date"), 3),
}  # fmt: skip


def _text(edit: QPlainTextEdit, placeholder: str, height: int = 80) -> QPlainTextEdit:
    edit.setPlaceholderText(placeholder)
    edit.setMinimumHeight(height)
    return edit


class CaseDialog(QDialog):
    def __init__(self, db: Database, draft: CaseDraft | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.saved_id: int | None = None
        record = db.run(get_case, draft.id) if draft is not None and draft.id is not None else None
        self.record: CaseRecord | None = record
        self.draft = record.draft if record else (draft or CaseDraft(received_date=date.today()))
        self.setWindowTitle(f"调解案件 {self.draft.number}" if self.draft.id else "登记调解案件")
        self.resize(900, 640)
        self.pages = QTabWidget()
        self.pages.addTab(self._build_register_page(), "受理登记")
        self.parties = PartiesTable()
        self.pages.addTab(self.parties, "当事人")
        self.pages.addTab(self._build_mediation_page(), "调解过程")
        self.pages.addTab(self._build_outcome_page(), "结果与结案")
        self.followups = FollowUpsPage(db, self.draft.id, self.draft.number, self)
        self.pages.addTab(self.followups, "回访")
        self.errors = error_label()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        save_button.setText("保存")
        save_button.setProperty("primary", True)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("关闭")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        layout.addWidget(self.errors)
        layout.addWidget(buttons)
        self.load(self.draft)

    # --- pages ----------------------------------------------------------------------------------------
    def _build_register_page(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.number = QLabel()
        self.origin = QLabel()
        self.origin.setProperty("role", "hint")
        self.received = date_edit()
        self.source = QComboBox()
        self.source.addItems(CASE_SOURCES)
        self.dispute_type = QComboBox()
        self.dispute_type.addItems(CASE_TYPES)
        self.risk = QComboBox()
        self.risk.addItems([f"{r}色" for r in RISK_LEVELS])
        self.risk.setToolTip("红：可能激化（伤人、自伤、上访）；黄：矛盾较深；蓝：一般纠纷")
        self.flags = {
            "flag_criminal_risk": QCheckBox("民转刑倾向"),
            "flag_petition_risk": QCheckBox("群体上访倾向"),
            "flag_self_harm_risk": QCheckBox("自伤自杀倾向"),
        }
        flags = QHBoxLayout()
        flags.addWidget(self.risk)
        flags.addSpacing(16)
        flags.addWidget(QLabel("风险提示："))
        for box in self.flags.values():
            flags.addWidget(box)
        flags.addStretch(1)
        row = QHBoxLayout()
        for label, widget in (
            ("受理日期", self.received),
            ("来源", self.source),
            ("纠纷类型", self.dispute_type),
        ):
            row.addWidget(QLabel(label))
            row.addWidget(widget)
        row.addStretch(1)
        self.description = _text(
            QPlainTextEdit(), "一两句话说明纠纷（如：夫妻因家务分担长期争吵，女方提出离婚）"
        )
        self.facts = _text(QPlainTextEdit(), "纠纷的主要事实和争议焦点（写入调解协议书）", 100)
        form.addRow("案件编号", self.number)
        form.addRow("", self.origin)
        form.addRow(row)
        form.addRow("风险等级", flags)
        form.addRow("纠纷简要情况", self.description)
        form.addRow("事实与争议", self.facts)
        return page

    def _build_mediation_page(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.methods = {m: QCheckBox(m) for m in MEDIATION_METHODS}
        grid = QGridLayout()
        for i, box in enumerate(self.methods.values()):
            grid.addWidget(box, i // 3, i % 3)
        self.mediators = QListWidget()
        self.mediators.setMinimumHeight(180)
        for member_id, label in self.db.run(mediator_choices):
            self._add_mediator(member_id, label)
        self.started = OptionalDate("已开始调解，日期")
        form.addRow("调解方法（五导）", grid)
        form.addRow("调解员（可多选）", self.mediators)
        form.addRow("调解开始", self.started)
        return page

    def _add_mediator(self, member_id: int, label: str) -> QListWidgetItem:
        item = QListWidgetItem(label)
        item.setData(Qt.ItemDataRole.UserRole, member_id)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Unchecked)
        self.mediators.addItem(item)
        return item

    def _build_outcome_page(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.outcome_none = QRadioButton("尚无结果")
        self.outcome_success = QRadioButton("调解成功")
        self.outcome_failure = QRadioButton("调解不成（转介）")
        self.outcome_group = QButtonGroup(page)
        outcome_row = QHBoxLayout()
        for button in (self.outcome_none, self.outcome_success, self.outcome_failure):
            self.outcome_group.addButton(button)
            outcome_row.addWidget(button)
        outcome_row.addStretch(1)
        self.outcome_date = date_edit()
        self.agreement_form = QComboBox()
        self.agreement_form.addItems(["（请选择）", *AGREEMENT_FORMS])
        self.terms = _text(QPlainTextEdit(), "达成的协议内容，一条一行", 90)
        self.performance_method = QLineEdit()
        self.performance_method.setPlaceholderText("如：分期给付，执委监督履行")
        self.deadline = OptionalDate("约定履行期限")
        self.referred = QComboBox()
        self.referred.setEditable(True)
        self.referred.addItems(["", *REFERRAL_TARGETS])
        self.closed = OptionalDate("已结案，结案日期")
        self.turned_criminal = QCheckBox("已转为刑事案件（民转刑）")
        self.notes = QLineEdit()
        form.addRow("调解结果", outcome_row)
        form.addRow("结果日期", self.outcome_date)
        form.addRow("协议形式", self.agreement_form)
        form.addRow("协议内容", self.terms)
        form.addRow("履行方式", self.performance_method)
        form.addRow("履行期限", self.deadline)
        form.addRow("转介去向", self.referred)
        form.addRow("结案", self.closed)
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
        self.received.setDate(to_qdate(d.received_date or date.today()))
        self.source.setCurrentText(d.source)
        self.dispute_type.setCurrentText(d.dispute_type)
        self.risk.setCurrentText(f"{d.risk_level}色")
        for name, box in self.flags.items():
            box.setChecked(getattr(d, name))
        self.description.setPlainText(d.description)
        self.facts.setPlainText(d.facts)
        self.parties.set_parties(d.parties or [PartyDraft("applicant"), PartyDraft("respondent")])
        for method, box in self.methods.items():
            box.setChecked(method in d.methods)
        names = self.record.mediator_names if self.record else {}
        present = {
            self.mediators.item(i).data(Qt.ItemDataRole.UserRole): i for i in range(self.mediators.count())
        }
        for member_id in d.mediator_ids:
            item = self.mediators.item(present[member_id]) if member_id in present else None
            if item is None:  # a mediator who has left stays on her old cases
                item = self._add_mediator(member_id, f"{names.get(member_id, '')}（已离任）")
            item.setCheckState(Qt.CheckState.Checked)
        self.started.set_value(d.mediation_started)
        {None: self.outcome_none, "调解成功": self.outcome_success, "调解不成": self.outcome_failure}.get(
            d.outcome, self.outcome_none
        ).setChecked(True)
        self.outcome_date.setDate(to_qdate(d.outcome_date or date.today()))
        self.agreement_form.setCurrentText(d.agreement_form or "（请选择）")
        self.terms.setPlainText(d.agreement_terms)
        self.performance_method.setText(d.performance_method)
        self.deadline.set_value(d.performance_deadline)
        self.referred.setCurrentText(d.referred_to)
        self.closed.set_value(d.closed_date)
        self.turned_criminal.setChecked(d.turned_criminal)
        self.notes.setText(d.notes)
        self._outcome_changed()

    def current(self) -> tuple[CaseDraft, list[str]]:
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
            received_date=to_date(self.received.date()),
            source=self.source.currentText(),
            dispute_type=self.dispute_type.currentText(),
            description=self.description.toPlainText().strip(),
            facts=self.facts.toPlainText().strip(),
            risk_level=self.risk.currentText()[:1],
            methods=[m for m, box in self.methods.items() if box.isChecked()],
            mediator_ids=[
                self.mediators.item(i).data(Qt.ItemDataRole.UserRole)
                for i in range(self.mediators.count())
                if self.mediators.item(i).checkState() == Qt.CheckState.Checked
            ],
            parties=parties,
            mediation_started=self.started.value(),
            outcome=outcome,
            outcome_date=to_date(self.outcome_date.date()) if outcome else None,
            agreement_form=self.agreement_form.currentText()
            if success and self.agreement_form.currentIndex()
            else "",
            agreement_terms=self.terms.toPlainText().strip() if success else "",
            performance_method=self.performance_method.text().strip() if success else "",
            performance_deadline=self.deadline.value() if success else None,
            referred_to=self.referred.currentText().strip() if outcome == "调解不成" else "",
            closed_date=self.closed.value(),
            turned_criminal=self.turned_criminal.isChecked(),
            notes=self.notes.text().strip(),
            service_id=self.draft.service_id,
        )
        for name, box in self.flags.items():
            setattr(draft, name, box.isChecked())
        return draft, problems

    def save(self, today: date | None = None) -> bool:
        draft, problems = self.current()
        if problems:
            show_problems(self.errors, problems)
            self.pages.setCurrentIndex(1)
            return False
        try:
            self.saved_id = self.db.run(save_case, draft, today or date.today())
        except CaseRefused as refused:
            show_problems(self.errors, list(refused.errors.values()))
            self.pages.setCurrentIndex(PAGE_OF.get(refused.field, 0))
            return False
        data_signals.changed.emit("mediation")
        if draft.service_id is not None:
            data_signals.changed.emit("grids")
        self.accept()
        return True
