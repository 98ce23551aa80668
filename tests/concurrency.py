"""Running saves at the same moment: each in its own thread and app context, so each has its own session."""

import threading


def in_threads(app, count: int, work) -> list:
    """Run ``work(n)`` in ``count`` threads, each in its own app context (so its own session), committing
    what it did; returns each thread's result or the exception it raised."""
    from tracker.extensions import db

    results: list = [None] * count

    def run(n: int) -> None:
        with app.app_context():
            try:
                results[n] = work(n)
                db.session.commit()
            except Exception as error:  # noqa: BLE001 - the test inspects what each thread met
                db.session.rollback()
                results[n] = error
            finally:
                db.session.remove()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads), "a saving thread never finished"
    return results
