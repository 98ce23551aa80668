"""The inspection call: working days, deadlines, the call itself, the refresh checklist, the drill report."""
