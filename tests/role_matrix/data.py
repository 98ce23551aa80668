from . import ADMIN, READERS

EXPECTED = {
    "data.imports_page": ADMIN,
    "data.check_import": ADMIN,
    "data.apply_import": ADMIN,
    "data.import_template": ADMIN,
    "data.comparator_settings": ADMIN,
    "data.export_catalogue": READERS,
    "data.export_indicators": READERS,
    "data.export_programme": READERS,
}
