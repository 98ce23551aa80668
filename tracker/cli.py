"""Command-line faces: `flask --app tracker <command>`. Each command calls the same services as the views."""

from flask import Flask


def register(app: Flask) -> None:
    from .remind import remind_command

    app.cli.add_command(remind_command)
