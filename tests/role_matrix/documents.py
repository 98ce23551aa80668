"""Documents on evidence items: everyone signed in reads them (board members not those backing only
restricted items, an object rule tested in test_documents_access); admins and leads change them (a lead
only on items they own, also an object rule)."""

from . import READERS, STAFF

EXPECTED = {
    "evidence.upload_document": STAFF,
    "evidence.add_link": STAFF,
    "evidence.attach_document": STAFF,
    "evidence.detach_document": STAFF,
    "evidence.new_document_version": STAFF,
    "evidence.edit_document": STAFF,
    # Inspectors read documents in their own view (inspect.py), never here.
    "evidence.document": READERS,
    "evidence.download_document": READERS,
}
