"""The person-level lists on their items (issue 14): an admin marks an item as List 1 or 2, its owner
uploads the list and checks it as a background job, the result shows on the item without a single
value from the file, and a list that has not passed cannot be marked complete."""

import logging

from sqlalchemy import select

from tests import documents_kit as kit
from tests.checks import csrf_token
from tests.person_list_factory import make
from tracker.models import AuditEvent, EvidenceItem, Job


def _mark(client, item_id, value):
    url = f"/evidence/{item_id}/person-list"
    return client.post(url, data={"csrf_token": csrf_token(client, url), "person_list": value})


def _check(client, item_id):
    return client.post(f"/evidence/{item_id}/list-check",
                       data={"csrf_token": csrf_token(client, f"/evidence/{item_id}")}, follow_redirects=True)


def _status(client, item_id, status):
    url = f"/evidence/{item_id}/status"
    version = kit.page(client.get(url)).select_one("input[name=version]")["value"]
    return client.post(url, data={"csrf_token": csrf_token(client, url), "status": status,
                                  "reason": "List sent to the inspectors", "version": version, "confirm": "y"})


def _csv(synthetic, tmp_path, name):
    return synthetic.write_csv(tmp_path / name).read_bytes()


def test_a_list_is_checked_on_its_item_and_blocks_complete_until_it_passes(app, client, sign_in, make_user,
                                                                           tmp_path, caplog):
    admin, owner = make_user("admin"), make_user("lead", name="Lou Lists")
    item_id = kit.make_item(app, "L1", owner=owner)
    sign_in(admin)
    assert _mark(client, item_id, "1").status_code == 302
    item = kit.scalar(app, select(EvidenceItem).where(EvidenceItem.id == item_id))
    assert (item.person_list, item.restricted) == (1, True), "a list is personal data"

    faulty = make(1, 30)
    bad_row = faulty.set(3, "dob", "2099-01-01")
    faulty.set(5, "unique_id", faulty.rows[4][faulty.index("unique_id")])
    sign_in(owner)
    page = kit.page(client.get(f"/evidence/{item_id}")).get_text(" ", strip=True)
    assert "List 1" in page and "No file yet" in page
    assert kit.upload(client, item_id, "list-1.csv", _csv(faulty, tmp_path, "list-1.csv")).status_code == 302

    refused = _status(client, item_id, "complete")
    assert "Check the list before marking it complete" in kit.error_for(refused, "status")

    caplog.set_level(logging.DEBUG)
    job_page = _check(client, item_id)
    assert job_page.status_code == 200
    item_page = client.get(f"/evidence/{item_id}").get_data(as_text=True)
    panel = kit.page(client.get(f"/evidence/{item_id}")).select_one("#list-check")
    text = panel.get_text(" ", strip=True)
    assert "Failed" in text and str(bad_row) in [td.get_text(strip=True) for td in panel.select("tbody td")]

    refused = _status(client, item_id, "complete")
    assert "The list failed its check" in kit.error_for(refused, "status")
    assert kit.scalar(app, select(EvidenceItem.status).where(EvidenceItem.id == item_id)) != "complete"

    # Not one value from the file reaches a page, a log line, an audit event or the job's record.
    audit = " ".join(str(a) + str(c) for a, c in kit.rows(app, select(AuditEvent.summary, AuditEvent.changes)))
    jobs = " ".join(str(r) for (r,) in kit.rows(app, select(Job.result)))
    logs = " ".join(record.getMessage() for record in caplog.records)
    for row in faulty.rows[:10]:
        for value in (row[faulty.index("unique_id")], row[faulty.index("upn")]):
            for place, where in ((item_page, "item page"), (job_page.get_data(as_text=True), "job page"),
                                 (audit, "audit"), (jobs, "job"), (logs, "logs")):
                assert str(value) not in place, f"{value} in {where}"

    clean = make(1, 30)
    assert kit.upload(client, item_id, "list-1-corrected.csv", _csv(clean, tmp_path, "clean.csv"),
                      title="List 1 corrected").status_code == 302
    assert "has not been checked" in kit.page(client.get(f"/evidence/{item_id}")).select_one(
        "#list-check").get_text(" ", strip=True)
    _check(client, item_id)
    assert "Passed" in kit.page(client.get(f"/evidence/{item_id}")).select_one("#list-check").get_text(" ")
    assert _status(client, item_id, "complete").status_code == 302
    assert kit.scalar(app, select(EvidenceItem.status).where(EvidenceItem.id == item_id)) == "complete"


def test_only_admins_mark_lists_and_only_the_owner_or_an_admin_checks_one(app, client, sign_in, make_user):
    owner, other = make_user("lead"), make_user("lead")
    item_id = kit.make_item(app, "L2", owner=owner)
    sign_in(owner)
    assert client.get(f"/evidence/{item_id}/person-list").status_code == 403
    assert _mark(client, item_id, "2").status_code == 403
    sign_in(make_user("admin"))
    assert _mark(client, item_id, "2").status_code == 302
    assert _mark(client, item_id, "3").status_code == 200, "not a choice: the form says so"
    sign_in(other)
    assert client.post(f"/evidence/{item_id}/list-check",
                       data={"csrf_token": csrf_token(client, f"/evidence/{item_id}")}).status_code == 403
