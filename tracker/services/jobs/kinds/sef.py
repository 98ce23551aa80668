"""The SEF document job: build the data once, write the Word and PDF files and the executive summary, keep a version.

Params: ``formats`` (a list of "docx" and "pdf"; both when absent), ``partnership`` (the name to use
when none is set in the database). The version is recorded only when every file was made.
"""

from ....models.enums import SefStatus
from ... import clock
from ...errors import ServiceError
from ...reports import branding as branding_service
from ...reports import sef_versions
from ...reports.sef_data import build_sef_data, snapshot
from ..registry import JobKind, register

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF = "application/pdf"


def run(ctx) -> None:
    from ....reports.sef_docx import build_docx, build_summary_docx
    from ....reports.sef_pdf import build_pdf, build_summary_pdf

    formats = [f for f in ctx.params.get("formats") or ["docx", "pdf"] if f in ("docx", "pdf")]
    if not formats:
        raise ServiceError("Choose Word, PDF or both.")
    ctx.progress("Reading the self-evaluation and its figures", 0.05)
    brand = branding_service.branding(ctx.session, ctx.folder, ctx.params.get("partnership") or "Local area SEND partnership")
    number = sef_versions.next_number(ctx.session)
    data = build_sef_data(ctx.session, clock.today(), brand.name, number, logo=brand.logo,
                          logo_mimetype=brand.logo_mimetype)
    if data.evaluation.framework_id is None:
        raise ServiceError("No self-evaluation framework is chosen yet, so there is nothing to write.")
    made: dict[str, bytes] = {}
    steps = [("docx", "Writing the Word document", lambda: build_docx(data, brand.template)),
             ("pdf", "Writing the PDF (the longest step)", lambda: build_pdf(data)),
             ("summary-docx", "Writing the executive summary in Word", lambda: build_summary_docx(data, brand.template)),
             ("summary-pdf", "Writing the executive summary as a PDF", lambda: build_summary_pdf(data))]
    steps = [s for s in steps if s[0].removeprefix("summary-") in formats]
    for n, (which, stage, build) in enumerate(steps):
        ctx.progress(stage, 0.1 + 0.85 * n / len(steps))
        made[which] = build()
    ctx.progress("Keeping the new version", 0.97)
    hashes = {}
    for which, data_bytes in made.items():
        mimetype = DOCX if which.endswith("docx") else PDF
        row = ctx.save_file(sef_versions.file_name(number, SefStatus.DRAFT.value, brand.name, which), data_bytes, mimetype)
        hashes[which] = row.sha256
    version = sef_versions.record(ctx.session, number=number, framework_id=data.evaluation.framework_id,
                                  user_id=ctx.user_id, snapshot=snapshot(data), files=hashes)
    ctx.set_result(version_id=version.id, version_number=number)


register(JobKind(name="sef", title="Self-evaluation (SEF) documents", run=run,
                 return_to=("Back to the SEF documents", "sef_documents.index")))
