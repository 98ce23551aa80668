from . import ADMIN, ALL, READERS

# Versions are the partnership's working (admins, leads and board members read them); inspectors see
# only the latest Final SEF.
EXPECTED = {
    "sef_documents.index": READERS,
    "sef_documents.preview": READERS,
    "sef_documents.generate": ADMIN,
    "sef_documents.download": READERS,
    "sef_documents.mark_final": ADMIN,
    "sef_documents.delete": ADMIN,
    "sef_documents.compare": READERS,
    "sef_documents.final": ALL,
    "sef_documents.final_download": ALL,
    "sef_documents.branding": ADMIN,
}
