"""The evidence pack page and its download, streamed as it is made."""

from flask import Response, current_app, render_template, request
from flask_login import current_user

from ..access import allow
from ..extensions import db
from ..models.enums import Role
from ..reports import evidence_pack
from ..services import audit, clock
from ..services.call import pack as service
from ..services.permissions import is_admin
from ..services.settings import partnership_name
from . import bp
from .forms import PackForm

PACK_ROLES = (Role.ADMIN, Role.LEAD, Role.INSPECTOR)


@bp.route("/pack")
@allow(PACK_ROLES)
def pack():
    form = PackForm()
    return render_template("call/pack.html", title="Evidence pack", form=form, can_include=is_admin(current_user))


def zip_name(include_restricted: bool) -> str:
    stamp = clock.now().strftime("%Y-%m-%d-%H%M")
    return f"evidence-pack-{stamp}{'-INSPECTORS-ONLY' if include_restricted else ''}.zip"


@bp.route("/pack/download")
@allow(PACK_ROLES)
def pack_download():
    include = request.args.get("restricted") == "1"
    content = service.build(db.session, current_user, upload_folder=current_app.config["UPLOAD_FOLDER"],
                            partnership=partnership_name(db.session, current_app.config["PARTNERSHIP_NAME"]),
                            include_restricted=include)
    if include:
        audit.record(db.session, current_user, "evidence_pack", "restricted", "download",
                     {"files": content.file_count}, summary="Downloaded an inspector-only evidence pack with "
                     "restricted documents")
        db.session.commit()
    archive = evidence_pack.stream(content)
    return Response(iter(archive), mimetype="application/zip", headers={
        "Content-Length": str(len(archive)),
        "Content-Disposition": f'attachment; filename="{zip_name(include)}"',
        "Cache-Control": "no-store",
    })
