"""Adding a link (web address and title) to an evidence item."""

import pytest
from sqlalchemy import func, select

from tests import documents_kit as kit
from tracker.models import AuditEvent, Document, DocumentVersion

BAD_URL = "Enter a web address in the correct format, like https://www.example.com"


@pytest.fixture
def admin(make_user):
    return make_user("admin", name="Priya Admin")


@pytest.fixture
def item_id(app, admin):
    return kit.make_item(app, "A1", owner=admin)


def test_a_link_is_saved_as_version_one(client, sign_in, admin, item_id, session):
    sign_in(admin)

    response = kit.add_link(client, item_id, "  https://www.example.gov.uk/send/local-offer  ", "Local offer",
                            valid_until=["31", "3", "2027"])

    assert response.status_code == 302
    assert "The link “Local offer” has been added to A1" in client.get(response.headers["Location"]).get_data(
        as_text=True)
    document = session.scalars(select(Document)).one()
    assert (document.kind, document.title, document.valid_until.isoformat()) == ("link", "Local offer", "2027-03-31")
    version = session.scalars(select(DocumentVersion)).one()
    assert (version.number, version.url, version.sha256) == (1, "https://www.example.gov.uk/send/local-offer", None)
    actions = session.scalars(select(AuditEvent.action).where(AuditEvent.entity_type.in_(
        ["document", "evidence_item"])).order_by(AuditEvent.id)).all()
    assert actions == ["create", "document_added"]


@pytest.mark.parametrize(
    "url",
    ["www.example.com", "javascript:alert(1)", "ftp://example.com/file", "file:///etc/passwd", "https://",
     "https://exa mple.com", "http://example.com:99999/", "https://..example.com"],
)
def test_only_web_addresses_are_accepted(client, sign_in, admin, item_id, session, url):
    sign_in(admin)
    response = kit.add_link(client, item_id, url, "Local offer")
    assert kit.error_for(response, "url") == BAD_URL
    assert session.scalar(select(func.count()).select_from(Document)) == 0


def test_a_link_needs_a_web_address_and_a_title(client, sign_in, admin, item_id, session):
    sign_in(admin)
    response = kit.add_link(client, item_id, "", "", effective=kit.NO_DATE)
    assert kit.error_for(response, "url") == "Enter a web address"
    assert kit.error_for(response, "title") == "Enter a title"
    summary = [a.get_text(strip=True) for a in kit.page(response).select(".govuk-error-summary a")]
    assert summary == ["Enter a web address", "Enter a title", "Enter the effective date"]
    assert session.scalar(select(func.count()).select_from(Document)) == 0
