"""Long work (the SEF, the board pack, the evidence pack) runs as a background job on a huey queue.

The queue is SQLite (``instance/huey.db``, nothing to install) unless ``REDIS_URL`` is set; tests
run it in immediate mode (``HUEY_IMMEDIATE``), where a job runs inside the request that asked. The
worker is ``flask --app tracker worker`` (``make run`` starts it beside the web server). A job is a
row in ``jobs`` (kind, params, status, stage, progress, error, who, when); the files it makes are rows
in ``report_files``, kept in the file store by hash. The page ``/jobs/<id>`` shows its progress and
offers the files; only the person who asked and programme managers see it.

Adding a kind of job (the recipe)
---------------------------------
1. Write a module in ``tracker/services/jobs/kinds/`` (every module there is imported when the app
   starts, so the worker knows the kind too; ``JOB_MODULES`` in the config names any others)::

       from tracker.services.jobs import JobKind, register

       def run(ctx):
           ctx.progress("Reading the data", 0.1)        # commits; call it between steps
           data = build_data(ctx.session, **ctx.params)  # ctx.params: the JSON the view passed
           ctx.progress("Writing the PDF", 0.5)
           ctx.save_file("board-pack.pdf", build_pdf(data), "application/pdf")
           ctx.set_result(pages=12)                      # small JSON facts, kept on the job

       register(JobKind(name="board_pack", title="Board pack", run=run,
                        return_to=("Back to the board summary", "board.index")))

   ``ctx`` also has ``job_id``, ``user_id`` (who asked), ``user`` and ``folder`` (the file store).
   ``run`` raises ``ServiceError(message)`` to fail with a message for the person who asked; any
   other exception fails the job with a generic reason (the traceback goes to the worker's log).
   Nothing it wrote is kept when it fails, except what a ``progress`` call had already committed.
2. In the view (after checking the role and ownership), start it and go to its page::

       job = jobs.start(db.session, "board_pack", {"meeting_id": 3}, current_user, enqueue_job)
       return redirect(url_for("jobs.show", job_id=job.id))

   where ``enqueue_job`` is ``tracker.jobs.enqueue``. ``start`` commits the job before queuing it.
3. The CLI runs the same kind inline: ``jobs.run_now(db.session, kind, params, user, folder)``.
4. Tests run in immediate mode, so a test client POST runs the job before the redirect.
"""

from .registry import JobKind, kind_for, kinds, register
from .running import Context, can_see, in_progress, retry, run_job, run_now, start, view_of

__all__ = [
    "Context", "JobKind", "can_see", "in_progress", "kind_for", "kinds", "register", "retry", "run_job", "run_now", "start",
    "view_of",
]
