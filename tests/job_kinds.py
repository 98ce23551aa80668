"""Job kinds used by the tests (loaded through JOB_MODULES, also by the real worker's test)."""

from tracker.services.errors import ServiceError
from tracker.services.jobs import JobKind, register


def _echo(ctx):
    ctx.progress("Counting", 0.25)
    words = ctx.params.get("words", [])
    ctx.progress("Writing the file", 0.75)
    ctx.save_file("words.txt", "\n".join(words).encode(), "text/plain")
    ctx.set_result(count=len(words), asked_by=ctx.user_id)


def _fails(ctx):
    ctx.progress("About to fail", 0.5)
    ctx.save_file("half.txt", b"half", "text/plain")
    if ctx.params.get("surprise"):
        raise RuntimeError("disk on fire at /secret/path")
    raise ServiceError("The framework has no criteria, so there is nothing to write.")


def _flaky(ctx):
    # Fails on its first attempt only: a retry then succeeds.
    from tracker.models import Job

    if ctx.session.get(Job, ctx.job_id).attempts < 2:
        raise ServiceError("First attempt fails.")
    ctx.save_file("second.txt", b"second time lucky", "text/plain")


register(JobKind(name="test_echo", title="Test echo", run=_echo, return_to=("Back to home", "main.home")))
register(JobKind(name="test_fails", title="Test failure", run=_fails))
register(JobKind(name="test_flaky", title="Test flaky", run=_flaky))
