"""Repositories: the queries use cases need, by name. No commits here (the unit of work's)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import delete, select, text
from sqlalchemy.orm import Session

from canopy_shared.contracts.vocabulary import Tier
from canopy_templates.adapters.db import Assignment, Receipt, Template, TemplateVersion
from canopy_templates.domain.receivers import Holding, Receiver


class TemplateRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, item: Template | TemplateVersion) -> None:
        self._session.add(item)

    def get(self, template_id: str, *, lock: bool = False) -> Template | None:
        query = select(Template).where(Template.template_id == template_id)
        return self._session.scalars(query.with_for_update() if lock else query).first()

    def owned_by(self, owner_type: str, owner_id: str) -> Sequence[Template]:
        query = select(Template).where(
            Template.owner_type == owner_type, Template.owner_id == owner_id
        )
        return self._session.scalars(query.order_by(Template.title, Template.created_at)).all()

    def forks_of(self, template_id: str) -> Sequence[Template]:
        query = select(Template).where(Template.derived_from_template_id == template_id)
        return self._session.scalars(query.order_by(Template.created_at)).all()

    def versions(self, template_id: str) -> Sequence[TemplateVersion]:
        query = select(TemplateVersion).where(TemplateVersion.template_id == template_id)
        return self._session.scalars(query.order_by(TemplateVersion.version_number)).all()

    def version(self, template_id: str, number: int) -> TemplateVersion | None:
        query = select(TemplateVersion).where(
            TemplateVersion.template_id == template_id, TemplateVersion.version_number == number
        )
        return self._session.scalars(query).first()

    def version_by_id(self, version_id: str) -> TemplateVersion | None:
        return self._session.get(TemplateVersion, version_id)

    def latest_version(self, template_id: str) -> TemplateVersion | None:
        query = (
            select(TemplateVersion)
            .where(TemplateVersion.template_id == template_id)
            .order_by(TemplateVersion.version_number.desc())
        )
        return self._session.scalars(query).first()


class AssignmentRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, assignment: Assignment) -> None:
        self._session.add(assignment)

    def for_template(self, template_id: str, *, lock: bool = False) -> Assignment | None:
        query = select(Assignment).where(Assignment.template_id == template_id)
        return self._session.scalars(query.with_for_update() if lock else query).first()

    def take_turns(self, assigner_ids: Iterable[str]) -> None:
        """Wait for, then hold until commit, the turn of each organisation (sorted: two
        transactions taking several never wait for each other in a cycle). Taken before any
        assignment row is locked and before the read model is read; see `AssignerTurn`. One
        upsert, the same text on SQLite and PostgreSQL: on SQLite any write waits for the
        database's single writer, which serializes the same way."""
        for assigner_id in sorted(set(assigner_ids)):
            self._session.execute(_TAKE_TURN, {"assigner_id": assigner_id})

    def active_by(self, assigner_type: str, assigner_ids: Iterable[str]) -> Sequence[Assignment]:
        query = select(Assignment).where(
            Assignment.active.is_(True),
            Assignment.assigned_by_type == assigner_type,
            Assignment.assigned_by_id.in_(list(assigner_ids)),
        )
        return self._session.scalars(query.order_by(Assignment.created_at).with_for_update()).all()

    def holdings(self, assignment_id: str) -> dict[Receiver, Holding]:
        return {
            Receiver(r.district_id, Tier(r.org_type), r.org_id): Holding(r.version_id, r.locked)
            for r in self.receipts(assignment_id)
        }

    def receipts(self, assignment_id: str) -> Sequence[Receipt]:
        query = select(Receipt).where(Receipt.assignment_id == assignment_id)
        return self._session.scalars(query.order_by(Receipt.district_id, Receipt.org_id)).all()

    def hold(self, assignment_id: str, receiver: Receiver, holding: Holding, at: datetime) -> None:
        receipt = self._session.get(Receipt, (assignment_id, receiver.org_id))
        if receipt is None:
            receipt = Receipt(
                assignment_id=assignment_id,
                org_id=receiver.org_id,
                org_type=receiver.org_type.value,
            )
            self._session.add(receipt)
        receipt.district_id = receiver.district_id
        receipt.version_id, receipt.locked = holding.version_id, holding.locked
        receipt.assigned_at = at

    def release(self, assignment_id: str, receivers: Iterable[Receiver]) -> None:
        org_ids = [r.org_id for r in receivers]
        self._session.execute(
            delete(Receipt).where(
                Receipt.assignment_id == assignment_id, Receipt.org_id.in_(org_ids)
            )
        )

    def received_by(self, org_id: str) -> Sequence[tuple[Receipt, Assignment]]:
        query = (
            select(Receipt, Assignment)
            .join(Assignment, Assignment.assignment_id == Receipt.assignment_id)
            .where(Receipt.org_id == org_id)
        )
        return [(row[0], row[1]) for row in self._session.execute(query)]

    def receipt_of(self, template_id: str, org_id: str) -> Receipt | None:
        query = (
            select(Receipt)
            .join(Assignment, Assignment.assignment_id == Receipt.assignment_id)
            .where(Assignment.template_id == template_id, Receipt.org_id == org_id)
        )
        return self._session.scalars(query).first()


_TAKE_TURN = text(
    "INSERT INTO assigner_turns (assigner_id, turns) VALUES (:assigner_id, 1) "
    "ON CONFLICT (assigner_id) DO UPDATE SET turns = assigner_turns.turns + 1"
)
