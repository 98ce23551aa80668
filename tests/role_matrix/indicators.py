from . import ADMIN, READERS, STAFF

EXPECTED = {
    "indicators.index": READERS,
    "indicators.indicator": READERS,
    "indicators.enter_value": STAFF,
    "indicators.enter_row": STAFF,
    "indicators.new_indicator": ADMIN,
    "indicators.edit_indicator": ADMIN,
    "indicators.new_benchmark": ADMIN,
    "indicators.edit_benchmark": ADMIN,
    "indicators.delete_benchmark": ADMIN,
}
