"""Business rules as plain functions over a session: views, CLI, API and reports all call these."""
